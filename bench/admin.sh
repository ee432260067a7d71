#!/usr/bin/env bash
# Admin pages and change log (issue 13): on the seed of booking.sh (5,000 hosts), the admin host
# list with a search and two filters beside /api/health (wrk -t2 -c16 --latency, logged in as a
# superuser), then the same host PATCH with and without its change-log row, alternating in one run
# (the change-log trigger of inventory_host disabled for the "without" rounds): req/s, p99 and
# CPU per request (JVM + PostgreSQL backends), and their ratios.
# Usage: bench/admin.sh [runs] [seconds]. BENCH_DIST=<dir> measures another build;
# BENCH_ONLY=patch runs only the PATCH rounds (with and without the change log);
# BENCH_WARMUP=<n> warm-up rounds of each (1); BENCH_SETTLE=<s> seconds of the host list before
# each of its measured rounds, after the PATCHes of the run before; BENCH_DB=<name> and
# BENCH_PORT=<port> name the database and Cores' port. Needs wrk.
# The JVM's CPU per request still falls from round to round for minutes after a start, so the
# two PATCH rounds swap places every other run (with, without; without, with): a steady trend
# then weighs on both alike instead of always on the one measured first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
runs=${1:-3}
seconds=${2:-5}
port=${BENCH_PORT:-18013}
base=http://127.0.0.1:$port
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_admin_$$}
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

env_cores=(CORES_HTTP_PORT=$port CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins"
  SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { awk '{print $1, $2, $3}' /proc/loadavg; }

"${pg[@]}" -c "create database $db"
env "${env_cores[@]}" "$dist/bin/cores" >"$work/cores.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$base/api/health" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/cores.log" >&2; exit 1; }
  sleep 0.2
done
password=bench-$$-$RANDOM
env "${env_cores[@]}" CORES_SUPERUSER_PASSWORD=$password \
  "$dist/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
user=$("${pg[@]}" -d $db -c "select id from auth_user where username = 'bench'")
"${pg[@]}" -d $db -v user="$user" -f "$root/bench/booking-seed.sql" >/dev/null
# autovacuum is off on the benchmark machine: VACUUM as it would (the GIN indexes' pending lists)
"${pg[@]}" -d $db -c "vacuum analyze"
token=$(curl -fsS -u "bench:$password" -H 'Content-Type: application/json' -d '{"label": "bench"}' \
  "$base/api/auth/tokens" | grep -o '"key":"[0-9a-f]*"' | cut -d'"' -f4)
jar="$work/cookies"
form=$(curl -fsS -c "$jar" "$base/login")
csrf=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | cut -d'"' -f4)
curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$csrf" \
  --data-urlencode "username=bench" --data-urlencode "password=$password" "$base/login"
session="Cookie: cores_session=$(awk '$6 == "cores_session" {print $7}' "$jar")"

list="$base/admin/inventory/host?q=host-01&status=active&diskvendor=2"
echo "host list: $(curl -fsS -H "$session" "$list" | grep -o 'Hosts <span[^<]*([0-9]*)' | grep -o '([0-9]*)') of $("${pg[@]}" -d $db -c "select count(*) from inventory_host") hosts"
read -r low high <<<"$("${pg[@]}" -d $db -F ' ' -c "select min(id), max(id) from inventory_host")"
cat >"$work/patch.lua" <<LUA
-- a different host and a different value each time: every request writes (and logs) a change
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
request = function()
  local id = math.random($low, $high)
  local body = '{"details": "bench ' .. math.random(1, 1000000000) .. '"}'
  return wrk.format("PATCH", "/api/inventory/host/" .. id .. "/", nil, body)
end
LUA

ticks() {
  for p in $pid $("${pg[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '$db' and application_name in ('cores', 'cores-signals')"); do
    awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true
  done
}
hz=$(getconf CLK_TCK)
names=(health host-list patch+log patch-nolog)
case "${BENCH_ONLY:-}" in
  '') rounds=(0 1 2 3) ;;
  patch) rounds=(2 3) ;;
  *) echo "BENCH_ONLY: patch or nothing" >&2; exit 2 ;;
