#!/usr/bin/env bash
# Booking benchmarks of issue 3, all measured in one run on this machine against the built
# distribution and the external PostgreSQL, in a fresh database this script creates and drops:
#  1. bookable search: 5,000 hosts, 100,000 bookings (bench/booking-seed.sql, written with SQL
#     after Cores has migrated the schema); wrk -t2 -c16 -d10s --latency on
#     /api/booking/bookable/?active=1&free=1&nores=1&lab=1,2,3&limit=50 anonymously, with a token,
#     and with a token plus mine=1 / mygroup=1; /api/health in the same runs as the baseline.
#     The pages in the same runs: the dashboard and /bookables with the same filters for the
#     logged-in user (a session cookie from the login form), /bookables anonymously, and a host's
#     page (issue 12's targets: p99 <= 25 ms each).
#     Reports req/s, p99 and the CPU each request costs (Cores' JVM plus its PostgreSQL backends,
#     and the JVM's part, from /proc: on a shared machine it moves far less with the load than the
#     latency does);
#     medians of `runs` runs after a warm-up of each URL.
#  2. booking creation under contention: 50 concurrent POSTs for the same slot of one bookable
#     (bench/src/main/java/cores/bench/BookingContention.java): time to settle per round and the
#     median; fails unless each round answers exactly one 201 and 49 409s.
# Needs: `mvn -B -DskipTests package` done, wrk, curl, psql, PostgreSQL on 127.0.0.1:5432 (trust).
# Usage: bench/booking.sh [runs] [rounds]   (default 3 and 7). BENCH_DIST=<dir> measures another
# build of the distribution; the environment reaches Cores (e.g. CORES_DB_POOL_SIZE=4,
# CORES_JAVA_OPTS); BENCH_PORT (default 18010) is Cores' port; BENCH_DB names the database it
# creates and drops (default cores_bench_booking_<pid>). After the runs it prints the JVM's
# resident memory (RSS, not heap: issue 16's target 4); BENCH_MEMORY=<dir> then writes the JVM's
# class histogram and native memory summary there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
runs=${1:-3}
rounds=${2:-7}
port=${BENCH_PORT:-18010}
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_booking_$$}
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

booking_cores "$dist" "$port" "$work" "$db"
pid=$cores_pid
auth=(-H "Authorization: Token $token")
session=(-H "Cookie: cores_session=$cookie")

names=(health anonymous token token+mine token+mygroup page:dashboard page:bookables page:bookables-anon page:host)
urls=("$base/api/health" "$search" "$search" "$search&mine=1" "$search&mygroup=1"
  "$base/" "$pages" "$pages" "$base/hosts/$host/")
# 0 anonymous, 1 the token, 2 the session cookie
authed=(0 0 1 1 1 2 2 0 2)
echo "search page: $(curl -fsS "$search" | grep -o '"count":[0-9]*'), with mine=1: $(curl -fsS "${auth[@]}" "$search&mine=1" | grep -o '"count":[0-9]*'), with mygroup=1: $(curl -fsS "${auth[@]}" "$search&mygroup=1" | grep -o '"count":[0-9]*')"

run_wrk() { # i seconds -> req/s p99 cpu jvm errors
  local i=$1 s=$2
  case "${authed[$i]}" in
    1) wrk_phase "$pid" $db "$s" "${auth[@]}" "${urls[$i]}" ;;
    2) wrk_phase "$pid" $db "$s" "${session[@]}" "${urls[$i]}" ;;
    *) wrk_phase "$pid" $db "$s" "${urls[$i]}" ;;
  esac
}

for i in "${!names[@]}"; do run_wrk "$i" 10 >/dev/null; done # JIT warm-up, pool filled
echo "wrk -t2 -c16 -d10s, $runs runs (load average before each run):"
for r in $(seq 1 "$runs"); do
  echo "  run $r, load $(load)"
  for i in "${!names[@]}"; do
    read -r rps p99 cpu jvm errors <<<"$(run_wrk "$i" 10)"
    printf '    %-20s %8.0f req/s  p99 %7.1f ms  cpu %5.2f ms/request (JVM %.2f) %s\n' "${names[$i]}" "$rps" "$p99" "$cpu" "$jvm" "$errors"
    echo "$rps" >>"$work/rps.$i"; echo "$p99" >>"$work/p99.$i"; echo "$cpu" >>"$work/cpu.$i"; echo "$jvm" >>"$work/jvm.$i"
  done
done
echo "medians of $runs runs:"
for i in "${!names[@]}"; do
  printf '  %-20s %8.0f req/s  p99 %7.1f ms  cpu %5.2f ms/request (JVM %.2f)\n' "${names[$i]}" \
    "$(median <"$work/rps.$i")" "$(median <"$work/p99.$i")" "$(median <"$work/cpu.$i")" "$(median <"$work/jvm.$i")"
done

echo "resident memory after the load: $(rss "$pid")"
if [ -n "${BENCH_MEMORY:-}" ]; then
  # after the reading above: the histogram's full collection changes the heap
  mkdir -p "$BENCH_MEMORY"
  jcmd "$pid" VM.native_memory summary >"$BENCH_MEMORY/nmt.txt" 2>&1 || true
  { jcmd "$pid" GC.heap_info; jstat -gc "$pid"; } >"$BENCH_MEMORY/heap.txt"
  grep -E '^(Rss|Pss)' "/proc/$pid/smaps_rollup" >"$BENCH_MEMORY/rss.txt"
  jcmd "$pid" GC.class_histogram >"$BENCH_MEMORY/histogram.txt"
  echo "memory detail in $BENCH_MEMORY (NMT needs CORES_JAVA_OPTS with -XX:NativeMemoryTracking=summary)"
fi

bookable=$("${pg[@]}" -d $db -c "select b.id from booking_bookable b join inventory_host h on h.id = b.host_id where h.hostname = 'bench-contention'")
echo "booking contention (load $(load)):"
java -cp "$root/bench/target/classes" cores.bench.BookingContention "$base" "$token" "$bookable" "$rounds" 50 | sed 's/^/  /'
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
