#!/usr/bin/env bash
# Action invocation overhead: what Patchbay adds to one provider call.
#
# Posts a Slack message over and over, in the same run and at the same concurrency:
#   direct    wrk -> fake Slack  POST /chat.postMessage
#   patchbay  wrk -> patchbay    POST /v1/connections/{id}/actions/post_message/invoke -> fake Slack
#   skill     wrk -> patchbay    POST /v1/agents/{id}/skills/post_message/invoke -> fake Slack
#   forward   wrk -> bench/forwarder (FORWARDER=1 only): the host's HTTP server and client
#             alone, forwarding the direct request and doing nothing else -> fake Slack
# and prints throughput and latency for both, the ratio between them, the host's start-up
# time and its memory. Release binaries, a fresh data directory, loopback only.
#
# Run from anywhere inside the repository:
#   bench/invoke-overhead.sh
#   CONCURRENCY=64 DURATION=30 SKIP_BUILD=1 bench/invoke-overhead.sh
#
# See bench/README.md for every setting, the goals and how to read the output.

set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/invoke-overhead.sh

Settings (environment variables):
  CONCURRENCY=32      wrk connections, the same for both targets
  THREADS=2           wrk threads
  DURATION=15         seconds measured per target
  WARMUP=3            seconds of warm-up per target before it is measured (0: none)
  SINGLE_DURATION=5   seconds per target of an extra run with 1 connection (0: skip it)
  SKIP_BUILD=1        reuse the release build in .build-release instead of building
  BIN_DIR=DIR         take patchbay, patchbay-sandbox and libPatchbaySlack.so from DIR
                      (implies SKIP_BUILD; e.g. .build/debug to compare a debug build)
  DATA_ROOT=DIR       create the host's data directory under DIR instead of the temporary
                      directory (e.g. /dev/shm to see what durable commits cost)
  MAX_ERROR_PCT=1     a run with more failed requests than this (percent) is invalid
  KEEP_WORK=1         keep the temporary directory (logs, wrk output, data dir)
  FORWARDER=1         also measure bench/forwarder: the floor the HTTP server and client set
                      (built in .build-forwarder on first use, a few minutes)

Exit status: 0 when both measured runs are valid (goals met or not), 3 when a run is
invalid (too many non-2xx responses or socket errors), 1 on any other failure.
EOF
}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
help_or_no_arguments "$@"