esac
run_wrk() { # i seconds -> wrk output
  case "$1" in
    0) wrk -t2 -c16 -d"$2s" --latency "$base/api/health" ;;
    1) wrk -t2 -c16 -d"$2s" --latency -H "$session" "$list" ;;
    2 | 3)
      "${pg[@]}" -d $db -c "alter table inventory_host $([ "$1" = 2 ] && echo enable || echo disable) trigger cores_change"
      wrk -t2 -c4 -d"$2s" --latency -s "$work/patch.lua" -H "Authorization: Token $token" \
        -H 'Content-Type: application/json' "$base" ;;
  esac
}
for _ in $(seq 1 "${BENCH_WARMUP:-1}"); do
  for i in "${rounds[@]}"; do run_wrk "$i" "$seconds" >/dev/null; done
done
echo "wrk -d${seconds}s (host list -c16, PATCH -c4), $runs runs (load average before each run):"
for r in $(seq 1 "$runs"); do
  echo "  run $r, load $(load)"
  order=("${rounds[@]}")
  if ((r % 2 == 0)); then
    n_rounds=${#order[@]}
    order[n_rounds - 2]=${rounds[n_rounds - 1]}
    order[n_rounds - 1]=${rounds[n_rounds - 2]}
  fi
  for i in "${order[@]}"; do
    # the host list's first requests after the previous run's PATCHes compute its page and filter
    # options again: BENCH_SETTLE=<s> leaves them out of its measured round (a steady read load)
    if ((i == 1)) && [ -n "${BENCH_SETTLE:-}" ]; then run_wrk 1 "$BENCH_SETTLE" >/dev/null; fi
    changes=$("${pg[@]}" -d $db -c "select count(*) from cores_change")
    ticks >"$work/before"
    run_wrk "$i" "$seconds" >"$work/wrk"
    ticks >"$work/after"
    logged=$(( $("${pg[@]}" -d $db -c "select count(*) from cores_change") - changes ))
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
    p99=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v)}' "$work/wrk")
    n=$(awk '/requests in/ {print $1}' "$work/wrk")
    errors=$(awk '/Non-2xx|Socket errors/' "$work/wrk")
    read -r cpu jvm <<<"$(awk -v hz="$hz" -v n="$n" -v jvm="$pid" 'NR == FNR {b[$1] = $2; next}
      {t += $2 - b[$1]; if ($1 == jvm) j += $2 - b[$1]}
      END {printf "%.2f %.2f", t * 1000 / hz / n, j * 1000 / hz / n}' "$work/before" "$work/after")"
    printf '    %-12s %8.0f req/s  p99 %7.1f ms  cpu %5s ms/request (JVM %s)  %s change rows %s\n' "${names[$i]}" "$rps" "$p99" "$cpu" "$jvm" "$logged" "$errors"
    echo "$rps" >>"$work/rps.$i"; echo "$p99" >>"$work/p99.$i"; echo "$cpu" >>"$work/cpu.$i"
  done
done
"${pg[@]}" -d $db -c "alter table inventory_host enable trigger cores_change"
echo "medians of $runs runs:"
for i in "${rounds[@]}"; do
  printf '  %-12s %8.0f req/s  p99 %7.1f ms  cpu %5.2f ms/request\n' "${names[$i]}" \
    "$(median <"$work/rps.$i")" "$(median <"$work/p99.$i")" "$(median <"$work/cpu.$i")"
done
awk -v a="$(median <"$work/cpu.2")" -v b="$(median <"$work/cpu.3")" \
  -v x="$(median <"$work/rps.2")" -v y="$(median <"$work/rps.3")" \
  'BEGIN {printf "change log on a write: CPU per request x%.3f, req/s x%.3f (with / without)\n", a / b, x / y}'
echo "change log on a write, median of the runs' own ratios: CPU per request x$(paste -d' ' "$work/cpu.2" "$work/cpu.3" | awk '{printf "%.3f\n", $1 / $2}' | median), req/s x$(paste -d' ' "$work/rps.2" "$work/rps.3" | awk '{printf "%.3f\n", $1 / $2}' | median)"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
