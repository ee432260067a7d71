#!/usr/bin/env bash
# Request overhead benchmarks of issue 16 (items 2 and 3), all measured in one run on this machine
# against the built distribution and the external PostgreSQL, in a fresh database per build that
# this script creates and drops:
#  - the /api/ index and /api/docs (OpenAPI JSON) against /api/health, as ratios of req/s;
#  - a token-authenticated request against the same request anonymously, as ratios:
#    /api/booking/bookable/?limit=1 (readable anonymously; the database is empty, so the search
#    itself is cheap and the token's own cost shows);
#  - the same request with HTTP Basic credentials against it with the token (item 7: a password
#    verified lately is not hashed again), as ratios.
# wrk -t2 -c16 -d10s --latency, after a warm-up of each URL; req/s, p99 and the CPU each request
# costs (Cores' JVM plus its PostgreSQL backends, and the JVM's part, from /proc: on a shared
# machine it moves far less with the load than req/s does); medians of `runs` runs.
# Several builds can be compared in the same run: each directory given is measured in turn
# (e.g. a copy of launcher/target/cores from before a change, then the current one).
# Needs: `mvn -B -DskipTests install` done, wrk, curl, psql, PostgreSQL on 127.0.0.1:5432 (trust).
# Usage: bench/api.sh [runs] [dist...]   (default 3 and launcher/target/cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
shift || true
dists=("$@")
[ ${#dists[@]} -gt 0 ] || dists=("$root/launcher/target/cores")
port=18020
base=http://127.0.0.1:$port
work=$(mktemp -d)
db=cores_bench_api_$$
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { awk '{print $1, $2, $3}' /proc/loadavg; }
hz=$(getconf CLK_TCK)
search="$base/api/booking/bookable/?limit=1"
names=(health index docs anonymous token basic)
urls=("$base/api/health" "$base/api/" "$base/api/docs?format=json" "$search" "$search" "$search")
authed=(0 0 0 0 token basic)

# CPU clock ticks so far of the Cores JVM and of its PostgreSQL backends, one "pid ticks" a line
ticks() {
  for p in $pid $("${pg[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '$db' and application_name in ('cores', 'cores-signals')"); do
    awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true
  done
}
run_wrk() { # i seconds -> wrk output
  if [ "${authed[$1]}" = token ]; then
    wrk -t2 -c16 -d"$2s" --latency -H "Authorization: Token $token" "${urls[$1]}"
  elif [ "${authed[$1]}" = basic ]; then
    wrk -t2 -c16 -d"$2s" --latency -H "Authorization: Basic $basic" "${urls[$1]}"
  else
    wrk -t2 -c16 -d"$2s" --latency "${urls[$1]}"
  fi
}

measure() { # dist label
  local dist=$1 label=$2 r i
  "${pg[@]}" -c "drop database if exists $db" -c "create database $db"
  local env_cores=(CORES_HTTP_PORT=$port CORES_DATA="$work/data-$label" CORES_PLUGINS="$work/plugins"
    SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)
  env "${env_cores[@]}" "$dist/bin/cores" >"$work/cores-$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$search" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/cores-$label.log" >&2; exit 1; }
    sleep 0.2
  done
  local password=bench-$$-$RANDOM
  env "${env_cores[@]}" CORES_SUPERUSER_PASSWORD=$password \
    "$dist/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
  basic=$(printf '%s' "bench:$password" | base64 -w0)
  token=$(curl -fsS -u "bench:$password" -H 'Content-Type: application/json' -d '{"label": "bench"}' \
    "$base/api/auth/tokens" | grep -o '"key":"[0-9a-f]*"' | cut -d'"' -f4)
  "${pg[@]}" -d $db -c "analyze"
  for i in "${!names[@]}"; do run_wrk "$i" 10 >/dev/null; done # JIT warm-up, pool filled
  echo "$label ($dist), $runs runs (load average before each run):"
  for r in $(seq 1 "$runs"); do
    echo "  run $r, load $(load)"
    for i in "${!names[@]}"; do
      ticks >"$work/before"
      run_wrk "$i" 10 >"$work/wrk"
      ticks >"$work/after"
      local rps p99 n errors cpu jvm
      rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
      p99=$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v)}' "$work/wrk")
      n=$(awk '/requests in/ {print $1}' "$work/wrk")
      errors=$(awk '/Non-2xx|Socket errors/' "$work/wrk")
      read -r cpu jvm <<<"$(awk -v hz="$hz" -v n="$n" -v jvm="$pid" 'NR == FNR {b[$1] = $2; next}
        {t += $2 - b[$1]; if ($1 == jvm) j = $2 - b[$1]}
        END {printf "%.1f %.1f", t * 1e6 / hz / n, j * 1e6 / hz / n}' "$work/before" "$work/after")"
      printf '    %-10s %8.0f req/s  p99 %7.1f ms  cpu %7s us/request (JVM %s) %s\n' "${names[$i]}" "$rps" "$p99" "$cpu" "$jvm" "$errors"
      echo "$rps" >>"$work/$label.rps.$i"; echo "$p99" >>"$work/$label.p99.$i"; echo "$cpu" >>"$work/$label.cpu.$i"
    done
  done
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

echo "load average at the start: $(load)"
for d in "${!dists[@]}"; do measure "${dists[$d]}" "build$((d + 1))"; done
echo
echo "medians of $runs runs: req/s, p99 ms, CPU us per request (JVM + PostgreSQL backends)"
printf '| %-10s |' "build"; for n in "${names[@]}"; do printf ' %-24s |' "$n"; done
printf ' %-13s | %-13s | %-22s | %-22s |\n' "index/health" "docs/health" "token/anonymous" "basic/token"
for d in "${!dists[@]}"; do
  label=build$((d + 1))
  printf '| %-10s |' "$label"
  for i in "${!names[@]}"; do
    printf ' %6.0f, %5.1f, %7.1f   |' "$(median <"$work/$label.rps.$i")" "$(median <"$work/$label.p99.$i")" "$(median <"$work/$label.cpu.$i")"
  done
  awk -v h="$(median <"$work/$label.rps.0")" -v x="$(median <"$work/$label.rps.1")" \
    -v o="$(median <"$work/$label.rps.2")" -v a="$(median <"$work/$label.rps.3")" \
    -v t="$(median <"$work/$label.rps.4")" -v ac="$(median <"$work/$label.cpu.3")" \
    -v tc="$(median <"$work/$label.cpu.4")" -v b="$(median <"$work/$label.rps.5")" \
    -v bc="$(median <"$work/$label.cpu.5")" \
    'BEGIN {printf " %13.2f | %13.2f | req/s %.2f, CPU %.2f | req/s %.2f, CPU %.2f |\n",
      x / h, o / h, a / t, tc / ac, t / b, bc / tc}'
done
echo "(token/anonymous: anonymous req/s over token req/s, and token CPU over anonymous CPU: 1.0 is free;"
echo " basic/token likewise: Basic credentials against the token)"
echo "load average at the end: $(load)"
