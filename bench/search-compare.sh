#!/usr/bin/env bash
# The bookable search without its page cache (issue 16 item 1), two builds side by side: the seed of
# booking.sh (5,000 hosts, 100,000 bookings), the "before" build on it and the "after" build on a
# copy of it (its own migrations run on the seeded rows, as on an upgrade), VACUUM ANALYZE; then
# rounds of wrk -t2 -c16 --latency with a token and bench/search-misses.lua (every request a page of
# a filter combination not asked before: the cache cannot answer), alternating between the two so
# that both see the same load: req/s, p50, p99 and CPU per request (JVM + its PostgreSQL backends,
# and the JVM's part, from /proc), medians, ratios. The same rounds measure the issue's URL repeated
# (page cache hits) as a check that the cache still answers. At the end the page cache misses of
# each build (index scans of the statement that started every cached page, from
# pg_stat_user_indexes) against the requests sent: 1.00 for a build with SearchCache's pages (before
# the searchmem branch), about 0 for one that keeps the bookables' rows instead (it reads the
# holdings with that index only when a booking or reservation starts or ends); and each build's
# resident memory after the load.
# BENCH_ONLY=writes measures instead the search while the inventory is written (issue 16, the search
# cache's refresh): the issue's URL with wrk as above while a host PATCH of the API arrives every
# BENCH_WRITE_MS (default 200) ms, one kind of write a phase: details (a column the search does not
# read), rack (a column it reads: the row changes, no place) and hostname (a rename: the places
# change); the same writes for both builds, rounds alternating between them; req/s, p50, p99 and
# CPU per request (the PATCHes' own included, the same for both), medians and ratios.
# Usage: BENCH_BEFORE=<dist> bench/search-compare.sh [rounds] [seconds]
#   BENCH_DIST=<dist> the after build (default launcher/target/cores); BENCH_PORT (default 18018,
#   the before build uses BENCH_PORT+1). Needs wrk.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
after=${BENCH_DIST:-$root/launcher/target/cores}
before=${BENCH_BEFORE:?BENCH_BEFORE=<dist of the build to compare with>}
rounds=${1:-3}
seconds=${2:-10}
port=${BENCH_PORT:-18018}
work=$(mktemp -d)
db=cores_bench_search_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; for d in $db ${db}_after; do "${pg[@]}" -c "drop database if exists $d" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
password=bench-$$-$RANDOM
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

declare -A pids ports dbs tokens
ports[before]=$((port + 1)); dbs[before]=$db
ports[after]=$port; dbs[after]=${db}_after
env_of() { # name -> Cores' environment
  echo CORES_HTTP_PORT=${ports[$1]} CORES_DATA="$work/$1/data" CORES_PLUGINS="$work/$1/plugins" \
    SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=${dbs[$1]}
}
start() { # name dist
  # shellcheck disable=SC2046
  start_cores "$2" "http://127.0.0.1:${ports[$1]}" "$work/$1.log" $(env_of "$1")
  pids[$1]=$cores_pid
}
stop() { kill -TERM "${pids[$1]}"; wait "${pids[$1]}" 2>/dev/null || true; }

# the seed, with the before build's schema; then its copy for the after build
mkdir -p "$work/before" "$work/after"
"${pg[@]}" -c "create database $db"
start before "$before"
# shellcheck disable=SC2046
seed_booking $db "$before" "$password" $(env_of before)
stop before
"${pg[@]}" -c "create database ${db}_after template $db"
start before "$before"
start after "$after"
# autovacuum is off on the benchmark machine: VACUUM and ANALYZE as it would
for d in $db ${db}_after; do "${pg[@]}" -d $d -c "vacuum analyze"; done
for name in before after; do tokens[$name]=$(api_token "http://127.0.0.1:${ports[$name]}" bench "$password"); done

