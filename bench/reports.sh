#!/usr/bin/env bash
# Report benchmarks of issue 17, measured against the built distribution and the external
# PostgreSQL, in a fresh database this script creates and drops: the seed of bench/booking.sh
# (5,000 hosts, 100,000 bookings, 250 current reservations; bench/booking-seed.sql) plus a primary
# NIC for every host. Each report (JSON, and CSV of its main table) is requested `runs` times one
# after the other with curl, after one warm-up; beside each, in the same rounds, /api/auth-test
# with the same token (authentication and the HTTP round trip, no report) as the baseline.
# Prints per URL the median and the slowest time, the answer's size, and the median's ratio to the
# baseline's median.
# Needs: `mvn -B -DskipTests install` done, curl, psql, PostgreSQL on 127.0.0.1:5432 (trust).
# Usage: bench/reports.sh [runs]   (default 15). BENCH_DIST=<dir> measures another build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
runs=${1:-15}
port=18011
base=http://127.0.0.1:$port
work=$(mktemp -d)
db=cores_bench_reports_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

env_cores=(CORES_HTTP_PORT=$port CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins"
  SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

"${pg[@]}" -c "create database $db"
env "${env_cores[@]}" "$dist/bin/cores" >"$work/cores.log" 2>&1 &
pid=$!
# /api/health answers before the domain bundle has migrated its schema: wait for a domain path
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$base/api/booking/bookable/?limit=1" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/cores.log" >&2; exit 1; }
  sleep 0.2
done

password=bench-$$-$RANDOM
env "${env_cores[@]}" CORES_SUPERUSER_PASSWORD=$password \
  "$dist/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
user=$("${pg[@]}" -d $db -c "select id from auth_user where username = 'bench'")
"${pg[@]}" -d $db -v user="$user" -f "$root/bench/booking-seed.sql" >/dev/null
"${pg[@]}" -d $db -c "insert into inventory_nic (mac, host_id, \"primary\")
  select ('00:50:' || lpad(to_hex(id / 65536), 2, '0') || ':' || lpad(to_hex(id / 256 % 256), 2, '0')
          || ':' || lpad(to_hex(id % 256), 2, '0') || ':01')::macaddr, id, true from inventory_host"
"${pg[@]}" -d $db -c "vacuum analyze inventory_nic"
token=$(curl -fsS -u "bench:$password" -H 'Content-Type: application/json' -d '{"label": "bench"}' \
  "$base/api/auth/tokens" | grep -o '"key":"[0-9a-f]*"' | cut -d'"' -f4)
auth=(-H "Authorization: Token $token")

names=(baseline assets assets.csv usage usage.csv longres longres.csv)
urls=("$base/api/auth-test" "$base/api/reports/assets" "$base/api/reports/assets?format=csv"
  "$base/api/reports/usage" "$base/api/reports/usage?format=csv"
  "$base/api/reports/longreservations?days=0" "$base/api/reports/longreservations?days=0&format=csv")
echo "seeded: $("${pg[@]}" -d $db -F ' ' -c "select
  (select count(*) from inventory_host) || ' hosts,', (select count(*) from booking_booking) || ' bookings,',
  (select count(*) from booking_reservation) || ' reservations,', (select count(*) from inventory_card) || ' cards'")"

for i in "${!names[@]}"; do curl -fsS -o /dev/null "${auth[@]}" "${urls[$i]}"; done # warm-up
echo "$runs rounds (load average before: $(awk '{print $1, $2, $3}' /proc/loadavg))"
for _ in $(seq 1 "$runs"); do
  for i in "${!names[@]}"; do
    curl -fsS -o /dev/null -w '%{time_total} %{size_download}\n' "${auth[@]}" "${urls[$i]}" \
      >>"$work/t.$i"
  done
done
echo "load average after: $(awk '{print $1, $2, $3}' /proc/loadavg)"
base_ms=$(awk '{print $1 * 1000}' "$work/t.0" | median)
for i in "${!names[@]}"; do
  med=$(awk '{print $1 * 1000}' "$work/t.$i" | median)
  max=$(awk '{print $1 * 1000}' "$work/t.$i" | sort -n | tail -n 1)
  size=$(tail -n 1 "$work/t.$i" | awk '{print $2}')
  printf '  %-12s median %7.1f ms  slowest %7.1f ms  %9s bytes  ratio %6.1f\n' "${names[$i]}" \
    "$med" "$max" "$size" "$(awk -v m="$med" -v b="$base_ms" 'BEGIN {print m / b}')"
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