CONCURRENCY=${CONCURRENCY:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
SINGLE_DURATION=${SINGLE_DURATION:-5}
MAX_ERROR_PCT=${MAX_ERROR_PCT:-1}
FORWARDER=${FORWARDER:-0}

THROUGHPUT_GOAL=0.40
P50_ADDED_GOAL_MS=1

whole_numbers CONCURRENCY THREADS DURATION WARMUP SINGLE_DURATION
[[ $MAX_ERROR_PCT =~ ^[0-9]+([.][0-9]+)?$ ]] || die "MAX_ERROR_PCT must be a number"
((CONCURRENCY >= THREADS && THREADS >= 1)) || die "need CONCURRENCY >= THREADS >= 1"
((DURATION >= 1)) || die "DURATION must be at least 1"

build_binaries patchbay patchbay-sandbox PatchbaySlack
need_tool wrk wrk
command -v curl >/dev/null 2>&1 || die "curl is needed"

# MARK: The fake Slack and the host

start_sandbox

start_host --upstream "slack=$SLACK_URL"

if [[ $FORWARDER == 1 ]]; then
    build_forwarder
    start_forwarder "$FORWARDER_BIN"
fi
grep -q 'plugins=[^ ]*slack' "$HOST_LOG" || { show_log "$HOST_LOG" "patchbay serve"; die "the host did not load the Slack plugin from $BIN"; }

sleep 1
RSS_IDLE_KIB=$(proc_kib "$HOST_PID" VmRSS)

# MARK: A key and a Slack connection

create_key integrations:read,integrations:write,skills:write,skills:invoke

slack_invoke_targets

# The same action as a published agent skill: what the agent layer adds on top of the invoke.
say "creating an agent with post_message as a published skill"
curl -sS -o "$WORK/agent.json" -X POST "$HOST_URL/v1/agents" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' -d '{"name":"bench"}'
AGENT_ID=$(grep -o '"id" *: *"agent_[^"]*"' "$WORK/agent.json" | head -n 1 | grep -o 'agent_[^"]*' || true)
[[ -n $AGENT_ID ]] || die "no agent id in $(cat "$WORK/agent.json")"
for step in provision publish; do
    body=$([[ $step == provision ]] && echo "{\"connection_id\":\"$CONNECTION_ID\",\"actions\":[\"post_message\"]}" || echo '{}')
    status=$(curl -sS -o "$WORK/$step.json" -w '%{http_code}' -X POST "$HOST_URL/v1/agents/$AGENT_ID/$step" \
        -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "$body")
    [[ $status == 201 ]] || { show_log "$WORK/$step.json" "the answer"; die "POST /v1/agents/{id}/$step answered $status"; }
done
SKILL_URL=$HOST_URL/v1/agents/$AGENT_ID/skills/post_message/invoke

# Slack answers most errors with HTTP 200 and "ok":false, which wrk would count as success:
# check one direct request's body before (and after) the load.
check_direct() {
    local status
    status=$(curl -sS -o "$WORK/direct-check.json" -w '%{http_code}' -X POST "$DIRECT_URL" \
        -H "$DIRECT_AUTH" -H 'Content-Type: application/json' -d "$DIRECT_BODY")
    [[ $status == 200 ]] && grep -q '"ok" *: *true' "$WORK/direct-check.json" ||
        die "$1: the fake chat.postMessage answered $status $(head -c 300 "$WORK/direct-check.json")"
}
check_invoke() {
    local status
    status=$(curl -sS -o "$WORK/invoke-check.json" -w '%{http_code}' -X POST "${2:-$INVOKE_URL}" \
        -H "$INVOKE_AUTH" -H 'Content-Type: application/json' -d "$INVOKE_BODY")
    [[ $status == 200 ]] && grep -q '"status" *: *"succeeded"' "$WORK/invoke-check.json" ||
        die "$1: the invoke answered $status $(head -c 300 "$WORK/invoke-check.json")"
}
check_direct "before the load"
check_invoke "before the load"
check_invoke "before the load (skill)" "$SKILL_URL"

# MARK: Load

# measure NAME URL AUTH BODY [PID]: a warm-up, then the measured run, at the configured
# concurrency. Also records the CPU time per request, in the measured run, of the process in
# front (PID, the host unless given) and of the sandbox.
measure() {
    local front=${5:-$HOST_PID}
    if ((WARMUP > 0)); then
        say "$1: warm-up ${WARMUP}s"
        run_wrk "$1-warmup" "$CONCURRENCY" "$THREADS" "$WARMUP" "$2" "$3" "$4"
    fi
    say "$1: ${DURATION}s, $CONCURRENCY connections, $THREADS threads"
    local host_before sandbox_before
    host_before=$(cpu_ticks "$front")
    sandbox_before=$(cpu_ticks "$SANDBOX_PID")
    run_wrk "$1" "$CONCURRENCY" "$THREADS" "$DURATION" "$2" "$3" "$4"
    R[$1.host_cpu]=$(cpu_per_request "$host_before" "$(cpu_ticks "$front")" "${R[$1.requests]}")
    R[$1.sandbox_cpu]=$(cpu_per_request "$sandbox_before" "$(cpu_ticks "$SANDBOX_PID")" "${R[$1.requests]}")
}

measure direct "$DIRECT_URL" "$DIRECT_AUTH" "$DIRECT_BODY"
measure patchbay "$INVOKE_URL" "$INVOKE_AUTH" "$INVOKE_BODY"
measure skill "$SKILL_URL" "$INVOKE_AUTH" "$INVOKE_BODY"
if [[ $FORWARDER == 1 ]]; then
    measure forward "$FORWARD_URL" "$DIRECT_AUTH" "$DIRECT_BODY" "$FORWARDER_PID"
fi

if ((SINGLE_DURATION > 0)); then
    say "one connection, ${SINGLE_DURATION}s each: latency without queueing"
    run_wrk direct-single 1 1 "$SINGLE_DURATION" "$DIRECT_URL" "$DIRECT_AUTH" "$DIRECT_BODY"
    run_wrk patchbay-single 1 1 "$SINGLE_DURATION" "$INVOKE_URL" "$INVOKE_AUTH" "$INVOKE_BODY"
fi

check_direct "after the load"
check_invoke "after the load"
check_invoke "after the load (skill)" "$SKILL_URL"
kill -0 "$HOST_PID" 2>/dev/null || die "patchbay serve died during the load"

sleep 2
RSS_LOADED_KIB=$(proc_kib "$HOST_PID" VmRSS)
RSS_PEAK_KIB=$(proc_kib "$HOST_PID" VmHWM)

# MARK: 6. Report

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# valid NAME: at most MAX_ERROR_PCT percent of the requests failed, and there were requests.
valid() {
    awk -v n="${R[$1.requests]}" -v f="${R[$1.failed]}" -v max="$MAX_ERROR_PCT" 'BEGIN { exit !(n > 0 && f * 100 <= max * n) }'
}

CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    COMMIT="$COMMIT + uncommitted changes"
fi
RATIO=$(awk -v p="${R[patchbay.rps]}" -v d="${R[direct.rps]}" 'BEGIN { printf "%.2f", (d > 0 ? p / d : 0) }')
P50_ADDED_MS=$(awk -v p="${R[patchbay.p50_us]}" -v d="${R[direct.p50_us]}" 'BEGIN { printf "%+.2f", (p - d) / 1000 }')
RATIO_VERDICT=$(awk -v r="$RATIO" -v g="$THROUGHPUT_GOAL" 'BEGIN { print (r >= g ? "met" : "MISSED") }')
P50_VERDICT=$(awk -v a="$P50_ADDED_MS" -v g="$P50_ADDED_GOAL_MS" 'BEGIN { print (a <= g ? "met" : "MISSED") }')

row() {
    printf '  %-22s %12s %9s %9s %9s %9s %8s\n' "$1" "${R[$2.rps]}" "$(ms "${R[$2.p50_us]}")" "$(ms "${R[$2.p99_us]}")" \
        "${R[$2.requests]}" "${R[$2.non2xx]}" "${R[$2.socket]}"
}

INVALID=()
TARGETS=(direct patchbay skill)
[[ $FORWARDER == 1 ]] && TARGETS+=(forward)
for name in "${TARGETS[@]}"; do
    valid "$name" || INVALID+=("$name")
done
INVALID_NOTE="INVALID RUN: more than $MAX_ERROR_PCT% of the requests failed (non-2xx or socket errors) in: ${INVALID[*]-}"

echo
echo "Action invocation overhead: Slack chat.postMessage, direct vs through patchbay"
echo
if ((${#INVALID[@]} > 0)); then
    printf '  %s\n\n' "$INVALID_NOTE"
fi
printf '  machine   %s cores%s; wrk, the fake Slack and the host share them\n' "$CORES" "${CPU_MODEL:+ ($CPU_MODEL)}"
BUILT_AT=$(date -r "$BIN/patchbay" '+%Y-%m-%d %H:%M' 2>/dev/null || echo "?")
printf '  build     %s, binaries of %s; the checkout is at %s\n' "$BUILD_NOTE" "$BUILT_AT" "$COMMIT"
printf '  store     data directory on %s (%s)\n' "$DATA_FS" "${DATA_ROOT:-the temporary directory}"
printf '  load      wrk, %s connections, %s threads, %ss measured after %ss of warm-up, per target\n' \
    "$CONCURRENCY" "$THREADS" "$DURATION" "$WARMUP"
echo
printf '  %-22s %12s %9s %9s %9s %9s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "requests" "non-2xx" "sock.err"
row "direct (fake Slack)" direct
row "patchbay invoke" patchbay
row "agent skill invoke" skill
[[ $FORWARDER == 1 ]] && row "forwarder only" forward
echo
printf '  throughput patchbay/direct  %8s    goal >= %s   %s\n' "$RATIO" "$THROUGHPUT_GOAL" "$RATIO_VERDICT"
printf '  p50 added by patchbay       %8s ms goal <= %s ms  %s\n' "$P50_ADDED_MS" "$P50_ADDED_GOAL_MS" "$P50_VERDICT"
printf '  CPU per request   direct: fake Slack %s ms;  patchbay: host %s ms + fake Slack %s ms\n' \
    "${R[direct.sandbox_cpu]}" "${R[patchbay.host_cpu]}" "${R[patchbay.sandbox_cpu]}"
SKILL_RATIO=$(awk -v s="${R[skill.rps]}" -v p="${R[patchbay.rps]}" 'BEGIN { printf "%.2f", (p > 0 ? s / p : 0) }')
SKILL_P50_MS=$(awk -v s="${R[skill.p50_us]}" -v p="${R[patchbay.p50_us]}" 'BEGIN { printf "%+.2f", (s - p) / 1000 }')
printf '  agent skill vs invoke       %8s x throughput, p50 %s ms; host CPU %s ms per skill call (not a goal)\n' \
    "$SKILL_RATIO" "$SKILL_P50_MS" "${R[skill.host_cpu]}"
if [[ $FORWARDER == 1 ]]; then
    FORWARD_RATIO=$(awk -v f="${R[forward.rps]}" -v d="${R[direct.rps]}" 'BEGIN { printf "%.2f", (d > 0 ? f / d : 0) }')
    printf '  forwarder only / direct     %8s    its CPU %s ms + fake Slack %s ms per request (the floor under the host; not a goal)\n' \
        "$FORWARD_RATIO" "${R[forward.host_cpu]}" "${R[forward.sandbox_cpu]}"
fi
if ((SINGLE_DURATION > 0)); then
    SINGLE_ADDED_MS=$(awk -v p="${R[patchbay-single.p50_us]}" -v d="${R[direct-single.p50_us]}" 'BEGIN { printf "%+.2f", (p - d) / 1000 }')
    echo
    printf '  one connection, %ss each (no queueing; for reading the p50 above, not a goal):\n' "$SINGLE_DURATION"
    row "direct, 1 connection" direct-single
    row "patchbay, 1 connection" patchbay-single
    printf '  p50 added at 1 connection   %8s ms\n' "$SINGLE_ADDED_MS"
fi
echo
printf '  host start-up   %s ms to listening (startup_ms in its log); %s ms wall clock from exec until /healthz answered\n' \
    "$STARTUP_LOG_MS" "$STARTUP_WALL_MS"
printf '  host RSS        %s MiB idle after start-up; %s MiB idle after the load (peak %s MiB)\n' \
    "$(mib "$RSS_IDLE_KIB")" "$(mib "$RSS_LOADED_KIB")" "$(mib "$RSS_PEAK_KIB")"
echo

if ((${#INVALID[@]} > 0)); then
    printf '  %s\n\n' "$INVALID_NOTE"
    for name in "${INVALID[@]}"; do
        show_log "$WORK/wrk-$name.txt" "wrk ($name)"
    done
    show_log "$HOST_LOG" "patchbay serve"
    exit 3
fi