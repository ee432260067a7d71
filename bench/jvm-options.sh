#!/usr/bin/env bash
# JVM option sets side by side (issue 16 item 4: resident memory and throughput), in one run on
# this machine against one build of the distribution and the external PostgreSQL: the seed of
# booking.sh (5,000 hosts, 100,000 bookings) in a fresh database this script creates and drops, one
# Cores per option set on it, all running at once on ports BENCH_PORT, BENCH_PORT+1, ...; then
# rounds of wrk -t2 -c16 --latency on each URL, alternating between the option sets (a round
# starts with the next set each time), so that all see the same load: /api/health, the /api/
# index, /api/docs, api.sh's cheapest search (limit1: /api/booking/bookable/?limit=1), booking.sh's
# bookable search (anonymously, with a token, with mine=1 and
# mygroup=1) and pages (dashboard and /bookables logged in, /bookables anonymously, a host's
# page). Reports the medians of req/s and of the CPU per request (the JVM's, and with the
# database's backends: those of every set, the idle ones' adding nothing), the ratios to the first set, and each JVM's resident memory (VmRSS, not heap) right
# after the last round and its peak (VmHWM), with its collections (jstat).
# Usage: bench/jvm-options.sh [rounds] [seconds] [set...]   (default 3, 8 and the two sets below)
#   A set is "label: [NAME=value...] [JVM options...]": the variables reach bin/cores (e.g.
#   MALLOC_ARENA_MAX=16, glibc's default on 2 cores), the options replace bin/cores' defaults as
#   CORES_JAVA_OPTS; a set without options keeps bin/cores' defaults. Default sets: "c58227b" (the
#   options before issue 16: G1, -Xms32m -Xmx512m, glibc's arenas, no class data archive of
#   Cores; -Xshare:auto makes bin/cores leave its archive out) and "default" (bin/cores' own).
#   BENCH_DIST=<dir> (default launcher/target/cores; run `bin/cores cds` in it first for its
#   archive), BENCH_PORT (default 18040), BENCH_ONLY="health index ..." measures only the URLs
#   named, BENCH_WARMUP (s, default `seconds`) per URL and set before the rounds.
# Needs: `mvn -B -DskipTests install` done, wrk, curl, psql, jstat, PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
rounds=${1:-3}
seconds=${2:-8}
shift 2 || shift $# || true
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("c58227b: MALLOC_ARENA_MAX=16 -Xms32m -Xmx512m -Xshare:auto" "default:")
port=${BENCH_PORT:-18040}
warmup=${BENCH_WARMUP:-$seconds}
work=$(mktemp -d)
db=cores_bench_jvm_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

echo "load average at the start: $(load)"
"${pg[@]}" -c "create database $db"
password=bench-$$-$RANDOM
labels=() pids=() bases=() cookies=()
for s in "${!sets[@]}"; do
  label=${sets[$s]%%:*} rest=${sets[$s]#*:} vars=() opts=()
  for word in $rest; do
    case $word in
      [A-Z]*=*) vars+=("$word") ;;
      *) opts+=("$word") ;;
    esac
  done
  [ ${#opts[@]} -eq 0 ] || vars+=("CORES_JAVA_OPTS=${opts[*]}")
  base=http://127.0.0.1:$((port + s))
  env_cores=(CORES_HTTP_PORT=$((port + s)) CORES_DATA="$work/data-$s" CORES_PLUGINS="$work/plugins"
    SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db "${vars[@]}")
  start_cores "$dist" "$base" "$work/cores-$s.log" "${env_cores[@]}"
  [ "$s" -gt 0 ] || seed_booking $db "$dist" "$password" "${env_cores[@]}"
  labels+=("$label") pids+=("$cores_pid") bases+=("$base")
  cookies+=("$(session_cookie "$base" bench "$password" "$work/cookies-$s")")
  echo "$label: ${vars[*]:-the defaults of bin/cores}, pid $cores_pid, $base"
done
token=$(api_token "${bases[0]}" bench "$password")
host=$("${pg[@]}" -d $db -c "select host_id from booking_bookable order by id limit 1 offset 17")

search="/api/booking/bookable/?active=1&free=1&nores=1&lab=1,2,3&limit=50"
pages="/bookables?free=1&nores=1&lab=1&lab=2&lab=3"
names=(health index docs limit1 anonymous token token+mine token+mygroup page:dashboard page:bookables page:bookables-anon page:host)
paths=("/api/health" "/api/" "/api/docs?format=json" "/api/booking/bookable/?limit=1" "$search" "$search" "$search&mine=1" "$search&mygroup=1"
  "/" "$pages" "$pages" "/hosts/$host/")
# 0 anonymous, 1 the token, 2 the session cookie
authed=(0 0 0 0 0 1 1 1 2 2 0 2)
only=()
for i in "${!names[@]}"; do
  [[ " ${BENCH_ONLY:-${names[*]}} " == *" ${names[$i]} "* ]] && only+=("$i")
done
run_wrk() { # set url-index seconds -> req/s p99 cpu jvm errors
  local s=$1 i=$2 t=$3 url=${bases[$1]}${paths[$2]}
  case "${authed[$i]}" in
    1) wrk_phase "${pids[$s]}" $db "$t" -H "Authorization: Token $token" "$url" ;;
    2) wrk_phase "${pids[$s]}" $db "$t" -H "Cookie: cores_session=${cookies[$s]}" "$url" ;;
    *) wrk_phase "${pids[$s]}" $db "$t" "$url" ;;
  esac
}

