#!/usr/bin/env bash
# The bytes two builds send for the same requests (a change meant to leave every answer as it was):
# the seed of booking.sh (5,000 hosts, 100,000 bookings) in one database and both builds on it at
# once, the same session and token for both; each URL of booking.sh and jvm-options.sh, small and
# large answers, HEAD, problems and error pages, fetched raw (status line, headers, body with its
# chunks) from each build and compared byte for byte, less the Date header, with the before build's
# address in links read as the after build's, and a new visitor's random cookie and form token
# masked (of equal length in both). Prints "same" or the difference for each. /api/docs is left
# out: its version and ETag carry each build's time.
# Usage: BENCH_BEFORE=<dist> bench/wire-compare.sh   BENCH_DIST=<dist> the after build (default
# launcher/target/cores); BENCH_PORT (default 18020, the before build uses BENCH_PORT+1); BENCH_DB
# names the database it creates and drops (default cores_bench_wire_<pid>).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
after=${BENCH_DIST:-$root/launcher/target/cores}
before=${BENCH_BEFORE:?BENCH_BEFORE=<dist of the build to compare with>}
port=${BENCH_PORT:-18020}
work=$(mktemp -d)
db=${BENCH_DB:-cores_bench_wire_$$}
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; "${pg[@]}" -c "drop database if exists $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

booking_cores "$after" "$port" "$work" "$db"
other=http://127.0.0.1:$((port + 1))
mkdir -p "$work/before"
start_cores "$before" "$other" "$work/before/cores.log" CORES_HTTP_PORT=$((port + 1)) \
  CORES_DATA="$work/before/data" CORES_PLUGINS="$work/plugins" SECRET_KEY=bench-secret-key \
  POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB="$db"
path_search=${search#"$base"} path_pages=${pages#"$base"}
# name, method, path, 0 anonymous / 1 the token / 2 the session cookie
requests=(
  "health GET /api/health 0" "index GET /api/ 0"
  "limit1 GET /api/booking/bookable/?limit=1 0" "limit1-head HEAD /api/booking/bookable/?limit=1 0"
  "anonymous GET $path_search 0" "token GET $path_search 1" "token+mine GET $path_search&mine=1 1"
  "token+mygroup GET $path_search&mygroup=1 1" "problem-404 GET /api/no-such-thing 0"
  "problem-400 GET /api/booking/bookable/?limit=x 0" "problem-401 GET /api/auth/tokens 0"
  "page:dashboard GET / 2" "page:dashboard-anon GET / 0" "page:bookables GET $path_pages 2"
  "page:bookables-anon GET $path_pages 0" "page:host GET /hosts/$host/ 2" "page:login GET /login 0"
  "page:404 GET /no-such-page 2" "page:bookables-head HEAD $path_pages 2")
fetch() { # base method path auth -> the raw answer less its Date header
  local auth=()
  case $4 in
    1) auth=(-H "Authorization: Token $token") ;;
    2) auth=(-H "Cookie: cores_session=$cookie") ;;
  esac
  if [ "$2" = HEAD ]; then
    curl -sS --raw -I "${auth[@]}" "$1$3"
  else
    curl -sS --raw -i "${auth[@]}" "$1$3"
  fi | grep -av '^Date: ' | sed -e 's/cores_visitor=[^;]*/cores_visitor=(random)/' \
    -e 's/name="csrfmiddlewaretoken" value="[^"]*"/name="csrfmiddlewaretoken" value="(random)"/'
}
same=0
for r in "${requests[@]}"; do
  read -r name method path auth <<<"$r"
  fetch "$other" "$method" "$path" "$auth" | sed "s|$other/|$base/|g" >"$work/before.out"
  fetch "$base" "$method" "$path" "$auth" >"$work/after.out"
  if cmp -s "$work/before.out" "$work/after.out"; then
    printf '  %-22s same (%s bytes, %s)\n' "$name" "$(wc -c <"$work/after.out")" \
      "$(grep -aio -m1 '^\(content-length: [0-9]*\|transfer-encoding: chunked\)' "$work/after.out" | tr -d '\r' || echo 'no length')"
    same=$((same + 1))
  else
    printf '  %-22s DIFFERENT:\n' "$name"
    { diff -a "$work/before.out" "$work/after.out" || true; } | head -12 | cut -c1-240 | sed 's/^/    /'
  fi
done
echo "$same of ${#requests[@]} the same"
