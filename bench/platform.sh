#!/usr/bin/env bash
# Platform benchmarks of issue 2, all measured in one run on this machine:
#  1. cold start of the built distribution to the first 200 from /api/health and to ready (the
#     domain API answering: /api/booking/bookable/?limit=1, issue 16), medians of N, against the
#     external PostgreSQL and on the embedded database;
#  2. resident memory after start and 1,000 /api/health requests;
#  3. /api/health throughput with wrk (2 threads, 16 connections, 10 s) against a bare Jetty
#     handler on the same JVM (bench/src/main/java/cores/bench/BareJettyHealth.java), as a ratio;
#     also the server's CPU time per request (utime+stime from /proc), which other processes on a
#     shared machine disturb far less than req/s.
# Needs: `mvn -B -DskipTests package` done, wrk, curl, PostgreSQL on 127.0.0.1:5432 (trust).
# Usage: bench/platform.sh [runs]   (default 5)
# Environment: BENCH_DIST (default launcher/target/cores), BENCH_PORT (default 18000; the bare
# handler uses BENCH_PORT+99), BENCH_WARMUP seconds of wrk before each throughput measurement
# (default 30: C2 compiles Jersey's request path for many CPU-seconds first), BENCH_ONLY=start to
# run only part 1 (the cold starts). Each start's wall time is followed by the JVM's CPU time
# (utime+stime) when the first 200 arrived, in parentheses: it moves far less with other load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
runs=${1:-5}
port=${BENCH_PORT:-18000}
bare_port=$((port + 99))
warmup=${BENCH_WARMUP:-30}
ready_path='/api/booking/bookable/?limit=1'
work=$(mktemp -d)
db=cores_bench_$$
trap 'kill $(jobs -p) 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
wait_health() { # start-ms pid -> prints "ms-to-health cpu-ms ms-to-ready", fails after 60 s
  local start=$1 pid=$2 health=
  for _ in $(seq 1 3000); do
    if [ -z "$health" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null; then
      health="$(( $(now_ms) - start )) $(( $(cpu_ticks "$pid") * 10 ))"
    fi
    # ready: the domain API answers (issue 16), which may come after the first 200 from /api/health
    if [ -n "$health" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port$ready_path" 2>/dev/null; then
      echo "$health $(( $(now_ms) - start ))"; return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "cores exited early; log: $work/cores.log" >&2; return 1; }
    sleep 0.02
  done
  echo "no 200 from /api/health and $ready_path within 60 s" >&2; return 1
}
start_cores() { # extra env assignments...; sets $pid (no subshell: it must stay our child)
  env CORES_HTTP_PORT=$port CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins" \
    SECRET_KEY=bench-secret-key "$@" "$dist/bin/cores" >"$work/cores.log" 2>&1 &
  pid=$!
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, 1/100 s
throughput() { # pid url -> "req/s cpu-microseconds-per-request"
  local before after out
  wrk -t2 -c16 -d"${warmup}s" "$2" >/dev/null # JIT warm-up, the same for Cores and the baseline
  before=$(cpu_ticks "$1"); out=$(wrk -t2 -c16 -d10s "$2"); after=$(cpu_ticks "$1")
  echo "$out" | awk -v b="$before" -v a="$after" '/requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.1f\n", r, (a - b) * 10000 / n}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
ext=(POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)

# warm-up run: migrates the fresh database, so the measured runs start like an upgrade-free restart
t0=$(now_ms); start_cores "${ext[@]}"; wait_health "$t0" "$pid" >/dev/null; stop

cold_starts() { # label file extra-env... : $runs starts, each "ms (cpu-ms) ready-ms", then the medians
  local label=$1 file=$2; shift 2
  echo "cold start, $label (ms to /api/health, JVM CPU ms then in parentheses, ms to ready: $ready_path; $runs runs):"
  for _ in $(seq 1 "$runs"); do
    t0=$(now_ms); start_cores "$@"; wait_health "$t0" "$pid"; stop
  done >"$file"
  awk '{printf "%s (%s) %s, ", $1, $2, $3} END {print ""}' "$file"
  echo "  median: $(cut -d' ' -f1 "$file" | median) ms, CPU $(cut -d' ' -f2 "$file" | median) ms; ready $(cut -d' ' -f3 "$file" | median) ms"
}
cold_starts "external PostgreSQL" "$work/ext.txt" "${ext[@]}"

t0=$(now_ms); start_cores; wait_health "$t0" "$pid" >/dev/null; stop # creates the embedded data
cold_starts "embedded PostgreSQL (data folder reused after a first start)" "$work/emb.txt"

if [ "${BENCH_ONLY:-}" = start ]; then
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

t0=$(now_ms); start_cores "${ext[@]}"; wait_health "$t0" "$pid" >/dev/null
for _ in $(seq 1 1000); do printf 'url = "http://127.0.0.1:%s/api/health"\noutput = "/dev/null"\n' "$port"; done >"$work/urls"
curl -fsS -K "$work/urls"
echo "resident memory after start + 1,000 /api/health: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status")"

read -r cores_rps cores_cpu < <(throughput "$pid" "http://127.0.0.1:$port/api/health")
stop
java -cp "$root/bench/target/cores-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*" \
  cores.bench.BareJettyHealth "$bare_port" >"$work/bare.log" 2>&1 &
bare=$!
for _ in $(seq 1 200); do curl -fsS -o /dev/null "http://127.0.0.1:$bare_port/" 2>/dev/null && break; sleep 0.05; done
read -r bare_rps bare_cpu < <(throughput "$bare" "http://127.0.0.1:$bare_port/")
kill "$bare"
echo "/api/health throughput: cores $cores_rps req/s, bare Jetty $bare_rps req/s, ratio $(awk -v a="$cores_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", a/b}')"
echo "server CPU per request: cores $cores_cpu us, bare Jetty $bare_cpu us, ratio (bare/cores) $(awk -v a="$cores_cpu" -v b="$bare_cpu" 'BEGIN {printf "%.2f", b/a}')"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
