#!/usr/bin/env bash
# The host list and host pages of two builds side by side (issue 16, target 6): the seed of
# booking.sh (5,000 hosts, 100,000 bookings) with the "before" build's schema, the "after" build on
# a copy of it (its own migrations run on the seeded rows, as on an upgrade); then rounds of
# wrk -t2 -c16 alternating between the two builds so that both see the same load, on
#   list       GET /api/inventory/host/?limit=50 with a token
#   host       GET /api/inventory/host/{id}/ with a token
#   page       GET /hosts/{id}/ logged in (a session cookie from the login form)
#   page-anon  GET /hosts/{id}/ anonymously
#   health     GET /api/health (the floor of a request here)
# req/s, p50, p99 and CPU per request (the JVM and its PostgreSQL backends, from /proc), medians of
# the rounds and the ratios after / before, with the load average before each round.
# Usage: BENCH_BEFORE=<dist> bench/hosts-compare.sh [rounds] [seconds]
#   BENCH_DIST=<dist> the after build (default launcher/target/cores); BENCH_PORT (default 18016,
#   the before build uses BENCH_PORT+1); BENCH_ONLY="list host" measures only those. Needs wrk.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
after=${BENCH_DIST:-$root/launcher/target/cores}
before=${BENCH_BEFORE:?BENCH_BEFORE=<dist of the build to compare with>}
rounds=${1:-3}
seconds=${2:-8}
port=${BENCH_PORT:-18016}
work=$(mktemp -d)
db=cores_bench_hosts_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; for d in $db ${db}_after; do "${pg[@]}" -c "drop database if exists $d" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
password=bench-$$-$RANDOM
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

declare -A pids ports dbs envs
ports[before]=$((port + 1)); dbs[before]=$db
ports[after]=$port; dbs[after]=${db}_after
environment() { # name -> the environment of its Cores, one a line
  printf '%s\n' CORES_HTTP_PORT=${ports[$1]} CORES_DATA="$work/$1/data" \
    CORES_PLUGINS="$work/$1/plugins" SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 \
    POSTGRES_USER=postgres POSTGRES_DB=${dbs[$1]}
}
start() { # name dist
  local e
  mapfile -t e < <(environment "$1")
  start_cores "$2" "http://127.0.0.1:${ports[$1]}" "$work/$1.log" "${e[@]}"
  pids[$1]=$cores_pid
}
stop() { kill -TERM "${pids[$1]}"; wait "${pids[$1]}" 2>/dev/null || true; }

# the seed, with the before build's schema; then its copy for the after build
mkdir -p "$work/before" "$work/after"
"${pg[@]}" -c "create database $db"
start before "$before"
mapfile -t seed_env < <(environment before)
seed_booking $db "$before" "$password" "${seed_env[@]}"
stop before
"${pg[@]}" -c "create database ${db}_after template $db"
start before "$before"
start after "$after"
# autovacuum is off on the benchmark machine: VACUUM and ANALYZE as it would
for d in $db ${db}_after; do "${pg[@]}" -d $d -c "vacuum analyze"; done

host=$("${pg[@]}" -d $db -c "select host_id from booking_bookable order by id limit 1 offset 17")
names=(list host page page-anon health)
paths=("/api/inventory/host/?limit=50" "/api/inventory/host/$host/" "/hosts/$host/" "/hosts/$host/" "/api/health")
declare -A header
for name in before after; do
  base=http://127.0.0.1:${ports[$name]}
  header[$name.token]="Authorization: Token $(api_token "$base" bench "$password")"
  header[$name.session]="Cookie: cores_session=$(session_cookie "$base" bench "$password" "$work/$name/cookies")"
done
headers() { # build index -> the header of that URL, if any
  case "${names[$2]}" in
    list | host) echo "${header[$1.token]}" ;;
    page) echo "${header[$1.session]}" ;;
    *) echo "X-Bench: anonymous" ;;
  esac
}
# the same answers from both builds (the CSRF token of the pages aside)
for i in 0 1 3; do
  for name in before after; do
    curl -fsS -H "$(headers $name $i)" "http://127.0.0.1:${ports[$name]}${paths[$i]}" |
      sed -e 's/csrfmiddlewaretoken" value="[^"]*"//' -e "s/:${ports[$name]}/:PORT/g" >"$work/$name.$i"
  done
  if cmp -s "$work/before.$i" "$work/after.$i"; then
    echo "${names[$i]}: the same answer from both ($(wc -c <"$work/after.$i") bytes)"
  else
    echo "${names[$i]}: the answers differ:"
    diff <(tr ',' '\n' <"$work/before.$i") <(tr ',' '\n' <"$work/after.$i") | head -20
  fi
done

measure() { # name index seconds -> "req/s p50 p99 cpu errors"
  local t0 t1
  t0=$(ticks "${pids[$1]}" "${dbs[$1]}" | awk '{t += $2} END {print t}')
  wrk -t2 -c16 -d"$3s" --timeout 10s --latency -H "$(headers "$1" "$2")" \
    "http://127.0.0.1:${ports[$1]}${paths[$2]}" >"$work/wrk"
  t1=$(ticks "${pids[$1]}" "${dbs[$1]}" | awk '{t += $2} END {print t}')
  awk -v t="$((t1 - t0))" -v hz="$hz" '
    function ms(v, u) { u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); return u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
    /requests in/ {n = $1} /Requests\/sec/ {r = $2} $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)}
    /Non-2xx|Socket errors/ {$1 = $1; bad = bad " (" $0 ")"}
    END {printf "%.0f %.1f %.1f %.3f%s\n", r, p50, p99, t * 1000 / hz / n, bad}' "$work/wrk"
}
only=${BENCH_ONLY:-${names[*]}}
selected=()
for i in "${!names[@]}"; do [[ " $only " == *" ${names[$i]} "* ]] && selected+=("$i"); done
for i in "${selected[@]}"; do for name in before after; do measure $name "$i" 8 >/dev/null; done; done # warm-up (C2)
echo "wrk -t2 -c16 -d${seconds}s, $rounds rounds (load average before each):"
for r in $(seq 1 "$rounds"); do
  echo "  round $r, load $(load)"
  for i in "${selected[@]}"; do
    for name in before after; do
      read -r rps p50 p99 cpu errors <<<"$(measure $name "$i" "$seconds")"
      printf '    %-10s %-6s %6s req/s  p50 %7s ms  p99 %7s ms  cpu %6s ms/request %s\n' "${names[$i]}" "$name" "$rps" "$p50" "$p99" "$cpu" "$errors"
      echo "$rps" >>"$work/rps.$name.$i"; echo "$p99" >>"$work/p99.$name.$i"; echo "$cpu" >>"$work/cpu.$name.$i"
    done
  done
done
echo "medians of $rounds rounds (load average now $(load)):"
printf '  %-10s %16s %16s %18s   %s\n' "" "req/s" "p99 ms" "CPU ms/request" "after / before: req/s, p99, CPU"
for i in "${selected[@]}"; do
  m() { median <"$work/$1.$2.$i"; }
  awk -v n="${names[$i]}" -v r0="$(m rps before)" -v r1="$(m rps after)" -v p0="$(m p99 before)" \
    -v p1="$(m p99 after)" -v c0="$(m cpu before)" -v c1="$(m cpu after)" \
    'BEGIN {printf "  %-10s %7.0f -> %-6.0f %7.1f -> %-6.1f %8.3f -> %-7.3f   x%.2f, x%.2f, x%.2f\n", n, r0, r1, p0, p1, c0, c1, r1 / r0, p1 / p0, c1 / c0}'
done
stop before
stop after
