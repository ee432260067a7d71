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
# CORES_JAVA_OPTS); BENCH_PORT (default 18010) is Cores' port. After the runs it prints the JVM's
# resident memory (RSS, not heap: issue 16's target 4).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
runs=${1:-3}
rounds=${2:-7}
port=${BENCH_PORT:-18010}
base=http://127.0.0.1:$port
work=$(mktemp -d)
db=cores_bench_booking_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

env_cores=(CORES_HTTP_PORT=$port CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins"
  SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { awk '{print $1, $2, $3}' /proc/loadavg; }

"${pg[@]}" -c "create database $db"
env "${env_cores[@]}" "$dist/bin/cores" >"$work/cores.log" 2>&1 &
pid=$!
# /api/health answers before the domain bundle has migrated its schema: wait for the search
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$base/api/booking/bookable/?limit=1" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/cores.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$base/api/booking/bookable/?limit=1"

password=bench-$$-$RANDOM
env "${env_cores[@]}" CORES_SUPERUSER_PASSWORD=$password \
  "$dist/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
user=$("${pg[@]}" -d $db -c "select id from auth_user where username = 'bench'")
t0=$(date +%s%3N)
"${pg[@]}" -d $db -v user="$user" -f "$root/bench/booking-seed.sql" >/dev/null
echo "seeded in $(( $(date +%s%3N) - t0 )) ms: $("${pg[@]}" -d $db -F ' ' -c "select
  (select count(*) from inventory_host) || ' hosts,', (select count(*) from booking_booking) || ' bookings,',
  (select count(*) from booking_booking where tstzrange(start_time, end_time) @> now()) || ' booked now,',
  (select count(*) from booking_reservation) || ' reservations'")"
token=$(curl -fsS -u "bench:$password" -H 'Content-Type: application/json' -d '{"label": "bench"}' \
  "$base/api/auth/tokens" | grep -o '"key":"[0-9a-f]*"' | cut -d'"' -f4)
auth=(-H "Authorization: Token $token")
# a browser's session: the login form's CSRF token and visitor cookie, then the session cookie
jar="$work/cookies"
form=$(curl -fsS -c "$jar" "$base/login")
csrf=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | cut -d'"' -f4)
curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$csrf" \
  --data-urlencode "username=bench" --data-urlencode "password=$password" "$base/login"
session=(-H "Cookie: cores_session=$(awk '$6 == "cores_session" {print $7}' "$jar")")
host=$("${pg[@]}" -d $db -c "select host_id from booking_bookable order by id limit 1 offset 17")

search="$base/api/booking/bookable/?active=1&free=1&nores=1&lab=1,2,3&limit=50"
pages="$base/bookables?free=1&nores=1&lab=1&lab=2&lab=3"
names=(health anonymous token token+mine token+mygroup page:dashboard page:bookables page:bookables-anon page:host)
urls=("$base/api/health" "$search" "$search" "$search&mine=1" "$search&mygroup=1"
  "$base/" "$pages" "$pages" "$base/hosts/$host/")
# 0 anonymous, 1 the token, 2 the session cookie
authed=(0 0 1 1 1 2 2 0 2)
echo "search page: $(curl -fsS "$search" | grep -o '"count":[0-9]*'), with mine=1: $(curl -fsS "${auth[@]}" "$search&mine=1" | grep -o '"count":[0-9]*'), with mygroup=1: $(curl -fsS "${auth[@]}" "$search&mygroup=1" | grep -o '"count":[0-9]*')"

# CPU clock ticks so far of the Cores JVM and of its PostgreSQL backends, one "pid ticks" a line
ticks() {
  for p in $pid $("${pg[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '$db' and application_name = 'cores'"); do
    awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true
  done
}
hz=$(getconf CLK_TCK)
run_wrk() { # i seconds -> wrk output
  local i=$1 s=$2
  case "${authed[$i]}" in
    1) wrk -t2 -c16 -d"${s}s" --latency "${auth[@]}" "${urls[$i]}" ;;
    2) wrk -t2 -c16 -d"${s}s" --latency "${session[@]}" "${urls[$i]}" ;;
    *) wrk -t2 -c16 -d"${s}s" --latency "${urls[$i]}" ;;
  esac
}

for i in "${!names[@]}"; do run_wrk "$i" 10 >/dev/null; done # JIT warm-up, pool filled
echo "wrk -t2 -c16 -d10s, $runs runs (load average before each run):"
for r in $(seq 1 "$runs"); do
  echo "  run $r, load $(load)"
  for i in "${!names[@]}"; do
    ticks >"$work/before"
    run_wrk "$i" 10 >"$work/wrk"
    ticks >"$work/after"
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
    p99=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v)}' "$work/wrk")
    n=$(awk '/requests in/ {print $1}' "$work/wrk")
    errors=$(awk '/Non-2xx|Socket errors/' "$work/wrk")
    read -r cpu jvm <<<"$(awk -v hz="$hz" -v n="$n" -v jvm="$pid" 'NR == FNR {b[$1] = $2; next}
      {t += $2 - b[$1]; if ($1 == jvm) j = $2 - b[$1]}
      END {printf "%.2f %.2f", t * 1000 / hz / n, j * 1000 / hz / n}' "$work/before" "$work/after")"
    printf '    %-20s %8.0f req/s  p99 %7.1f ms  cpu %5s ms/request (JVM %s) %s\n' "${names[$i]}" "$rps" "$p99" "$cpu" "$jvm" "$errors"
    echo "$rps" >>"$work/rps.$i"; echo "$p99" >>"$work/p99.$i"; echo "$cpu" >>"$work/cpu.$i"; echo "$jvm" >>"$work/jvm.$i"
  done
done
echo "medians of $runs runs:"
for i in "${!names[@]}"; do
  printf '  %-20s %8.0f req/s  p99 %7.1f ms  cpu %5.2f ms/request (JVM %.2f)\n' "${names[$i]}" \
    "$(median <"$work/rps.$i")" "$(median <"$work/p99.$i")" "$(median <"$work/cpu.$i")" "$(median <"$work/jvm.$i")"
done

echo "resident memory after the load: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status") (peak $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status"))"

bookable=$("${pg[@]}" -d $db -c "select b.id from booking_bookable b join inventory_host h on h.id = b.host_id where h.hostname = 'bench-contention'")
echo "booking contention (load $(load)):"
java -cp "$root/bench/target/classes" cores.bench.BookingContention "$base" "$token" "$bookable" "$rounds" 50 | sed 's/^/  /'
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
