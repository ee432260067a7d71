#!/usr/bin/env bash
# Start to ready of several builds or JVM option sets, alternating single starts in one run (issue
# 16 item 5): one database created and migrated by a first start, then `runs` rounds, each starting
# every set once in turn (a round begins with the next set each time), against the external
# PostgreSQL. Each set keeps its own CORES_DATA across its starts, as an installed server does.
# Reports per set the median of the ms to ready (the domain API answering:
# /api/booking/bookable/?limit=1, polled every 20 ms as platform.sh does) and of the CPU ms then
# (the JVM's and that of bin/cores' commands before it), and their ratios to the first set;
# beside them the CPU ms of some of the JVM's threads at ready: the Jersey builds
# (cores-http-reload), the request threads (cores-http-N: the readiness probes and the first
# requests) and the JIT's compilers. A part's CPU moves far less with the
# machine's load than the whole start's. Last, the JVM's resident memory (VmRSS) at ready.
# Usage: bench/start-compare.sh [runs] set...   (default 8)
#   A set is "label=dist" or "label=dist=JVM options" (the options replace bin/cores' defaults as
#   CORES_JAVA_OPTS; run `bin/cores cds` in each dist first for its archive). BENCH_PORT (default
#   18030), BENCH_DB (the database created and dropped, default cores_bench_start_<pid>).
set -euo pipefail
runs=${1:-8}
shift || true
sets=("$@")
[ ${#sets[@]} -gt 0 ] || { echo "usage: $0 [runs] label=dist[=options]..." >&2; exit 2; }
port=${BENCH_PORT:-18030}
ready_path='/api/booking/bookable/?limit=1'
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_start_$$}
trap 'kill $(jobs -p) 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
# the process's own and its waited-for children's: bin/cores' commands before it execs the JVM
# (cksum, stat) count too
cpu_ms() { awk '{print ($14 + $15 + $16 + $17) * 10}' "/proc/$1/stat"; }
threads_ms() { # pid, pattern of thread names (as in /proc, at most 15 characters) -> their CPU ms
  local task sum=0
  for task in /proc/"$1"/task/*; do
    # shellcheck disable=SC2254 # the pattern is meant
    case $(cat "$task/comm" 2>/dev/null) in
      $2) sum=$((sum + $(awk '{print ($14 + $15) * 10}' "$task/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$sum"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rss_mb() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
start() { # index -> "ready-ms cpu-ms builds-ms requests-ms jit-ms rss-mb" (fails after 60 s)
  local label=${sets[$1]%%=*} rest=${sets[$1]#*=} dist opts t0 pid
  dist=${rest%%=*}
  [ "$rest" = "$dist" ] && opts=unset || opts=${rest#*=}
  t0=$(now_ms)
  if [ "$opts" = unset ]; then
    env CORES_HTTP_PORT=$port CORES_DATA="$work/data-$1" CORES_PLUGINS="$work/plugins-$1" \
      SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db \
      "$dist/bin/cores" >"$work/$label.log" 2>&1 &
  else
    env CORES_HTTP_PORT=$port CORES_DATA="$work/data-$1" CORES_PLUGINS="$work/plugins-$1" \
      SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db \
      CORES_JAVA_OPTS="$opts" "$dist/bin/cores" >"$work/$label.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port$ready_path" 2>/dev/null; then
      echo "$(( $(now_ms) - t0 )) $(cpu_ms "$pid") $(threads_ms "$pid" 'cores-http-relo*')" \
        "$(threads_ms "$pid" 'cores-http-[0-9]*') $(threads_ms "$pid" 'C[12] CompilerThre') $(rss_mb "$pid")"
      kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$label exited early: $(tail -3 "$work/$label.log")" >&2; return 1; }
    sleep 0.02
  done
  echo "$label: not ready within 60 s" >&2; return 1
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
n=${#sets[@]}
start 0 >/dev/null # migrates the database
for i in $(seq 0 $((n - 1))); do start "$i" >/dev/null; done # each set's data folder, as after an install
for r in $(seq 0 $((runs - 1))); do
  for k in $(seq 0 $((n - 1))); do
    i=$(( (r + k) % n ))
    start "$i" >>"$work/set-$i.txt"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %28s %8s %8s %9s %8s %7s %16s\n' set "ready ms median (range)" "CPU ms" "builds" "requests" "JIT" \
  "RSS MB" "ratio ready, CPU"
for i in $(seq 0 $((n - 1))); do
  f=$work/set-$i.txt
  ready=$(cut -d' ' -f1 "$f" | median); cpu=$(cut -d' ' -f2 "$f" | median)
  builds=$(cut -d' ' -f3 "$f" | median); requests=$(cut -d' ' -f4 "$f" | median)
  jit=$(cut -d' ' -f5 "$f" | median); rss=$(cut -d' ' -f6 "$f" | median)
  [ "$i" = 0 ] && { ready0=$ready; cpu0=$cpu; }
  printf '%-14s %28s %8s %8s %9s %8s %7s %16s\n' "${sets[$i]%%=*}" \
    "$ready ($(sort -n "$f" | head -1 | cut -d' ' -f1) to $(sort -n "$f" | tail -1 | cut -d' ' -f1))" \
    "$cpu" "$builds" "$requests" "$jit" "$rss" "$(awk -v a="$ready" -v b="$ready0" -v c="$cpu" -v d="$cpu0" 'BEGIN {printf "x%.2f, x%.2f", a / b, c / d}')"
done
