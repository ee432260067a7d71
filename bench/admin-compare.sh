#!/usr/bin/env bash
# The admin host list of two builds side by side (issue 13): the same seed as admin.sh (5,000
# hosts), the "before" build on it and the "after" build on a copy of it (its own migrations run on
# the seeded rows, as on an upgrade), both logged in as a superuser; then rounds of wrk -t2 -c16 on
# q=host-01&status=active&diskvendor=2, alternating between the two so that both see the same load:
# req/s, p50, p99 and CPU per request (JVM + its PostgreSQL backends, from /proc), medians, ratios.
# Usage: BENCH_BEFORE=<dist> bench/admin-compare.sh [rounds] [seconds]
#   BENCH_DIST=<dist> the after build (default launcher/target/cores); BENCH_PORT (default 18013,
#   the before build uses BENCH_PORT+1). Needs wrk.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
after=${BENCH_DIST:-$root/launcher/target/cores}
before=${BENCH_BEFORE:?BENCH_BEFORE=<dist of the build to compare with>}
rounds=${1:-3}
seconds=${2:-8}
port=${BENCH_PORT:-18013}
work=$(mktemp -d)
db=cores_bench_compare_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; for d in $db ${db}_after; do "${pg[@]}" -c "drop database if exists $d" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
password=bench-$$-$RANDOM
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A pids ports dbs
ports[before]=$((port + 1)); dbs[before]=$db
ports[after]=$port; dbs[after]=${db}_after
start() { # name dist
  local base=http://127.0.0.1:${ports[$1]}
  env CORES_HTTP_PORT=${ports[$1]} CORES_DATA="$work/$1/data" CORES_PLUGINS="$work/$1/plugins" \
    SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres \
    POSTGRES_DB=${dbs[$1]} "$2/bin/cores" \
    >>"$work/$1.log" 2>&1 &
  pids[$1]=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$base/api/health" 2>/dev/null && return
    kill -0 "${pids[$1]}" 2>/dev/null || { cat "$work/$1.log" >&2; exit 1; }
    sleep 0.2
  done
}
stop() { kill -TERM "${pids[$1]}"; wait "${pids[$1]}" 2>/dev/null || true; }

# the seed, with the before build's schema; then its copy for the after build
mkdir -p "$work/before" "$work/after"
"${pg[@]}" -c "create database $db"
start before "$before"
env CORES_HTTP_PORT=${ports[before]} CORES_DATA="$work/before/data" SECRET_KEY=bench-secret-key \
  POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db CORES_SUPERUSER_PASSWORD=$password \
  "$before/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
user=$("${pg[@]}" -d $db -c "select id from auth_user where username = 'bench'")
"${pg[@]}" -d $db -v user="$user" -f "$root/bench/booking-seed.sql" >/dev/null
stop before
"${pg[@]}" -c "create database ${db}_after template $db"
start before "$before"
start after "$after"
# autovacuum is off on the benchmark machine: VACUUM as it would (GIN pending lists), and ANALYZE
for d in $db ${db}_after; do "${pg[@]}" -d $d -c "vacuum analyze"; done

list="/admin/inventory/host?q=host-01&status=active&diskvendor=2"
declare -A session
for name in before after; do
  base=http://127.0.0.1:${ports[$name]}
  jar="$work/$name/cookies"
  form=$(curl -fsS -c "$jar" "$base/login")
  csrf=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | cut -d'"' -f4)
  curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$csrf" \
    --data-urlencode "username=bench" --data-urlencode "password=$password" "$base/login"
  session[$name]="Cookie: cores_session=$(awk '$6 == "cores_session" {print $7}' "$jar")"
  curl -fsS -H "${session[$name]}" "$base$list" | sed 's/csrfmiddlewaretoken" value="[^"]*"//' \
    >"$work/$name.html"
  echo "$name: $(grep -o 'Hosts <span[^<]*([0-9]*)' "$work/$name.html" | grep -o '([0-9]*)') hosts listed, page $(wc -c <"$work/$name.html") bytes"
done
cmp -s "$work/before.html" "$work/after.html" && echo "the two pages are the same (CSRF token aside)" ||
  diff "$work/before.html" "$work/after.html" | head -20

ticks() { # name -> jiffies of its JVM and its PostgreSQL backends
  for p in ${pids[$1]} $("${pg[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '${dbs[$1]}' and application_name in ('cores', 'cores-signals')"); do
    awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true
  done | awk '{t += $1} END {print t}'
}
hz=$(getconf CLK_TCK)
measure() { # name seconds -> "req/s p50 p99 cpu"
  local t0 t1
  t0=$(ticks "$1")
  wrk -t2 -c16 -d"$2s" --timeout 10s --latency -H "${session[$1]}" \
    "http://127.0.0.1:${ports[$1]}$list" >"$work/wrk"
  t1=$(ticks "$1")
  awk -v t="$((t1 - t0))" -v hz="$hz" '
    function ms(v, u) { u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); return u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
    /requests in/ {n = $1} /Requests\/sec/ {r = $2} $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)}
    /Non-2xx|Socket errors/ {$1 = $1; bad = bad " (" $0 ")"}
    END {printf "%.0f %.1f %.1f %.2f%s\n", r, p50, p99, t * 1000 / hz / n, bad}' "$work/wrk"
}
for name in before after; do measure "$name" 15 >/dev/null; done # warm-up (C2)
echo "wrk -t2 -c16 -d${seconds}s on $list, $rounds rounds (load average before each):"
for r in $(seq 1 "$rounds"); do
  echo "  round $r, load $(awk '{print $1, $2, $3}' /proc/loadavg)"
  for name in before after; do
    read -r rps p50 p99 cpu errors <<<"$(measure "$name" "$seconds")"
    printf '    %-6s %6s req/s  p50 %7s ms  p99 %7s ms  cpu %6s ms/request %s\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$errors"
    echo "$rps" >>"$work/rps.$name"; echo "$p99" >>"$work/p99.$name"; echo "$cpu" >>"$work/cpu.$name"
  done
done
echo "medians of $rounds rounds:"
for name in before after; do
  printf '  %-6s %6.0f req/s  p99 %7.1f ms  cpu %6.2f ms/request\n' "$name" \
    "$(median <"$work/rps.$name")" "$(median <"$work/p99.$name")" "$(median <"$work/cpu.$name")"
done
awk -v r0="$(median <"$work/rps.before")" -v r1="$(median <"$work/rps.after")" \
  -v p0="$(median <"$work/p99.before")" -v p1="$(median <"$work/p99.after")" \
  -v c0="$(median <"$work/cpu.before")" -v c1="$(median <"$work/cpu.after")" \
  'BEGIN {printf "after / before: req/s x%.2f, p99 x%.2f, CPU per request x%.2f\n", r1 / r0, p1 / p0, c1 / c0}'
stop before
stop after