for s in "${!sets[@]}"; do for i in "${only[@]}"; do run_wrk "$s" "$i" "$warmup" >/dev/null; done; done
echo "wrk -t2 -c16 -d${seconds}s, $rounds rounds (load average before each round):"
n=${#sets[@]}
for r in $(seq 1 "$rounds"); do
  echo "  round $r, load $(load)"
  for i in "${only[@]}"; do
    for k in $(seq 0 $((n - 1))); do
      s=$(((k + r - 1) % n))
      read -r rps p99 cpu jvm errors <<<"$(run_wrk "$s" "$i" "$seconds")"
      printf '    %-18s %-12s %8.0f req/s  p99 %6.1f ms  cpu %6.3f ms/request (JVM %.3f) %s\n' \
        "${names[$i]}" "${labels[$s]}" "$rps" "$p99" "$cpu" "$jvm" "$errors"
      echo "$rps" >>"$work/rps.$s.$i"; echo "$cpu" >>"$work/cpu.$s.$i"; echo "$jvm" >>"$work/jvm.$s.$i"
    done
  done
done
echo "load average at the end: $(load)"
echo
gcs() { # pid: its collections so far and the heap committed
  jstat -gc "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "young collections %d (%.2f s), full %d (%.2f s), heap committed %.0f MB",
      $h["YGC"], $h["YGCT"], $h["FGC"], $h["FGCT"], ($h["S0C"] + $h["S1C"] + $h["EC"] + $h["OC"]) / 1024}'
}
for s in "${!sets[@]}"; do
  printf '%-12s resident after the load %s; %s\n' "${labels[$s]}" "$(rss "${pids[$s]}")" "$(gcs "${pids[$s]}")"
done
echo
echo "medians of $rounds rounds: req/s, JVM ms of CPU per request; ratios to ${labels[0]}: req/s, JVM CPU"
printf '| %-18s |' "URL"; for s in "${!sets[@]}"; do printf ' %-28s |' "${labels[$s]}"; done; echo
printf '|---|'; for s in "${!sets[@]}"; do printf -- '---|'; done; echo
for i in "${only[@]}"; do
  printf '| %-18s |' "${names[$i]}"
  r0=$(median <"$work/rps.0.$i") j0=$(median <"$work/jvm.0.$i")
  for s in "${!sets[@]}"; do
    rs=$(median <"$work/rps.$s.$i") js=$(median <"$work/jvm.$s.$i")
    if [ "$s" -eq 0 ]; then
      printf ' %7.0f, %.3f                 |' "$rs" "$js"
    else
      awk -v r="$rs" -v j="$js" -v r0="$r0" -v j0="$j0" \
        'BEGIN {printf " %7.0f, %.3f (%.2f, %.2f)    |", r, j, r / r0, (j0 > 0 ? j / j0 : 0)}'
    fi
  done
  echo
done
