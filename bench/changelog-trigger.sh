#!/usr/bin/env bash
# The change-log trigger's own cost (issue 13), without the JVM or the network: on the seed of
# booking.sh, a procedure updates one random host and commits, N times, as the persistence
# bundle's transactions do (the acting user's four set_config first); the backend's
# own CPU per transaction (/proc/self/schedstat, read by the backend: nanoseconds, not ticks), with
# inventory_host's trigger disabled ("none"), with the migrated cores_change_record ("current"),
# and with each variant given, in turn, every round in a different order.
# Usage: bench/changelog-trigger.sh [rounds] [transactions] [variant.sql...]. A variant file
# replaces cores_change_record (CREATE OR REPLACE FUNCTION, or anything else it needs) before each
# of its rounds; after it, its variant.undo.sql if there is one, and "current" again.
# BENCH_DIST=<dir> migrates the database with that build; BENCH_DB=<name> and BENCH_PORT=<port>
# name the database and Cores' port. synchronous_commit is off: the commit's WAL flush, the same
# with or without the log, stays out of the figures. BENCH_SESSIONS=<k> runs
# k such procedures at once, as admin.sh's PATCHes run 4 at once (random hosts: two sessions may
# update the same one and wait for each other, as two PATCHes may). The update flips the
# host's hypervisor flag, which no index holds: its details, as a PATCH of admin.sh writes them,
# would add every index's entries, whose GIN pending lists' flushes (at most every few hundred
# updates, milliseconds each) move a round by more than the trigger costs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${BENCH_DIST:-$root/launcher/target/cores}
rounds=${1:-5}
n=${2:-3000}
shift 2 || shift $#
variants=("$@")
sessions=${BENCH_SESSIONS:-1}
port=${BENCH_PORT:-18014}
base=http://127.0.0.1:$port
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_trigger_$$}
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

env_cores=(CORES_HTTP_PORT=$port CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins"
  SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB=$db)
"${pg[@]}" -c "create database $db"
start_cores "$dist" "$base" "$work/cores.log" "${env_cores[@]}"
seed_booking "$db" "$dist" "bench-$$-$RANDOM" "${env_cores[@]}"
kill -TERM "$cores_pid"
wait "$cores_pid" 2>/dev/null || true
"${pg[@]}" -d $db -c "vacuum analyze"
"${pg[@]}" -d $db -c "select pg_get_functiondef('cores_change_record()'::regprocedure)" >"$work/current.sql"
echo ';' >>"$work/current.sql"
user=$("${pg[@]}" -d $db -c "select id from auth_user where username = 'bench'")
"${pg[@]}" -d $db <<SQL
CREATE PROCEDURE bench_updates(n int) LANGUAGE plpgsql AS \$\$
DECLARE
  low bigint;
  high bigint;
  host bigint;
BEGIN
  SELECT min(id), max(id) INTO low, high FROM inventory_host;
  FOR i IN 1..n LOOP
    PERFORM set_config('cores.user_id', '$user', true), set_config('cores.username', 'bench', true),
      set_config('cores.impersonator_id', '', true), set_config('cores.impersonator', '', true);
    -- in a variable: compared with a volatile expression, id would be scanned row by row
    host := low + floor(random() * (high - low + 1))::bigint;
    UPDATE inventory_host SET hypervisor = NOT hypervisor WHERE id = host;
    COMMIT;
  END LOOP;
END \$\$;
SQL

names=(none current)
files=("" "")
for v in "${variants[@]}"; do names+=("$(basename "$v" .sql)"); files+=("$(cd "$(dirname "$v")" && pwd)/$(basename "$v")"); done

round() { # index -> microseconds of the backends' CPU a transaction (their mean)
  local trigger=enable k
  (($1 == 0)) && trigger=disable
  if (($1 > 1)); then "${pg[@]}" -d $db -f "${files[$1]}" >/dev/null; fi
  "${pg[@]}" -d $db -c "ALTER TABLE inventory_host $trigger TRIGGER cores_change"
  for k in $(seq 1 "$sessions"); do
    "${pg[@]}" -d $db >"$work/session.$k" <<SQL &
SET synchronous_commit = off;
CALL bench_updates(200);
SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint AS t0 \gset
CALL bench_updates($n);
SELECT (split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - :t0) / $n / 1000.0;
SQL
  done
  wait
  "${pg[@]}" -d $db -c "ALTER TABLE inventory_host ENABLE TRIGGER cores_change"
  if (($1 > 1)); then # a variant: undone, and the migrated function back
    if [ -f "${files[$1]%.sql}.undo.sql" ]; then "${pg[@]}" -d $db -f "${files[$1]%.sql}.undo.sql" >/dev/null; fi
    "${pg[@]}" -d $db -f "$work/current.sql" >/dev/null
  fi
  cat "$work"/session.* | awk '{t += $1} END {printf "%.1f", t / NR}'
}

echo "backend CPU a transaction (µs), $sessions session(s) of $n transactions a round after 200 to warm up; load before each round:"
for r in $(seq 1 "$rounds"); do
  order=$(seq 0 $((${#names[@]} - 1)) | shuf)
  line="  round $r (load $(load)):"
  for i in $order; do
    us=$(round "$i")
    echo "$us" >>"$work/us.$i"
    line+=" ${names[$i]} $us"
  done
  echo "$line"
done
echo "medians of $rounds rounds:"
none=$(median <"$work/us.0")
for i in "${!names[@]}"; do
  m=$(median <"$work/us.$i")
  printf '  %-24s %7.1f µs  %+7.1f over none\n' "${names[$i]}" "$m" "$(awk -v a="$m" -v b="$none" 'BEGIN {print a - b}')"
done