repeated="/api/booking/bookable/?active=1&free=1&nores=1&lab=1,2,3&limit=50"
measure() { # name kind seconds [seed] -> "req/s p50 p99 cpu jvm requests errors"
  local name=$1 kind=$2 s=$3 out before_t after_t script=()
  out=$(mktemp) before_t=$(mktemp) after_t=$(mktemp)
  [ "$kind" = misses ] && script=(-s "$root/bench/search-misses.lua")
  ticks "${pids[$name]}" "${dbs[$name]}" >"$before_t"
  BENCH_SEED=${4:-1} wrk -t2 -c16 -d"${s}s" --timeout 10s --latency "${script[@]}" \
    -H "Authorization: Token ${tokens[$name]}" "http://127.0.0.1:${ports[$name]}$repeated" >"$out"
  ticks "${pids[$name]}" "${dbs[$name]}" >"$after_t"
  awk -v hz="$hz" -v jvm="${pids[$name]}" '
    function ms(v, u) { u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); return u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
    FILENAME == ARGV[1] {b[$1] = $2; next}
    FILENAME == ARGV[2] {t += $2 - b[$1]; if ($1 == jvm) j = $2 - b[$1]; next}
    /requests in/ {n = $1} /Requests\/sec/ {r = $2} $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)}
    /Non-2xx|Socket errors/ {$1 = $1; bad = bad " (" $0 ")"}
    END {printf "%.0f %.1f %.1f %.2f %.2f %d%s\n", r, p50, p99, t * 1000 / hz / n, j * 1000 / hz / n, n, bad}' \
    "$before_t" "$after_t" "$out"
  rm -f "$out" "$before_t" "$after_t"
}
misses() { # name -> index scans of the cached page's first statement so far (one per miss)
  "${pg[@]}" -d "${dbs[$1]}" -c "select idx_scan from pg_stat_user_indexes where indexrelname = 'booking_reservation_start_time_idx'"
}

page() { curl -fsS -H "Authorization: Token ${tokens[$1]}" "http://127.0.0.1:${ports[$1]}$2" | sed "s/:${ports[$1]}\//:PORT\//g" | md5sum | cut -c1-12; }
for q in "$repeated" "$repeated&offset=50&ordering=-ip" "/api/booking/bookable/?hw=3,9&limit=50&offset=100" \
  "/api/booking/bookable/?active=1&free=1&nores=1&limit=50&offset=100" "/api/booking/bookable/?free=1&ordering=-hostname&offset=4000" \
  "/api/booking/bookable/?building=2&mine=1&ordering=ip" "/api/booking/bookable/?mygroup=1&nores=1&offset=9999"; do
  echo "the same answer from both (port aside): $([ "$(page before "$q")" = "$(page after "$q")" ] && echo yes || echo NO) for $q"
done
if [ "${BENCH_ONLY:-}" = writes ]; then
  read -r low high <<<"$("${pg[@]}" -d $db -F ' ' -c "select min(id), max(id) from inventory_host")"
  read -r rlow rhigh <<<"$("${pg[@]}" -d $db -F ' ' -c "select min(id), max(id) from inventory_rack")"
  interval=$(awk -v ms="${BENCH_WRITE_MS:-200}" 'BEGIN {print ms / 1000}')
  writes() { # name kind seconds round: one PATCH of a random host every BENCH_WRITE_MS, the same
    # hosts and values for both builds (RANDOM seeded by the round); prints the PATCHes sent
    local end=$((SECONDS + $3)) i=0 id body
    RANDOM=$4
    while [ $SECONDS -lt $end ]; do
      id=$((low + RANDOM % (high - low + 1)))
      case $2 in
        details) body="{\"details\": \"bench $4 $i\"}" ;;
        rack) body="{\"rack\": $((rlow + RANDOM % (rhigh - rlow + 1)))}" ;;
        hostname) body="{\"hostname\": \"w$4-$i-$id\"}" ;;
      esac
      curl -fsS -o /dev/null -X PATCH -H "Authorization: Token ${tokens[$1]}" \
        -H 'Content-Type: application/json' -d "$body" \
        "http://127.0.0.1:${ports[$1]}/api/inventory/host/$id/" || echo "PATCH failed: $body" >&2
      i=$((i + 1))
      sleep "$interval"
    done
    echo $i >"$work/sent.$1"
  }
  kinds=(details rack hostname)
  for name in before after; do # warm-up: C2 compiles for a minute
    writes "$name" rack 30 0 & measure "$name" hits 30 >/dev/null; wait $!
  done
  echo "wrk -t2 -c16 -d${seconds}s on the issue's URL with a token, a host PATCH every ${BENCH_WRITE_MS:-200} ms, $rounds rounds (load average before each):"
  for r in $(seq 1 "$rounds"); do
    echo "  round $r, load $(load)"
    for kind in "${kinds[@]}"; do
      for name in before after; do
        writes "$name" $kind "$seconds" "$r" &
        read -r rps p50 p99 cpu jvm n errors <<<"$(measure "$name" hits "$seconds")"
        wait $!
        printf '    %-8s %-6s %6s req/s  p50 %6s ms  p99 %6s ms  cpu %5s ms/request (JVM %s), %s PATCHes %s\n' \
          "$kind" "$name" "$rps" "$p50" "$p99" "$cpu" "$jvm" "$(cat "$work/sent.$name")" "$errors"
        for v in rps p50 p99 cpu; do echo "${!v}" >>"$work/$v.$kind.$name"; done
      done
    done
  done
  echo "medians of $rounds rounds:"
  for kind in "${kinds[@]}"; do
    for name in before after; do
      printf '  %-8s %-6s %6.0f req/s  p50 %6.1f ms  p99 %6.1f ms  cpu %5.2f ms/request\n' "$kind" "$name" \
        "$(median <"$work/rps.$kind.$name")" "$(median <"$work/p50.$kind.$name")" \
        "$(median <"$work/p99.$kind.$name")" "$(median <"$work/cpu.$kind.$name")"
    done
    awk -v r0="$(median <"$work/rps.$kind.before")" -v r1="$(median <"$work/rps.$kind.after")" \
      -v m0="$(median <"$work/p50.$kind.before")" -v m1="$(median <"$work/p50.$kind.after")" \
      -v p0="$(median <"$work/p99.$kind.before")" -v p1="$(median <"$work/p99.$kind.after")" \
      -v c0="$(median <"$work/cpu.$kind.before")" -v c1="$(median <"$work/cpu.$kind.after")" -v k=$kind \
      'BEGIN {printf "  %s after / before: req/s x%.2f, p50 x%.2f, p99 x%.2f, CPU per request x%.2f\n", k, r1 / r0, m1 / m0, p1 / p0, c1 / c0}'
  done
  echo "load at the end: $(load)"
  stop before
  stop after
  exit 0
