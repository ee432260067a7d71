#!/usr/bin/env bash
# Heap bytes allocated per request (issue 16 item 4) by the URLs of booking.sh, with its seed
# (5,000 hosts, 100,000 bookings, analysed): the JVM's own count of the bytes all its threads
# allocated (cores.bench.AllocationPerRequest, over a local JMX connection it attaches), before and
# after N requests sent one at a time. Unlike req/s it does not move with the machine's load: it
# tells what a change to a request's allocation did, and the young generation's collections follow
# it (bench/README.md, "Issue 16 item 4, eighteenth session").
# Needs: `mvn -B -DskipTests package` done, curl, psql, PostgreSQL on 127.0.0.1:5432 (trust).
# Usage: bench/alloc.sh [requests] [rounds]   (default 2000 and 3). BENCH_DIST=<dir> measures another
# build of the distribution; BENCH_PORT (default 18010) is Cores' port; BENCH_DB names the database
# it creates and drops (default cores_bench_alloc_<pid>); the environment reaches Cores (e.g.
# CORES_JAVA_OPTS).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
requests=${1:-2000}
rounds=${2:-3}
port=${BENCH_PORT:-18010}
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_alloc_$$}
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

booking_cores "$dist" "$port" "$work" "$db"
pid=$cores_pid
cookie="Cookie: cores_session=$cookie"
echo "$requests requests a round, $rounds rounds, load $(load)"
java -cp "$root/bench/target/classes" cores.bench.AllocationPerRequest "$pid" "$requests" "$rounds" <<URLS
health	$base/api/health
anonymous	$search
token	$search	Authorization: Token $token
token+mine	$search&mine=1	Authorization: Token $token
token+mygroup	$search&mygroup=1	Authorization: Token $token
page:dashboard	$base/	$cookie
page:bookables	$pages	$cookie
page:bookables-anon	$pages
page:host	$base/hosts/$host/	$cookie
URLS
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
