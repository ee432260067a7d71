# Functions of the benchmark scripts, sourced by them (not run itself).
# They expect `pg` (the psql command, an array) set by the script.

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { awk '{print $1, $2, $3}' /proc/loadavg; }
hz=$(getconf CLK_TCK)

# start_cores DIST BASE LOG ENV... : starts DIST's bin/cores with the environment given in the
# background, sets cores_pid and waits until the search answers (/api/health answers before the
# domain bundle has migrated its schema)
start_cores() {
  local dist=$1 base=$2 log=$3
  shift 3
  env "$@" "$dist/bin/cores" >"$log" 2>&1 &
  cores_pid=$!
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$base/api/booking/bookable/?limit=1" 2>/dev/null && return
    kill -0 "$cores_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  curl -fsS -o /dev/null "$base/api/booking/bookable/?limit=1"
}

# seed_booking DB DIST PASSWORD ENV... : the superuser `bench` (createsuperuser of DIST with the
# environment given) and bench/booking-seed.sql's rows in DB (5,000 hosts, 100,000 bookings)
seed_booking() {
  local db=$1 dist=$2 password=$3 root t0 user
  shift 3
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  env "$@" CORES_SUPERUSER_PASSWORD="$password" \
    "$dist/bin/cores" createsuperuser --username bench --email bench@example.org >/dev/null
  user=$("${pg[@]}" -d "$db" -c "select id from auth_user where username = 'bench'")
  t0=$(date +%s%3N)
  "${pg[@]}" -d "$db" -v user="$user" -f "$root/bench/booking-seed.sql" >/dev/null
  echo "seeded in $(($(date +%s%3N) - t0)) ms: $("${pg[@]}" -d "$db" -F ' ' -c "select
    (select count(*) from inventory_host) || ' hosts,', (select count(*) from booking_booking) || ' bookings,',
    (select count(*) from booking_booking where tstzrange(start_time, end_time) @> now()) || ' booked now,',
    (select count(*) from booking_reservation) || ' reservations'")"
}

# booking_cores DIST PORT WORK DB ENV... : what booking.sh and alloc.sh measure: the new database DB
# with booking.sh's seed and DIST's Cores on PORT (data and log in WORK) with ENV; sets cores_pid,
# base, password (the superuser bench's), token (an API token of bench), cookie (bench's session
# cookie's value), host (a bookable host's id), search (the bookable search's URL) and pages (the
# /bookables page's URL with the same filters)
booking_cores() {
  local dist=$1 port=$2 work=$3 db=$4 env_cores
  shift 4
  base=http://127.0.0.1:$port
  env_cores=(CORES_HTTP_PORT="$port" CORES_DATA="$work/data" CORES_PLUGINS="$work/plugins"
    SECRET_KEY=bench-secret-key POSTGRES_HOST=127.0.0.1 POSTGRES_USER=postgres POSTGRES_DB="$db" "$@")
  "${pg[@]}" -c "create database $db"
  start_cores "$dist" "$base" "$work/cores.log" "${env_cores[@]}"
  password=bench-$$-$RANDOM
  seed_booking "$db" "$dist" "$password" "${env_cores[@]}"
  token=$(api_token "$base" bench "$password")
  cookie=$(session_cookie "$base" bench "$password" "$work/cookies")
  host=$("${pg[@]}" -d "$db" -c "select host_id from booking_bookable order by id limit 1 offset 17")
  search="$base/api/booking/bookable/?active=1&free=1&nores=1&lab=1,2,3&limit=50"
  pages="$base/bookables?free=1&nores=1&lab=1&lab=2&lab=3"
}

# api_token BASE USER PASSWORD : a new API token of USER
api_token() {
  curl -fsS -u "$2:$3" -H 'Content-Type: application/json' -d '{"label": "bench"}' \
    "$1/api/auth/tokens" | grep -o '"key":"[0-9a-f]*"' | cut -d'"' -f4
}

# session_cookie BASE USER PASSWORD JAR : a browser's login (the form's CSRF token and visitor
# cookie, then the session cookie); prints the session cookie's value
session_cookie() {
  local base=$1 jar=$4 form csrf
  form=$(curl -fsS -c "$jar" "$base/login")
  csrf=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | cut -d'"' -f4)
  curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$csrf" \
    --data-urlencode "username=$2" --data-urlencode "password=$3" "$base/login"
  awk '$6 == "cores_session" {print $7}' "$jar"
}

# ticks PID DB : CPU clock ticks so far of the JVM PID and of its PostgreSQL backends in DB, one
# "pid ticks" a line
ticks() {
  local p
  for p in $1 $("${pg[@]}" -d postgres -c "select pid from pg_stat_activity where datname = '$2' and application_name in ('cores', 'cores-signals')"); do
    awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null || true
  done
}

# wrk_phase PID DB SECONDS WRK-ARGUMENTS... : one `wrk -t2 -c16 --latency` run against the JVM PID
# whose PostgreSQL backends are in DB; prints "req/s p99-ms cpu-ms jvm-ms errors": the CPU per
# request of the JVM and its backends together, and the JVM's part, from /proc (on a shared machine
# it moves far less with the load than the latency does); errors: wrk's non-2xx and socket lines
wrk_phase() {
  local pid=$1 db=$2 s=$3 out before after n
  shift 3
  out=$(mktemp) before=$(mktemp) after=$(mktemp)
  ticks "$pid" "$db" >"$before"
  wrk -t2 -c16 -d"${s}s" --latency "$@" >"$out"
  ticks "$pid" "$db" >"$after"
  n=$(awk '/requests in/ {print $1}' "$out")
  awk -v hz="$hz" -v n="$n" -v jvm="$pid" 'NR == FNR {b[$1] = $2; next}
    {t += $2 - b[$1]; if ($1 == jvm) j = $2 - b[$1]}
    END {printf "%.4f %.4f", t * 1000 / hz / n, j * 1000 / hz / n}' "$before" "$after" >"$before.cpu"
  printf '%s %s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' "$out")" \
    "$(awk '$1 == "99%" {v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v)}' "$out")" \
    "$(cat "$before.cpu")" "$(awk '/Non-2xx|Socket errors/ {printf "%s; ", $0}' "$out")"
  rm -f "$out" "$before" "$after" "$before.cpu"
}

# rss PID : the JVM's resident memory and its peak, in MB
rss() { awk '/VmRSS/ {r = $2} /VmHWM/ {h = $2} END {printf "%.0f MB (peak %.0f MB)", r / 1024, h / 1024}' "/proc/$1/status"; }