fi
for name in before after; do measure "$name" misses 30 1000 >/dev/null; measure "$name" hits 5 >/dev/null; done # warm-up (C2 compiles for a minute)
sleep 11 # PostgreSQL's backends flush their statistics at most once a second, idle ones after 10 s
declare -A scans0 sent
for name in before after; do scans0[$name]=$(misses "$name"); sent[$name]=0; done
echo "wrk -t2 -c16 -d${seconds}s with a token, $rounds rounds (load average before each):"
for r in $(seq 1 "$rounds"); do
  echo "  round $r, load $(load)"
  for kind in misses hits; do
    for name in before after; do
      read -r rps p50 p99 cpu jvm n errors <<<"$(measure "$name" $kind "$seconds" "$r")"
      printf '    %-6s %-6s %6s req/s  p50 %6s ms  p99 %6s ms  cpu %5s ms/request (JVM %s) %s\n' "$kind" "$name" "$rps" "$p50" "$p99" "$cpu" "$jvm" "$errors"
      for v in rps p99 cpu jvm; do echo "${!v}" >>"$work/$v.$kind.$name"; done
      [ $kind = misses ] && sent[$name]=$((${sent[$name]} + n))
    done
  done
done
sleep 11
echo "medians of $rounds rounds:"
for kind in misses hits; do
  for name in before after; do
    printf '  %-6s %-6s %6.0f req/s  p99 %6.1f ms  cpu %5.2f ms/request (JVM %.2f)\n' "$kind" "$name" \
      "$(median <"$work/rps.$kind.$name")" "$(median <"$work/p99.$kind.$name")" \
      "$(median <"$work/cpu.$kind.$name")" "$(median <"$work/jvm.$kind.$name")"
  done
  awk -v r0="$(median <"$work/rps.$kind.before")" -v r1="$(median <"$work/rps.$kind.after")" \
    -v p0="$(median <"$work/p99.$kind.before")" -v p1="$(median <"$work/p99.$kind.after")" \
    -v c0="$(median <"$work/cpu.$kind.before")" -v c1="$(median <"$work/cpu.$kind.after")" -v k=$kind \
    'BEGIN {printf "  %s after / before: req/s x%.2f, p99 x%.2f, CPU per request x%.2f\n", k, r1 / r0, p1 / p0, c1 / c0}'
done
for name in before after; do
  echo "page cache misses / requests of the misses rounds, $name: $(awk -v m="$(($(misses "$name") - ${scans0[$name]}))" -v n="${sent[$name]}" 'BEGIN {printf "%d / %d = %.2f", m, n, m / n}')"
done
for name in before after; do echo "resident memory after the load, $name: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/${pids[$name]}/status")"; done
echo "load at the end: $(load)"
stop before
stop after
