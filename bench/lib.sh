# Shared by the benchmark scripts; sourced, not run. It gives them the same logging, the same
# clean-up (every process they start is stopped by its pid, however the script ends), the same
# release build, wrk, and `patchbay serve` started the same way.
#
# A script may set, before sourcing, KEEP_WORK (1 keeps the work directory) and DATA_ROOT (the
# host's data directories go there; empty: in the work directory); the caller's environment
# gives both otherwise. It may append function names to CLEANUP_HOOKS to stop what it started
# itself.

KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=${DATA_ROOT:-}
SCRATCH=.build-release
LUA=bench/post-json.lua

# The children get no Patchbay settings from the caller's environment: a fresh data directory,
# a fresh master key, only the upstreams a script gives.
CHILD_ENV=(env -u PATCHBAY_UPSTREAMS -u PATCHBAY_MASTER_KEY -u PATCHBAY_DATA_DIR -u PATCHBAY_PUBLIC_URL)

# MARK: Helpers

say() { printf '==> %s\n' "$*" >&2; }

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# help_or_no_arguments "$@": the scripts take settings from the environment, not arguments:
# -h or --help prints the script's usage(), anything else is refused with it.
help_or_no_arguments() {
    if [[ ${1:-} == -h || ${1:-} == --help ]]; then
        usage
        exit 0
    fi
    if [[ $# -gt 0 ]]; then
        usage >&2
        exit 1
    fi
}

# whole_numbers SETTING...: each named setting holds a whole number.
whole_numbers() {
    local setting
    for setting in "$@"; do
        [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
    done
}

# Microseconds since the epoch, without forking when the shell can tell it.
now_us() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=${EPOCHREALTIME//[!0-9]/}
        echo "$((10#$t))"
    else
        date +%s%6N
    fi
}

# A field of /proc/PID/status in KiB (VmRSS: resident now, VmHWM: the peak so far).
proc_kib() {
    awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# CPU time a process has used so far (user + system), in clock ticks.
cpu_ticks() {
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# CPU time this script's children have used and been waited for (user + system), in clock
# ticks: around one wait for wrk, wrk's own CPU (it has exited, so /proc no longer has it).
children_cpu_ticks() {
    awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$$/stat"
}
CLK_TCK=$(getconf CLK_TCK)

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Prints the last lines of a log to stderr, to explain a failure.
show_log() {
    if [[ -s $1 ]]; then
        echo "--- last lines of $2 ---" >&2
        tail -n 20 "$1" >&2
        echo "---" >&2
    fi
}

# MARK: Clean-up

WORK=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-bench.XXXXXX")
DATA=""
STARTED_PIDS=()
WRK_PID=""
CLEANUP_HOOKS=()

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid tries hook
    for pid in $WRK_PID ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $WRK_PID ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do
        tries=0
        while kill -0 "$pid" 2>/dev/null && ((tries < 50)); do
            sleep 0.1
            tries=$((tries + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    for hook in ${CLEANUP_HOOKS[@]+"${CLEANUP_HOOKS[@]}"}; do
        "$hook" || true
    done
    if [[ $KEEP_WORK == 1 ]]; then
        echo "kept the work directory: $WORK${DATA:+ (data directory: $DATA)}" >&2
    else
        rm -rf "$WORK"
        # A data directory the script was given (REUSE_DATA) is the caller's, never removed.
        [[ -z ${DATA_ROOT:-} || -z $DATA || $DATA == "${REUSE_DATA:-}" ]] || rm -rf "$DATA"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# MARK: Release binaries

# build_binaries PRODUCT...: sets BIN and BUILD_NOTE. Honours BIN_DIR (take the files from
# there) and SKIP_BUILD=1 (reuse the build in .build-release). A product whose name starts with
# a capital letter is a plugin library, found as lib<name>.so.
build_binaries() {
    local product file
    if [[ -n ${BIN_DIR:-} ]]; then
        BIN=$BIN_DIR
        BUILD_NOTE="binaries from $BIN_DIR"
    elif [[ ${SKIP_BUILD:-0} == 1 ]]; then
        BIN=$SCRATCH/release
        BUILD_NOTE="release (existing build in $SCRATCH)"
    else
        say "building release binaries in $SCRATCH (the first build takes a while)"
        for product in "$@"; do
            swift build -c release --scratch-path "$SCRATCH" --product "$product" >>"$WORK/build.log" 2>&1 ||
                { show_log "$WORK/build.log" "the build"; die "the release build of $product failed"; }
        done
        BIN=$SCRATCH/release
        BUILD_NOTE="release (built now in $SCRATCH)"
    fi
    for product in "$@"; do
        file=$product
        [[ $product == [A-Z]* ]] && file=lib$product.so
        [[ -f $BIN/$file ]] || die "$BIN/$file is missing; build first or unset SKIP_BUILD/BIN_DIR"
    done
}

# MARK: Tools

# need_tool COMMAND PACKAGE: installs the Debian package when the command is missing.
need_tool() {
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2"
    local sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "$1 is missing and installing it needs root (apt-get install $2)"
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get install -y "$2" >"$WORK/apt.log" 2>&1; then
        say "apt-get install failed; updating the package lists and trying again"
        { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "$2"; } >>"$WORK/apt.log" 2>&1 ||
            { show_log "$WORK/apt.log" "apt-get"; die "could not install $2"; }
    fi
}

# MARK: The sandbox

# start_sandbox SANDBOX_ARGS...: starts `patchbay-sandbox` (the fake provider APIs) on a free
# port and waits for its banner. Sets SANDBOX_PID, SANDBOX_URL (its origin) and SLACK_URL.
start_sandbox() {
    say "starting the sandbox (fake provider APIs)"
    : >"$WORK/sandbox.log"
    "${CHILD_ENV[@]}" "$BIN/patchbay-sandbox" --port 0 "$@" >"$WORK/sandbox.log" 2>&1 &
    SANDBOX_PID=$!
    STARTED_PIDS+=("$SANDBOX_PID")
    SLACK_URL=""
    local deadline=$(($(now_us) + 30000000))
    while [[ -z $SLACK_URL ]]; do
        kill -0 "$SANDBOX_PID" 2>/dev/null || { show_log "$WORK/sandbox.log" "the sandbox"; die "the sandbox exited during start-up"; }
        SLACK_URL=$(grep -o 'PATCHBAY_UPSTREAMS=.*' "$WORK/sandbox.log" | grep -o 'slack=[^ ,]*' | head -n 1 | cut -d= -f2- || true)
        (($(now_us) < deadline)) || { show_log "$WORK/sandbox.log" "the sandbox"; die "the sandbox did not print its URLs within 30 s"; }
        [[ -n $SLACK_URL ]] || sleep 0.05
    done
    SANDBOX_URL=${SLACK_URL%%/slack/*}
}

# MARK: The forwarder

# build_forwarder: builds bench/forwarder into .build-forwarder, unless SKIP_BUILD=1 finds it
# there already. Sets FORWARDER_BIN.
build_forwarder() {
    FORWARDER_BIN=.build-forwarder/release/bench-forwarder
    if [[ ! -x $FORWARDER_BIN || ${SKIP_BUILD:-0} != 1 ]]; then
        say "building bench/forwarder in .build-forwarder"
        swift build -c release --package-path bench/forwarder --scratch-path .build-forwarder >>"$WORK/build.log" 2>&1 ||
            { show_log "$WORK/build.log" "the forwarder's build"; die "the release build of bench/forwarder failed"; }
    fi
}

# start_forwarder EXECUTABLE [RUNNER...]: starts the forwarder on a free port, in front of the
# fake chat.postMessage (start_sandbox first), under RUNNER when given (e.g. valgrind), and waits
# until it forwards a message. Sets FORWARDER_PID and FORWARD_URL.
start_forwarder() {
    local executable=$1 port deadline
    shift
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${CHILD_ENV[@]}" "$@" "$executable" "$port" "$SLACK_URL/chat.postMessage" >"$WORK/forwarder.log" 2>&1 &
    FORWARDER_PID=$!
    STARTED_PIDS+=("$FORWARDER_PID")
    FORWARD_URL=http://127.0.0.1:$port/
    deadline=$(($(now_us) + 60000000))
    until curl -fsS -o /dev/null -X POST "$FORWARD_URL" -H "Authorization: Bearer xoxb-sandbox" \
        -H 'Content-Type: application/json' -d '{"channel":"C0GENERAL","text":"bench"}' 2>/dev/null; do
        kill -0 "$FORWARDER_PID" 2>/dev/null || { show_log "$WORK/forwarder.log" "bench-forwarder"; die "bench-forwarder exited"; }
        (($(now_us) < deadline)) || { show_log "$WORK/forwarder.log" "bench-forwarder"; die "bench-forwarder did not answer within 60 s"; }
        sleep 0.05
    done
}

# MARK: The host

# start_host SERVE_ARGS...: starts `patchbay serve` on a free port with a fresh data directory
# (or on REUSE_DATA, to restart a host on its data) and waits until /healthz answers. Sets
# HOST_PID, HOST_URL, HOST_LOG, DATA, DATA_FS, STARTUP_WALL_MS (from exec until /healthz
# answered, polled every 5 ms) and STARTUP_LOG_MS (the host's own figure).
# A script may set HOST_RUNNER to a command line the host runs under (e.g. valgrind).
start_host() {
    if [[ -n ${REUSE_DATA:-} ]]; then
        say "restarting patchbay serve on $REUSE_DATA"
        DATA=$REUSE_DATA
    elif [[ -n ${DATA_ROOT:-} ]]; then
        say "starting patchbay serve with a fresh data directory"
        DATA=$(mktemp -d "$DATA_ROOT/patchbay-bench-data.XXXXXX")
    else
        say "starting patchbay serve with a fresh data directory"
        DATA=$(mktemp -d "$WORK/data.XXXXXX")
    fi
    DATA_FS=$(stat -f -c %T "$(dirname "$DATA")" 2>/dev/null || echo "?")
    HOST_LOG=$DATA.log
    # Created here: the background job's redirection may not have run yet when the log is first read.
    : >"$HOST_LOG"
    local started healthy="" deadline
    started=$(now_us)
    "${CHILD_ENV[@]}" ${HOST_RUNNER[@]+"${HOST_RUNNER[@]}"} "$BIN/patchbay" serve --data-dir "$DATA" --port 0 "$@" >"$HOST_LOG" 2>&1 &
    HOST_PID=$!
    STARTED_PIDS+=("$HOST_PID")
    # The port is chosen by the host (port 0), so /healthz is tried from the moment it reports its address.
    HOST_URL=""
    deadline=$((started + 60000000))
    while [[ -z $healthy ]]; do
        kill -0 "$HOST_PID" 2>/dev/null || { show_log "$HOST_LOG" "patchbay serve"; die "patchbay serve exited during start-up"; }
        if [[ -z $HOST_URL ]]; then
            HOST_URL=$(grep 'patchbay is serving' "$HOST_LOG" | grep -o 'url=http://[^ ]*' | head -n 1 | cut -d= -f2- || true)
        fi
        if [[ -n $HOST_URL ]] && curl -fsS -o /dev/null --max-time 2 "$HOST_URL/healthz" 2>/dev/null; then
            healthy=$(now_us)
            break
        fi
        (($(now_us) < deadline)) || { show_log "$HOST_LOG" "patchbay serve"; die "patchbay did not answer /healthz within 60 s"; }
        sleep 0.005
    done
    STARTUP_WALL_MS=$(awk -v a="$started" -v b="$healthy" 'BEGIN { printf "%.0f", (b - a) / 1000 }')
    STARTUP_LOG_MS=$(grep 'patchbay is serving' "$HOST_LOG" | grep -o 'startup_ms=[0-9]*' | head -n 1 | cut -d= -f2 || true)
    [[ -n $STARTUP_LOG_MS ]] || STARTUP_LOG_MS="?"
}

# create_key SCOPES: an API key for a new account, in API_KEY.
create_key() {
    say "creating an API key"
    API_KEY=$("${CHILD_ENV[@]}" "$BIN/patchbay" keys create --data-dir "$DATA" --account bench \
        --scopes "$1" 2>"$WORK/keys.log" | tail -n 1) ||
        { show_log "$WORK/keys.log" "keys create"; die "could not create an API key"; }
    [[ $API_KEY == pb_* ]] || die "keys create printed no key"
}

# create_slack_connection BOT_TOKEN: a Slack connection of the API key's account, in CONNECTION_ID.
create_slack_connection() {
    local status
    status=$(curl -sS -o "$WORK/connection.json" -w '%{http_code}' -X POST "$HOST_URL/v1/connections" \
        -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d "{\"provider\":\"slack\",\"credentials\":{\"bot_token\":\"$1\"}}")
    [[ $status == 201 ]] || { show_log "$WORK/connection.json" "the answer"; die "POST /v1/connections answered $status, not 201"; }
    CONNECTION_ID=$(grep -o '"id" *: *"conn_[^"]*"' "$WORK/connection.json" | head -n 1 | grep -o 'conn_[^"]*' || true)
    [[ -n $CONNECTION_ID ]] || die "no connection id in $(cat "$WORK/connection.json")"
}

# slack_invoke_targets: a Slack connection of the API key's account (create_key first), and the
# same message posted two ways: DIRECT_URL/AUTH/BODY to the fake Slack itself,
# INVOKE_URL/AUTH/BODY as the connection's post_message action through the host.
SLACK_TOKEN=xoxb-sandbox
SLACK_CHANNEL=C0GENERAL
slack_invoke_targets() {
    create_slack_connection "$SLACK_TOKEN"
    DIRECT_URL=$SLACK_URL/chat.postMessage
    DIRECT_AUTH="Authorization: Bearer $SLACK_TOKEN"
    DIRECT_BODY="{\"channel\":\"$SLACK_CHANNEL\",\"text\":\"bench\"}"
    INVOKE_URL=$HOST_URL/v1/connections/$CONNECTION_ID/actions/post_message/invoke
    INVOKE_AUTH="Authorization: Bearer $API_KEY"
    INVOKE_BODY="{\"input\":{\"channel\":\"$SLACK_CHANNEL\",\"text\":\"bench\"}}"
}

# MARK: Load

declare -A R

# wrk_run NAME WRK_ARGS...: runs wrk with these arguments (a script that loads wrk-summary.lua);
# its report goes to $WORK/wrk-NAME.txt and its figures land in R[NAME.*], with wrk's own CPU
# time in R[NAME.wrk_ticks].
wrk_run() {
    local name=$1
    shift
    local out=$WORK/wrk-$name.txt ticks
    ticks=$(children_cpu_ticks)
    # In the background, so that a signal reaches the trap now rather than when wrk is done.
    wrk --latency --timeout 10s "$@" >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { WRK_PID=""; show_log "$out" "wrk ($name)"; die "wrk failed ($name)"; }
    WRK_PID=""
    R[$name.wrk_ticks]=$(($(children_cpu_ticks) - ticks))
    local line kv
    line=$(grep '^BENCH ' "$out" | tail -n 1 || true)
    [[ -n $line ]] || { show_log "$out" "wrk ($name)"; die "wrk printed no summary ($name)"; }
    for kv in ${line#BENCH }; do
        R[$name.${kv%%=*}]=${kv#*=}
    done
    R[$name.rps]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    [[ -n ${R[$name.rps]} ]] || R[$name.rps]=$(awk -v n="${R[$name.requests]}" -v us="${R[$name.duration_us]}" 'BEGIN { printf "%.2f", n / (us / 1e6) }')
    R[$name.socket]=$((${R[$name.connect]} + ${R[$name.read]} + ${R[$name.write]} + ${R[$name.timeout]}))
    R[$name.failed]=$((${R[$name.non2xx]} + ${R[$name.socket]}))
}

# run_wrk NAME CONNECTIONS THREADS SECONDS URL AUTH BODY: POSTs one fixed JSON body with one
# header (post-json.lua); figures in R[NAME.*] as wrk_run gives them.
run_wrk() {
    wrk_run "$1" -t "$3" -c "$2" -d "${4}s" -H "$6" -s "$LUA" "$5" -- "$7"
}

# cpu_per_request TICKS_BEFORE TICKS_AFTER REQUESTS: milliseconds of CPU per request.
cpu_per_request() {
    awk -v a="$1" -v b="$2" -v n="$3" -v hz="$CLK_TCK" 'BEGIN { printf "%.3f", (n > 0 ? (b - a) * 1000 / hz / n : 0) }'
}

# MARK: Signed GitHub deliveries

# sign_github_deliveries SECRET COUNT FILE: COUNT distinct GitHub deliveries signed with SECRET,
# one per line of FILE as github-webhooks.lua reads them; their body size in BODY_BYTES.
sign_github_deliveries() {
    say "signing $2 distinct GitHub deliveries"
    python3 - "$1" "$2" >"$3" <<'PY'
import hashlib, hmac, sys
secret, total = sys.argv[1].encode(), int(sys.argv[2])
out = sys.stdout
for n in range(total):
    body = ('{"action":"opened","issue":{"number":%d,"title":"Webhook benchmark issue %d","state":"open",'
            '"user":{"login":"octocat","id":1},"labels":[{"name":"bug"}],"body":"Steps to reproduce: send many webhooks."},'
            '"repository":{"id":1296269,"full_name":"octocat/Hello-World"},"sender":{"login":"octocat","id":1}}') % (n, n)
    signature = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    out.write("bench-%012d\t%s\t%s\n" % (n, signature, body))
PY
    BODY_BYTES=$(head -n 1 "$3" | cut -f3 | wc -c)
}

# MARK: PostgreSQL

# start_postgres [SETTING=VALUE...]: a throwaway PostgreSQL server on a free loopback port, as
# the tests start theirs (initdb + pg_ctl, SCRAM passwords over TCP, trust on its Unix socket),
# with each SETTING passed as `-c`, stopped when the script ends. Sets PG_BIN, PG_USER,
# PG_PASSWORD, PG_DIR, PG_PORT, POSTMASTER_PID; psql_local DATABASE [psql args] runs psql over the socket.
start_postgres() {
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $PG_BIN ]]; then
        need_tool pg_ctlcluster postgresql
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    PG_USER=pb
    PG_PASSWORD=bench-Pw-$RANDOM$RANDOM
    PG_DIR=$WORK/pg
    mkdir -p "$PG_DIR"
    printf '%s' "$PG_PASSWORD" >"$PG_DIR/pwfile"
    # initdb refuses root: the server then runs as the postgres user the package creates.
    AS_PG=()
    if [[ $(id -u) == 0 ]]; then
        chown -R postgres "$WORK"
        AS_PG=(runuser -u postgres --)
    fi
    # A port nothing listens on: try random ones until a connect fails.
    PG_PORT=""
    local candidate setting options
    for _ in $(seq 50); do
        candidate=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            PG_PORT=$candidate
            break
        fi
    done
    [[ -n $PG_PORT ]] || die "found no free port for PostgreSQL"
    options="-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1"
    for setting in "$@"; do options+=" -c $setting"; done

    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/db" -U "$PG_USER" --pwfile="$PG_DIR/pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 ||
        { show_log "$WORK/initdb.log" "initdb"; die "initdb failed"; }
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/db" -l "$PG_DIR/log" -w start -o "$options" >"$WORK/pg_ctl.log" 2>&1 ||
        { show_log "$PG_DIR/log" "the server log"; die "pg_ctl start failed"; }
    POSTMASTER_PID=$(head -n 1 "$PG_DIR/db/postmaster.pid")
    CLEANUP_HOOKS+=(stop_postgres)
}

# PostgreSQL's CPU time so far, in clock ticks: the postmaster's own and its reaped children's
# (a backend that has exited), plus every live server process's (backends, WAL writer, checkpointer).
pg_cpu_ticks() {
    local total child
    total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$POSTMASTER_PID/stat")
    for child in $(cat "/proc/$POSTMASTER_PID/task/$POSTMASTER_PID/children" 2>/dev/null); do
        total=$((total + $(cpu_ticks "$child" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# seed_inbox_database DATABASE DATA_DIR: the host's schema in DATABASE (made by `patchbay keys
# create` on DATA_DIR, which migrates it), with one account, a GitHub connection `conn_bench` and
# its webhook endpoint `whep_bench`: what an inbox write needs, for pgbench to write through it.
seed_inbox_database() {
    PATCHBAY_DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$1?sslmode=disable" "${CHILD_ENV[@]}" \
        "$BIN/patchbay" keys create --data-dir "$2" --account acct_bench >/dev/null 2>"$WORK/$1-keys.log" ||
        { show_log "$WORK/$1-keys.log" "keys create"; die "could not migrate the $1 database"; }
    psql_local "$1" >/dev/null <<'SQL'
INSERT INTO connections (id, account_id, provider, label, config, status, created_at, updated_at)
    SELECT 'conn_bench', id, 'github', 'bench', '{}', 'active', 0, 0 FROM accounts;
INSERT INTO webhook_endpoints (id, account_id, connection_id, provider, status, created_at, updated_at)
    SELECT 'whep_bench', id, 'conn_bench', 'github', 'active', 0, 0 FROM accounts;
SQL
}

stop_postgres() { "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/db" -m fast -w stop >/dev/null 2>&1; }

psql_local() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U "$PG_USER" -d "$@"; }
