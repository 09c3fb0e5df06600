#!/usr/bin/env bash
# Instructions per request: what the host executes for one action call and for one webhook
# delivery, counted by valgrind's callgrind. Unlike CPU time, the count hardly moves when other
# processes share the cores, so two builds compare on a busy machine, one after the other.
#
#   invoke    wrk -> patchbay (under callgrind) POST /v1/connections/{id}/actions/post_message/invoke -> fake Slack
#   webhook   wrk -> patchbay (under callgrind) POST /hooks/github/{endpoint}, each delivery signed and distinct
#   forward   wrk -> bench/forwarder (under callgrind) -> fake Slack (FORWARDER=1): the HTTP server and client alone
#
# Counting starts after a warm-up and stops after the measured run; the instructions of every
# thread of the process in that window (event loops, tasks, the store's writer, the WAL
# checkpoint), less what the idle host executes in as long, are divided by the requests wrk
# completed in it.
#
#   bench/instructions.sh
#   SKIP_BUILD=1 FORWARDER=1 TOP=30 bench/instructions.sh
#
# Settings (environment variables):
#   CONNECTIONS=1      wrk connections for the action calls (1: the cost of one call alone)
#   HOOK_CONNECTIONS=8 wrk connections for the webhook deliveries (concurrent ones share commits)
#   DURATION=20        seconds measured per target (valgrind runs the host 30-60 times slower)
#   WARMUP=5           seconds of warm-up per target, not counted
#   IDLE=5             seconds the idle host is counted first, to take its background work out
#   TOP=0              print the N functions with the most instructions of their own per target
#   SKIP_BUILD=1       reuse .build-release    BIN_DIR=D  take the binaries from D
#   FORWARDER=1        also count bench/forwarder (built into .build-forwarder on first use)
#   KEEP_WORK=1        keep the work directory, with the callgrind files for callgrind_annotate

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONNECTIONS=${CONNECTIONS:-1}
HOOK_CONNECTIONS=${HOOK_CONNECTIONS:-8}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
IDLE=${IDLE:-5}
TOP=${TOP:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
FORWARDER=${FORWARDER:-0}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=
SECRET=bench-webhook-secret-0123456789

for setting in CONNECTIONS HOOK_CONNECTIONS DURATION WARMUP IDLE TOP; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || { echo "$setting must be a whole number" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh

build_binaries patchbay patchbay-sandbox PatchbaySlack PatchbayGitHub
need_tool wrk wrk
need_tool valgrind valgrind
for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"
done
# Copies without their debug information, which this valgrind may not read (DWARF 5); the
# symbol tables stay, and with them the function names.
mkdir -p "$WORK/plugins" "$WORK/bin"
objcopy --strip-debug "$BIN/patchbay" "$WORK/bin/patchbay"
for plugin in Slack GitHub; do
    objcopy --strip-debug "$BIN/libPatchbay$plugin.so" "$WORK/plugins/libPatchbay$plugin.so"
done

# This valgrind (3.19) writes into the signal mask that rt_sigsuspend is given, and libdispatch,
# which runs an async Swift program's main thread, passes one in read-only memory: valgrind
# then crashes. A preloaded sigsuspend hands the system call a copy on the stack instead.
command -v cc >/dev/null 2>&1 || die "a C compiler (cc) is needed for the sigsuspend shim"
cat >"$WORK/sigsuspend.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, sizeof(long));
}
C
cc -shared -fPIC -O2 "$WORK/sigsuspend.c" -o "$WORK/sigsuspend.so" || die "could not build the sigsuspend shim"

callgrind() {
    echo env "LD_PRELOAD=$WORK/sigsuspend.so" valgrind --tool=callgrind --instr-atstart=no "--callgrind-out-file=$WORK/callgrind.$1"
}

# warm_up NAME WRK_ARGS...: a run that is not counted, so that the count sees no first-time
# work (valgrind translating code, caches and pools filling).
warm_up() {
    local name=$1
    shift
    ((WARMUP > 0)) || return 0
    say "$name: warm-up ${WARMUP}s"
    wrk_run "$name-warmup" -d "${WARMUP}s" "$@"
}

# dump_total PID NAME: dumps the counters of PID; the instructions counted since they were last
# zeroed land in DUMP_TOTAL, the profile's path in DUMP_PATH.
dump_total() {
    callgrind_control -d "$2" "$1" >/dev/null
    DUMP_PATH=$(ls -t "$WORK"/callgrind.*.[0-9]* 2>/dev/null | head -n 1)
    [[ -n $DUMP_PATH ]] || die "callgrind wrote no dump for $2"
    DUMP_TOTAL=$(awk '/^totals:/ { print $2; exit }' "$DUMP_PATH")
}

# count NAME PID WRK_ARGS...: the instructions per request of a measured run, in R[NAME.ir],
# and its profile's path in R[NAME.dump]. The host's work while idle (timers, the WAL
# checkpointer, deadline watchers) is counted first for IDLE seconds and its rate taken out,
# so that the figure does not depend on how many requests valgrind let through.
count() {
    local name=$1 pid=$2 idle idle_started idle_us
    shift 2
    say "$name: ${IDLE}s idle, then ${DURATION}s counted"
    callgrind_control -z "$pid" >/dev/null
    callgrind_control -i on "$pid" >/dev/null
    idle_started=$(now_us)
    sleep "$IDLE"
    dump_total "$pid" "$name-idle"
    idle=$DUMP_TOTAL
    idle_us=$(($(now_us) - idle_started))
    callgrind_control -z "$pid" >/dev/null
    wrk_run "$name" -d "${DURATION}s" "$@"
    dump_total "$pid" "$name"
    callgrind_control -i off "$pid" >/dev/null
    R[$name.dump]=$DUMP_PATH
    R[$name.idle_rate]=$(awk -v i="$idle" -v us="$idle_us" 'BEGIN { printf "%.0f", i / (us / 1e6) }')
    R[$name.ir]=$(awk -v t="$DUMP_TOTAL" -v rate="${R[$name.idle_rate]}" -v us="${R[$name.duration_us]}" -v n="${R[$name.requests]}" \
        'BEGIN { printf "%.0f", (n > 0 ? (t - rate * us / 1e6) / n : 0) }')
    ((R[$name.failed] == 0)) || die "$name: ${R[$name.failed]} of ${R[$name.requests]} requests failed"
}

start_sandbox
BIN=$WORK/bin
api() { curl -sS -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' "$@"; }

# Each target gets a host of its own, so that no work of one is counted with the other.
HOST_RUNNER=($(callgrind invoke))
LOG_LEVEL=notice start_host --upstream "slack=$SLACK_URL" --plugins-dir "$WORK/plugins"
create_key admin,integrations:read,integrations:write
create_slack_connection "$SLACK_TOKEN"

INVOKE_URL=$HOST_URL/v1/connections/$CONNECTION_ID/actions/post_message/invoke
INVOKE_BODY="{\"input\":{\"channel\":\"$SLACK_CHANNEL\",\"text\":\"bench\"}}"
api -o "$WORK/invoke-check.json" -X POST "$INVOKE_URL" -d "$INVOKE_BODY"
grep -q '"status" *: *"succeeded"' "$WORK/invoke-check.json" || die "the invoke answered $(head -c 300 "$WORK/invoke-check.json")"
INVOKE_WRK=(-t 1 -c "$CONNECTIONS" -H "Authorization: Bearer $API_KEY" -s "$LUA" "$INVOKE_URL" -- "$INVOKE_BODY")
warm_up invoke "${INVOKE_WRK[@]}"
count invoke "$HOST_PID" "${INVOKE_WRK[@]}"
# The rate budget's hot path (Host/Egress/RateBudget*.swift), which every action call takes
# before it is sent and after its answer: the instructions executed in the budget's own code
# (RateBudgets, RateBudget, their closures, and generic code specialized for their types), per
# call. What that code calls in the standard library (string hashing, the lock, the clock) is
# not in it, so this is a floor; an inclusive count would take in the rest of the call, since
# async functions continue their callers by tail calls.
R[invoke.budget_ir]=$(callgrind_annotate --threshold=100 "${R[invoke.dump]}" 2>/dev/null |
    awk -v n="${R[invoke.requests]}" '
        /^-+$/ { section++ }
        section >= 3 && $1 ~ /^[0-9,]+$/ && /RateBudget/ { ir = $1; gsub(",", "", ir); total += ir }
        END { printf "%.0f", (n > 0 ? total / n : 0) }')

kill -TERM "$HOST_PID"
wait "$HOST_PID" 2>/dev/null || true
HOST_RUNNER=($(callgrind webhook))
LOG_LEVEL=notice start_host --plugins-dir "$WORK/plugins"
create_key admin
GITHUB=$(api -X POST "$HOST_URL/v1/connections" -d '{"provider":"github","credentials":{"token":"ghp_benchmark"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ENDPOINT_URL=$(api -X POST "$HOST_URL/v1/webhooks/endpoints" -d "{\"connection_id\":\"$GITHUB\",\"secret\":\"$SECRET\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
sign_github_deliveries "$SECRET" 200000 "$WORK/requests.tsv"
warm_up webhook -t 1 -c "$HOOK_CONNECTIONS" -s bench/github-webhooks.lua "$ENDPOINT_URL" -- "$WORK/requests.tsv" 1 0
# The counted run starts past every delivery the warm-up may have sent, so none is a duplicate.
FIRST=$((${R[webhook-warmup.requests]:-0} + 4 * HOOK_CONNECTIONS))
count webhook "$HOST_PID" -t 1 -c "$HOOK_CONNECTIONS" -s bench/github-webhooks.lua "$ENDPOINT_URL" -- "$WORK/requests.tsv" 1 "$FIRST"

if [[ $FORWARDER == 1 ]]; then
    build_forwarder
    objcopy --strip-debug "$FORWARDER_BIN" "$WORK/bin/bench-forwarder"
    start_forwarder "$WORK/bin/bench-forwarder" $(callgrind forward)
    FORWARD_BODY="{\"channel\":\"$SLACK_CHANNEL\",\"text\":\"bench\"}"
    FORWARD_WRK=(-t 1 -c "$CONNECTIONS" -H "Authorization: Bearer $SLACK_TOKEN" -s "$LUA" "$FORWARD_URL" -- "$FORWARD_BODY")
    warm_up forward "${FORWARD_WRK[@]}"
    count forward "$FORWARDER_PID" "${FORWARD_WRK[@]}"
fi

echo
echo "Instructions per request (callgrind), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $BUILD_NOTE"
printf '  %-44s %12s %9s %12s\n' "" "instructions" "requests" "idle, per s"
printf '  %-44s %12s %9s %12s\n' "action call, $CONNECTIONS connection(s)" "${R[invoke.ir]}" "${R[invoke.requests]}" "${R[invoke.idle_rate]}"
printf '  %-44s %12s %9s %12s\n' "  of which the rate budget's own code" "${R[invoke.budget_ir]}" "" ""
printf '  %-44s %12s %9s %12s\n' "webhook delivery, $HOOK_CONNECTIONS connections" "${R[webhook.ir]}" "${R[webhook.requests]}" "${R[webhook.idle_rate]}"
if [[ $FORWARDER == 1 ]]; then
    printf '  %-44s %12s %9s %12s\n' "forwarder request, $CONNECTIONS connection(s)" "${R[forward.ir]}" "${R[forward.requests]}" "${R[forward.idle_rate]}"
    printf '  action call / forwarder request: %s\n' "$(awk -v a="${R[invoke.ir]}" -v b="${R[forward.ir]}" 'BEGIN { printf "%.2f", a / b }')"
fi
if ((TOP > 0)); then
    NAMES=(invoke webhook)
    [[ $FORWARDER == 1 ]] && NAMES+=(forward)
    for name in "${NAMES[@]}"; do
        echo
        echo "  $name: the $TOP functions with the most instructions of their own (per request)"
        callgrind_annotate --threshold=100 "${R[$name.dump]}" 2>/dev/null |
            awk -v n="${R[$name.requests]}" -v top="$TOP" '
                /^-+$/ { section++ }
                section >= 3 && $1 ~ /^[0-9,]+$/ && shown < top {
                    ir = $1; gsub(",", "", ir); line = $0; sub(/^ *[0-9,]+ +(\([^)]*\) +)?/, "", line)
                    printf "  %10.0f  %s\n", ir / n, substr(line, 1, 150); shown++
                }'
    done
fi
