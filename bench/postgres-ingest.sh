#!/usr/bin/env bash
# Webhook ingest on PostgreSQL: committed GitHub deliveries per second, 1 and 2 replicas,
# beside what the same PostgreSQL server commits on its own.
#
# One throwaway PostgreSQL server on loopback (initdb + pg_ctl, `synchronous_commit = on`),
# the same run, the same concurrency:
#   pgbench ceiling  pgbench -> server: one event row per transaction, a custom script inserting
#                    into the host's own webhook_events table (made by its migrations)
#   1 replica        wrk -> patchbay serve --database-url -> server (webhooks.sh's load generator
#                    and signed deliveries)
#   2 replicas       two `patchbay serve` on two ports, one database, one master key; two wrk
#                    processes, each with half the connections and its own half of the deliveries
#   floor (FLOOR=1)  wrk -> bench/ingest-floor -> server: the host's HTTP server and PostgreSQL
#                    client storing each delivery as one webhook_events row and nothing else,
#                    one INSERT per request (row) and concurrent requests grouped into one
#                    statement as the host's inbox groups them (group)
# For each: events/s, the ratio to the pgbench ceiling (goal >= 0.50), and CPU time per event of
# the host(s) (or the floor) and of PostgreSQL (utime + stime from /proc/<pid>/stat before and
# after; for PostgreSQL the postmaster with its reaped children plus every live server process),
# and of the load generator, pgbench or wrk (its utime + stime as it exits).
#
#   bench/postgres-ingest.sh
#   CONCURRENCY=64 DURATION=20 SKIP_BUILD=1 bench/postgres-ingest.sh
#   FLOOR=1 SKIP_BUILD=1 bench/postgres-ingest.sh
#
# Settings (environment variables):
#   CONCURRENCY=32  connections (pgbench clients; wrk connections, split over the replicas)
#   THREADS=2       wrk threads per wrk process, pgbench threads
#   DURATION=10     seconds measured      WARMUP=2    seconds of warm-up per target
#   SKIP_BUILD=1    reuse .build-release  BIN_DIR=D   take patchbay and libPatchbayGitHub.so from D
#   KEEP_WORK=1     keep the work directory (logs, wrk reports, the server's log)
#   FLOOR=1         also measure bench/ingest-floor, both modes: the floor the HTTP server, the
#                   PostgreSQL client and the row itself set under ingest (built into
#                   .build-ingest-floor on first use, or again unless SKIP_BUILD=1)

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONCURRENCY=${CONCURRENCY:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
FLOOR=${FLOOR:-0}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=""
WEBHOOK_LUA=bench/github-webhooks.lua
SECRET=bench-webhook-secret-0123456789
CEILING_GOAL=0.50

for setting in CONCURRENCY THREADS DURATION WARMUP; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || { echo "$setting must be a whole number" >&2; exit 1; }
done
((CONCURRENCY >= 2 && DURATION >= 1)) || { echo "CONCURRENCY must be at least 2 (it is split over two replicas), DURATION at least 1" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh

build_binaries patchbay PatchbayGitHub
need_tool wrk wrk
need_tool /usr/bin/time time
need_tool curl curl
command -v python3 >/dev/null 2>&1 || die "python3 is needed (apt-get install python3)"
mkdir -p "$WORK/plugins"
cp "$BIN/libPatchbayGitHub.so" "$WORK/plugins/"

# build_ingest_floor: builds bench/ingest-floor into .build-ingest-floor, unless SKIP_BUILD=1 finds
# it there already, with the host's resolved versions of the packages they share. Sets FLOOR_BIN.
build_ingest_floor() {
    FLOOR_BIN=.build-ingest-floor/release/bench-ingest-floor
    if [[ ! -x $FLOOR_BIN || ${SKIP_BUILD:-0} != 1 ]]; then
        say "building bench/ingest-floor in .build-ingest-floor"
        [[ ! -f Package.resolved ]] || cp Package.resolved bench/ingest-floor/Package.resolved
        swift build -c release --package-path bench/ingest-floor --scratch-path .build-ingest-floor >>"$WORK/build.log" 2>&1 ||
            { show_log "$WORK/build.log" "the floor's build"; die "the release build of bench/ingest-floor failed"; }
    fi
}
[[ $FLOOR != 1 ]] || build_ingest_floor

# MARK: PostgreSQL

start_postgres max_connections=200 synchronous_commit=on fsync=on
[[ -x $PG_BIN/pgbench ]] || need_tool pgbench postgresql-contrib
PG_FS=$(stat -f -c %T "$PG_DIR" 2>/dev/null || echo "?")

database_url() { echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$1?sslmode=disable"; }


# Waits (10 s at most) until no client backend is running or waiting to be reaped: a backend's
# CPU time moves into the postmaster's children's total only once it is reaped, so reading
# while pgbench's backends exit would miss theirs.
pg_settle() {
    local deadline=$(($(now_us) + 10000000)) child busy
    while (($(now_us) < deadline)); do
        busy=0
        for child in $(cat "/proc/$POSTMASTER_PID/task/$POSTMASTER_PID/children" 2>/dev/null); do
            if tr '\0' ' ' 2>/dev/null <"/proc/$child/cmdline" | grep -q "^postgres: $PG_USER " ||
                [[ $(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$child/stat" 2>/dev/null) == Z ]]; then
                busy=1
                break
            fi
        done
        ((busy)) || return 0
        sleep 0.02
    done
}

# MARK: Signed deliveries

sign_github_deliveries "$SECRET" $(( (DURATION + WARMUP * THREADS) * 20000 )) "$WORK/requests.tsv"
# Two disjoint halves, one per replica's load generator.
awk 'NR % 2 == 1' "$WORK/requests.tsv" >"$WORK/requests-a.tsv"
awk 'NR % 2 == 0' "$WORK/requests.tsv" >"$WORK/requests-b.tsv"

# MARK: 1. The PostgreSQL ceiling

say "pgbench ceiling: one event row per transaction, $CONCURRENCY clients, ${DURATION}s"
# The host's own schema, made by its migrations (`keys create` opens the store), with the
# endpoint the events reference: pgbench writes into the very table the inbox writes into.
psql_local postgres -c "CREATE DATABASE ceiling" >/dev/null
seed_inbox_database ceiling "$WORK/ceiling-data"
# The payload is a delivery body of the same size; ids are unique per transaction.
ACCOUNT_ID=$(psql_local ceiling -c "SELECT id FROM accounts LIMIT 1")
PAYLOAD=$(head -n 1 "$WORK/requests.tsv" | cut -f3 | sed "s/'/''/g")
cat >"$WORK/insert-event.sql" <<SQL
INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key, occurred_at, payload, received_at)
VALUES ('evt_' || md5(random()::text || clock_timestamp()::text), '$ACCOUNT_ID', 'whep_bench', 'conn_bench', 'github',
        gen_random_uuid()::text, 'issues', 'github.issues.opened', NULL, '$PAYLOAD', (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
SQL
pgbench_run() {
    PGPASSWORD=$PG_PASSWORD /usr/bin/time -f "%U %S" -o "$WORK/pgbench-$2.cpu" "$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -c "$CONCURRENCY" -j "$THREADS" \
        -M prepared -f "$WORK/insert-event.sql" -T "$1" ceiling >"$WORK/pgbench-$2.txt" 2>&1 ||
        { show_log "$WORK/pgbench-$2.txt" "pgbench"; die "pgbench failed ($2)"; }
}
((WARMUP == 0)) || pgbench_run "$WARMUP" warmup
pg_settle
pg_before=$(pg_cpu_ticks)
R[pgbench.load]=$(cut -d' ' -f1 /proc/loadavg)
pgbench_run "$DURATION" ceiling
pg_settle
pg_after=$(pg_cpu_ticks)
R[pgbench.rps]=$(awk '/^tps = / { printf "%.0f", $3 }' "$WORK/pgbench-ceiling.txt")
R[pgbench.requests]=$(awk '/number of transactions actually processed/ { split($NF, a, "/"); print a[1] }' "$WORK/pgbench-ceiling.txt")
R[pgbench.latency]=$(awk '/^latency average = / { print $4 }' "$WORK/pgbench-ceiling.txt")
R[pgbench.pg_cpu]=$(cpu_per_request "$pg_before" "$pg_after" "${R[pgbench.requests]}")
R[pgbench.client_cpu]=$(awk -v n="${R[pgbench.requests]}" '{ printf "%.3f", (n > 0 ? ($1 + $2) * 1000 / n : 0) }' "$WORK/pgbench-ceiling.cpu")

# MARK: The replicas

# Every replica opens the same vault: a key of this run, given by a command.
MASTER_KEY=$(head -c 32 /dev/urandom | base64)
KEY_ARGS=(--master-key-command "echo $MASTER_KEY")

# replicas DATABASE COUNT: COUNT `patchbay serve` on DATABASE with only the GitHub plugin
# (lib.sh's start_host, each on its own free port); pids in REPLICA_PIDS, URLs in REPLICA_URLS.
replicas() {
    export PATCHBAY_DATABASE_URL
    PATCHBAY_DATABASE_URL=$(database_url "$1")
    psql_local postgres -c "CREATE DATABASE $1" >/dev/null
    REPLICA_PIDS=()
    REPLICA_URLS=()
    REPLICA_LOGS=()
    local n
    for n in $(seq "$2"); do
        LOG_LEVEL=notice start_host --plugins-dir "$WORK/plugins" "${KEY_ARGS[@]}"
        REPLICA_PIDS+=("$HOST_PID")
        REPLICA_URLS+=("$HOST_URL")
        REPLICA_LOGS+=("$HOST_LOG")
    done
    HOST_URL=${REPLICA_URLS[0]}
    create_key admin
    api() { curl -sS -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' "$@"; }
    local connection endpoint_url
    connection=$(api -X POST "$HOST_URL/v1/connections" -d '{"provider":"github","credentials":{"token":"ghp_benchmark"}}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || die "could not create a GitHub connection"
    endpoint_url=$(api -X POST "$HOST_URL/v1/webhooks/endpoints" -d "{\"connection_id\":\"$connection\",\"secret\":\"$SECRET\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])') || die "could not create a webhook endpoint"
    ENDPOINT_PATH=/hooks/${endpoint_url#*/hooks/}
}

# replicas_alive WHAT: stops the run with the replica's log when one has exited (a crash under
# load), instead of reading the CPU time of a process that is gone.
replicas_alive() {
    local i
    for i in "${!REPLICA_PIDS[@]}"; do
        kill -0 "${REPLICA_PIDS[$i]}" 2>/dev/null && continue
        show_log "${REPLICA_LOGS[$i]}" "patchbay serve (replica $((i + 1)))"
        die "replica $((i + 1)) exited $1"
    done
}

stop_replicas() {
    local pid
    for pid in "${REPLICA_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${REPLICA_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# ingest NAME SECONDS [FIRST LINE]: one wrk per replica at the same time, CONCURRENCY split
# between them, each sending its own half of the deliveries from FIRST LINE on. Figures in
# R[NAME.*]: events/s summed, the slower p50/p99, failures summed, CPU per event of the
# replicas together and of PostgreSQL.
ingest() {
    local name=$1 seconds=$2 first=${3:-0} count=${#REPLICA_URLS[@]} i pids=() host_before=0 host_after=0 pg_before pg_after
    local files=("$WORK/requests.tsv")
    ((count == 1)) || files=("$WORK/requests-a.tsv" "$WORK/requests-b.tsv")
    replicas_alive "before $name"
    for i in "${!REPLICA_PIDS[@]}"; do host_before=$((host_before + $(cpu_ticks "${REPLICA_PIDS[$i]}"))); done
    pg_before=$(pg_cpu_ticks)
    for i in $(seq 0 $((count - 1))); do
        # Together, in the background; each report is read once all are done.
        # The load generator's own CPU time too: it shares the cores with the host and PostgreSQL.
        /usr/bin/time -f "%U %S" -o "$WORK/wrk-$name-$i.cpu" \
            wrk --latency --timeout 10s -t "$THREADS" -c $((CONCURRENCY / count)) -d "${seconds}s" -s "$WEBHOOK_LUA" \
            "${REPLICA_URLS[$i]}$ENDPOINT_PATH" -- "${files[$i]}" "$THREADS" "$first" >"$WORK/wrk-$name-$i.txt" 2>&1 &
        pids+=($!)
        STARTED_PIDS+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || { show_log "$WORK/wrk-$name-$i.txt" "wrk ($name, replica $((i + 1)))"; die "wrk failed ($name)"; }
    done
    replicas_alive "during $name"
    pg_after=$(pg_cpu_ticks)
    for i in "${!REPLICA_PIDS[@]}"; do host_after=$((host_after + $(cpu_ticks "${REPLICA_PIDS[$i]}"))); done
    R[$name.rps]=0 R[$name.requests]=0 R[$name.failed]=0 R[$name.p50_us]=0 R[$name.p99_us]=0
    local line kv key value
    for i in $(seq 0 $((count - 1))); do
        line=$(grep '^BENCH ' "$WORK/wrk-$name-$i.txt" | tail -n 1 || true)
        [[ -n $line ]] || { show_log "$WORK/wrk-$name-$i.txt" "wrk ($name)"; die "wrk printed no summary ($name)"; }
        declare -A one=()
        for kv in ${line#BENCH }; do one[${kv%%=*}]=${kv#*=}; done
        R[$name.requests]=$((R[$name.requests] + one[requests]))
        R[$name.failed]=$((R[$name.failed] + one[non2xx] + one[connect] + one[read] + one[write] + one[timeout]))
        R[$name.rps]=$(awk -v a="${R[$name.rps]}" -v n="${one[requests]}" -v us="${one[duration_us]}" 'BEGIN { printf "%.0f", a + n / (us / 1e6) }')
        ((one[p50_us] < R[$name.p50_us])) || R[$name.p50_us]=${one[p50_us]}
        ((one[p99_us] < R[$name.p99_us])) || R[$name.p99_us]=${one[p99_us]}
        unset one
    done
    R[$name.host_cpu]=$(cpu_per_request "$host_before" "$host_after" "${R[$name.requests]}")
    R[$name.wrk_cpu]=$(cat "$WORK"/wrk-"$name"-*.cpu | awk -v n="${R[$name.requests]}" '{ s += $1 + $2 } END { printf "%.3f", (n > 0 ? s * 1000 / n : 0) }')
    R[$name.pg_cpu]=$(cpu_per_request "$pg_before" "$pg_after" "${R[$name.requests]}")
}

# floor DATABASE MODE: bench/ingest-floor in MODE on DATABASE, seeded as the ceiling's is (the
# host's schema, one account, connection and endpoint), standing in for the replicas: its pid in
# REPLICA_PIDS, its URL in REPLICA_URLS, the seeded endpoint's path in ENDPOINT_PATH.
floor() {
    local port account deadline
    psql_local postgres -c "CREATE DATABASE $1" >/dev/null
    seed_inbox_database "$1" "$WORK/$1-data"
    account=$(psql_local "$1" -c "SELECT id FROM accounts LIMIT 1")
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD "${CHILD_ENV[@]}" "$FLOOR_BIN" "$2" "$port" "$PG_PORT" "$1" "$account" conn_bench \
        >"$WORK/$1.log" 2>&1 &
    REPLICA_PIDS=("$!")
    STARTED_PIDS+=("$!")
    REPLICA_URLS=("http://127.0.0.1:$port")
    REPLICA_LOGS=("$WORK/$1.log")
    ENDPOINT_PATH=/hooks/github/whep_bench
    # Up once it answers anything (a GET of / is a 404 and stores nothing).
    deadline=$(($(now_us) + 60000000))
    until curl -s -o /dev/null "${REPLICA_URLS[0]}/" 2>/dev/null; do
        kill -0 "${REPLICA_PIDS[0]}" 2>/dev/null || { show_log "$WORK/$1.log" "bench-ingest-floor"; die "bench-ingest-floor exited"; }
        (($(now_us) < deadline)) || die "bench-ingest-floor did not answer within 60 s"
        sleep 0.05
    done
}

# measure NAME DATABASE START ARGS...: START DATABASE ARGS... (replicas or floor), warm-up,
# measured run, and the events stored checked against what wrk saw acknowledged (none may be
# lost, none stored twice).
measure() {
    local name=$1 database=$2
    shift 2
    say "$name: $* on database $database"
    "$1" "$database" "${@:2}"
    ((WARMUP == 0)) || ingest "$name-warmup" "$WARMUP"
    # Past every line the warm-up may have sent (see webhooks.sh).
    local first=$(( (${R[$name-warmup.requests]:-0} + 4 * CONCURRENCY) * THREADS ))
    say "$name: ${DURATION}s, $CONCURRENCY connections"
    R[$name.load]=$(cut -d' ' -f1 /proc/loadavg)
    ingest "$name" "$DURATION" "$first"
    stop_replicas
    R[$name.stored]=$(psql_local "$database" -c "SELECT count(*) FROM webhook_events")
    # What each event costs the server, over the database's whole life (set-up included, which
    # is a few dozen transactions): the replicas have stopped, so their statistics are flushed.
    read -r R[$name.xacts] R[$name.rows] < <(psql_local "$database" -F ' ' -c \
        "SELECT xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = '$database'")
    R[$name.acked]=$(( ${R[$name-warmup.requests]:-0} - ${R[$name-warmup.failed]:-0} + R[$name.requests] - R[$name.failed] ))
}

NAMES=()
if [[ $FLOOR == 1 ]]; then
    measure floor_row floor1 floor row
    measure floor_group floor2 floor group
    NAMES+=(floor_row floor_group)
fi
measure one ingest1 replicas 1
measure two ingest2 replicas 2
NAMES+=(one two)

# MARK: Report

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
# Three places, and the verdict on the same digits: two would round 0.497 up to a "met" 0.50.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v g="$CEILING_GOAL" 'BEGIN { print (r + 0 >= g + 0 ? "met" : "MISSED") }'; }
row() { printf '  %-30s %9s %8s %8s %7s %12s %12s %12s %6s\n' "$@"; }
target_row() {
    row "$2" "${R[$1.rps]}" "$(ms "${R[$1.p50_us]}")" "$(ms "${R[$1.p99_us]}")" "${R[$1.failed]}" "${R[$1.host_cpu]}" "${R[$1.pg_cpu]}" "${R[$1.wrk_cpu]}" "${R[$1.load]}"
}
echo
echo "Webhook ingest on PostgreSQL: signed GitHub deliveries, ${BODY_BYTES} byte bodies"
printf '  machine   %s cores; the load generators, PostgreSQL and the host(s) share them\n' "$(nproc)"
printf '  build     %s; the checkout is at %s\n' "$BUILD_NOTE" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '  server    PostgreSQL %s, synchronous_commit = on, fsync = on, data on %s; loopback, no TLS\n' \
    "$("$PG_BIN/postgres" --version | awk '{ print $3 }')" "$PG_FS"
printf '  load      %s connections, %ss measured after %ss of warm-up; 2 replicas: 2 wrk with %s connections each\n' \
    "$CONCURRENCY" "$DURATION" "$WARMUP" "$((CONCURRENCY / 2))"
echo
row "target" "events/s" "p50 ms" "p99 ms" "failed" "host CPU ms" "PG CPU ms" "client CPU ms" "load"
row "pgbench ceiling (1 row/tx)" "${R[pgbench.rps]}" "${R[pgbench.latency]} avg" "-" "-" "-" "${R[pgbench.pg_cpu]}" "${R[pgbench.client_cpu]}" "${R[pgbench.load]}"
if [[ $FLOOR == 1 ]]; then
    target_row floor_row "floor, 1 INSERT per request"
    target_row floor_group "floor, grouped INSERTs"
fi
target_row one "patchbay, 1 replica"
target_row two "patchbay, 2 replicas"
echo "  (CPU columns: milliseconds per event; host CPU is the floor's process for the floor, both hosts"
echo "  together for 2 replicas; client CPU is the load generator's, pgbench or wrk, which shares the"
echo "  cores; load: the 1-minute load average as the measured run started)"
echo
ratio_line() {
    local r
    r=$(ratio "${R[$1.rps]}" "${R[pgbench.rps]}")
    printf '  %-36s %s (goal >= %s: %s)\n' "$2 / pgbench ceiling" "$r" "$CEILING_GOAL" "$(verdict "$r")"
}
[[ $FLOOR != 1 ]] || { ratio_line floor_row "floor, 1 INSERT"; ratio_line floor_group "floor, grouped"; }
ratio_line one "1 replica"
ratio_line two "2 replicas"
if [[ $FLOOR == 1 ]]; then
    printf '  1 replica host CPU / grouped floor CPU per event   %s (%s ms more per event)\n' \
        "$(ratio "${R[one.host_cpu]}" "${R[floor_group.host_cpu]}")" \
        "$(awk -v a="${R[one.host_cpu]}" -v b="${R[floor_group.host_cpu]}" 'BEGIN { printf "%.3f", a - b }')"
fi
per_event() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? a / n : 0) }'; }
for name in "${NAMES[@]}"; do
    printf '  %s: PostgreSQL ran %s transactions and wrote %s rows per stored event\n' "$name" \
        "$(per_event "${R[$name.xacts]}" "${R[$name.stored]}")" "$(per_event "${R[$name.rows]}" "${R[$name.stored]}")"
done
mismatch=0
for name in "${NAMES[@]}"; do
    printf '  %s: stored %s events for %s deliveries wrk saw acknowledged\n' "$name" "${R[$name.stored]}" "${R[$name.acked]}"
    # Stored may exceed what wrk saw by the requests in flight when each run stopped.
    ((R[$name.stored] >= R[$name.acked] && R[$name.stored] <= R[$name.acked] + 2 * CONCURRENCY)) || mismatch=1
done
if ((mismatch)); then
    echo "  MISMATCH: every acknowledged delivery must be stored exactly once" >&2
    exit 3
fi
