#!/usr/bin/env bash
# Many calls in flight: action calls to a slow provider, thousands at once.
#
# The fake Slack holds every answer back LATENCY_MS (patchbay-sandbox --latency-ms), as a real
# provider would, and the same chat.postMessage is sent by CONCURRENCY connections at once, in
# the same run, to two targets:
#   direct    wrk -> fake Slack  POST /chat.postMessage            (the baseline)
#   patchbay  wrk -> patchbay    POST /v1/connections/{id}/actions/post_message/invoke -> fake Slack
#   forward   wrk -> bench/forwarder (FORWARDER=1 only): the host's HTTP server and client alone,
#             forwarding the direct request and doing nothing else -> fake Slack
# and prints calls/s (as wrk counts them, and at steady state from the mean latency), p50/p99
# latency and what the host adds over the direct run, errors, the most requests the fake Slack
# had in flight at once, CPU per call of the host, the fake and wrk, and the host's memory (and
# the forwarder's: the floor the HTTP server and client alone set).
#
# Run from anywhere inside the repository:
#   bench/concurrent-calls.sh                                              # 1,000 at 1 s
#   CONCURRENCY=5000 LATENCY_MS=5000 DURATION=30 WARMUP=6 SKIP_BUILD=1 bench/concurrent-calls.sh
#
# See bench/README.md for every setting, the goals and how to read the output.

set -euo pipefail

usage() {
    cat <<'EOF_USAGE'
usage: bench/concurrent-calls.sh

Settings (environment variables):
  CONCURRENCY=1000    wrk connections, i.e. calls in flight, the same for both targets
  LATENCY_MS=1000     how long the fake Slack holds each answer back
  THREADS=2           wrk threads
  DURATION=15         seconds measured per target
  WARMUP=3            seconds of warm-up per target before it is measured (0: none)
  SKIP_BUILD=1        reuse the release build in .build-release instead of building
  BIN_DIR=DIR         take patchbay, patchbay-sandbox and libPatchbaySlack.so from DIR
  DATA_ROOT=DIR       create the host's data directory under DIR instead of the temporary directory
  SERVE_ARGS="..."    more `patchbay serve` flags, e.g. "--egress-connections-per-host 500"
  FORWARDER=1         also measure bench/forwarder at the same concurrency, and its memory: the
                      floor the HTTP server and client set (built in .build-forwarder on first use)
  REUSE_DATA=DIR      start the host on this data directory (e.g. growth.sh's seeded store)
  KEEP_WORK=1         keep the temporary directory (logs, wrk output, data dir)

Exit status: 0 when both measured runs completed (goals met or not), 3 when a run had
errors (non-2xx responses or socket errors), 1 on any other failure.
EOF_USAGE
}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
help_or_no_arguments "$@"
LUA=bench/calls-per-second.lua

CONCURRENCY=${CONCURRENCY:-1000}
LATENCY_MS=${LATENCY_MS:-1000}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
FORWARDER=${FORWARDER:-0}
read -r -a EXTRA_SERVE_ARGS <<<"${SERVE_ARGS:-}"

# The goals: at least 90% of the ideal rate (every connection one call per latency), at most
# 5 ms added at p50, no errors, at most 200 MB resident at the host's peak.
RATE_GOAL=0.90
P50_ADDED_GOAL_MS=5
RSS_GOAL_MIB=200

whole_numbers CONCURRENCY LATENCY_MS THREADS DURATION WARMUP
((CONCURRENCY >= THREADS && THREADS >= 1)) || die "need CONCURRENCY >= THREADS >= 1"
# The steady rate counts whole rounds after the first: the run needs room for one more.
((DURATION * 1000 >= 2 * LATENCY_MS + 3000)) || die "DURATION must be at least twice the latency and 3 s more"

# Each call in flight holds a socket at wrk, two at the host and one at the fake: lift the
# soft limit on open files to the hard one for everything started here.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(($(ulimit -n) > 2 * CONCURRENCY + 256)) || die "the open-file limit ($(ulimit -n)) is too low for $CONCURRENCY calls in flight"

build_binaries patchbay patchbay-sandbox PatchbaySlack
need_tool wrk wrk
command -v curl >/dev/null 2>&1 || die "curl is needed"

# MARK: The slow fake Slack and the host

start_sandbox --latency-ms "$LATENCY_MS"
start_host --upstream "slack=$SLACK_URL" ${EXTRA_SERVE_ARGS[@]+"${EXTRA_SERVE_ARGS[@]}"}
grep -q 'plugins=[^ ]*slack' "$HOST_LOG" || { show_log "$HOST_LOG" "patchbay serve"; die "the host did not load the Slack plugin from $BIN"; }
sleep 1
RSS_IDLE_KIB=$(proc_kib "$HOST_PID" VmRSS)
if [[ $FORWARDER == 1 ]]; then
    build_forwarder
    start_forwarder "$FORWARDER_BIN"
    sleep 1
    FORWARD_RSS_IDLE_KIB=$(proc_kib "$FORWARDER_PID" VmRSS)
fi

create_key integrations:read,integrations:write
slack_invoke_targets

status=$(curl -sS -o "$WORK/invoke-check.json" -w '%{http_code}' -X POST "$INVOKE_URL" \
    -H "$INVOKE_AUTH" -H 'Content-Type: application/json' -d "$INVOKE_BODY")
[[ $status == 200 ]] && grep -q '"status" *: *"succeeded"' "$WORK/invoke-check.json" ||
    die "the invoke answered $status $(head -c 300 "$WORK/invoke-check.json")"

# MARK: Load

LATENCY_S=$(awk -v ms="$LATENCY_MS" 'BEGIN { printf "%.3f", ms / 1000 }')
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)

# measure NAME URL AUTH BODY [FRONT_PID]: a warm-up (it opens the connections), the calls it left
# in flight drained, then the measured run; the fake's peak of requests in flight is of that run.
# FRONT_PID is the process wrk talks to, whose CPU is counted as the host's (the host by default).
measure() {
    local front=${5:-$HOST_PID}
    if ((WARMUP > 0)); then
        say "$1: warm-up ${WARMUP}s"
        run_wrk "$1-warmup" "$CONCURRENCY" "$THREADS" "$WARMUP" "$2" "$3" "$4"
        sleep "$LATENCY_S"
        sleep 1
    fi
    curl -fsS -o /dev/null -X DELETE "$SANDBOX_URL/_sandbox/load" || die "the sandbox did not reset its load figures"
    say "$1: ${DURATION}s, $CONCURRENCY connections, $THREADS threads, upstream latency ${LATENCY_MS} ms"
    local host_before sandbox_before
    host_before=$(cpu_ticks "$front")
    sandbox_before=$(cpu_ticks "$SANDBOX_PID")
    local started
    started=$(date +%s.%N)
    run_wrk "$1" "$CONCURRENCY" "$THREADS" "$DURATION" "$2" "$3" "$4"
    R[$1.host_cpu]=$(cpu_per_request "$host_before" "$(cpu_ticks "$front")" "${R[$1.requests]}")
    R[$1.sandbox_cpu]=$(cpu_per_request "$sandbox_before" "$(cpu_ticks "$SANDBOX_PID")" "${R[$1.requests]}")
    R[$1.wrk_cpu]=$(cpu_per_request 0 "${R[$1.wrk_ticks]}" "${R[$1.requests]}")
    # wrk's own rate counts only the calls finished within the run: with every connection
    # starting at once and an upstream that answers after whole seconds, calls finish in rounds,
    # and a round that ends just past the run's end is lost (14 of 15 rounds at 1 s in 15 s,
    # 3 of 4 at 5 s in 20 s). The steady rate counts the answers of whole rounds instead: the
    # last whole multiple of the latency before the run's last (partial) second, after the first
    # round and the connects.
    R[$1.steady]=$(grep '^BENCH_SECONDS ' "$WORK/wrk-$1.txt" | tail -n 1 | tr ' ' '\n' | awk -F: -v start="$started" \
        -v d="$DURATION" -v l="$LATENCY_S" '
        NF == 2 { count[$1] = $2 }
        END {
            round = (l < 1 ? 1 : l)
            window = round * int((d - l - 2) / round)
            if (window < 1) { print 0; exit }
            last = int(start) + d - 1
            for (s = last - window; s < last; s++) total += count[s]
            printf "%.0f", total / window
        }')
    # wrk's share of the machine over the run: its CPU time over the cores' time.
    R[$1.wrk_share]=$(awk -v t="${R[$1.wrk_ticks]}" -v hz="$CLK_TCK" -v d="${R[$1.duration_us]}" -v n="$CORES" \
        'BEGIN { printf "%.1f", (d > 0 ? t / hz / (d / 1e6) / n * 100 : 0) }')
    R[$1.peak]=$(curl -fsS "$SANDBOX_URL/_sandbox/load" | grep -o '"peak_in_flight":[0-9]*' | cut -d: -f2)
}

measure direct "$DIRECT_URL" "$DIRECT_AUTH" "$DIRECT_BODY"
if [[ $FORWARDER == 1 ]]; then
    measure forward "$FORWARD_URL" "$DIRECT_AUTH" "$DIRECT_BODY" "$FORWARDER_PID"
    kill -0 "$FORWARDER_PID" 2>/dev/null || die "bench-forwarder died during the load"
    FORWARD_RSS_PEAK_KIB=$(proc_kib "$FORWARDER_PID" VmHWM)
fi
measure patchbay "$INVOKE_URL" "$INVOKE_AUTH" "$INVOKE_BODY"
kill -0 "$HOST_PID" 2>/dev/null || die "patchbay serve died during the load"
RSS_PEAK_KIB=$(proc_kib "$HOST_PID" VmHWM)
sleep "$LATENCY_S"
RSS_AFTER_KIB=$(proc_kib "$HOST_PID" VmRSS)

# MARK: Report

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
added_to() { awk -v p="${R[$1.$2]}" -v d="${R[direct.$2]}" 'BEGIN { printf "%+.1f", (p - d) / 1000 }'; }
added() { added_to patchbay "$1"; }

IDEAL=$(awk -v c="$CONCURRENCY" -v l="$LATENCY_MS" 'BEGIN { printf "%.0f", c * 1000 / l }')
RATE_NEEDED=$(awk -v i="$IDEAL" -v g="$RATE_GOAL" 'BEGIN { printf "%.0f", i * g }')
P50_ADDED_MS=$(added p50_us)
P99_ADDED_MS=$(added p99_us)
RSS_PEAK_MIB=$(mib "$RSS_PEAK_KIB")
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "MISSED") }'; }
RATE_VERDICT=$(verdict "$(awk -v r="${R[patchbay.steady]}" -v n="$RATE_NEEDED" 'BEGIN { print (r >= n) }')")
P50_VERDICT=$(verdict "$(awk -v a="$P50_ADDED_MS" -v g="$P50_ADDED_GOAL_MS" 'BEGIN { print (a <= g) }')")
ERROR_VERDICT=$(verdict "$((R[patchbay.failed] == 0))")
RSS_VERDICT=$(verdict "$(awk -v r="$RSS_PEAK_MIB" -v g="$RSS_GOAL_MIB" 'BEGIN { print (r <= g) }')")

row() {
    printf '  %-20s %9s %9s %9s %9s %9s %8s %8s %10s\n' "$1" "${R[$2.steady]}" "${R[$2.rps]}" "$(ms "${R[$2.p50_us]}")" \
        "$(ms "${R[$2.p99_us]}")" "${R[$2.requests]}" "${R[$2.non2xx]}" "${R[$2.socket]}" "${R[$2.peak]}"
}

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT="$COMMIT + uncommitted changes"

echo
echo "Many calls in flight: $CONCURRENCY concurrent Slack chat.postMessage, the fake answering each after $LATENCY_MS ms"
echo
printf '  machine   %s cores; wrk, the fake Slack and the host share them\n' "$CORES"
printf '  build     %s; the checkout is at %s\n' "$BUILD_NOTE" "$COMMIT"
printf '  load      wrk, %s connections, %s threads, %ss measured after %ss of warm-up, per target%s\n' \
    "$CONCURRENCY" "$THREADS" "$DURATION" "$WARMUP" "${SERVE_ARGS:+; serve $SERVE_ARGS}"
echo
printf '  %-20s %9s %9s %9s %9s %9s %8s %8s %10s\n' "" "steady/s" "wrk /s" "p50 ms" "p99 ms" "calls" "non-2xx" "sock.err" "upstream"
row "direct (fake Slack)" direct
row "patchbay invoke" patchbay
[[ $FORWARDER == 1 ]] && row "forwarder only" forward
printf '  (steady/s: answers over the last whole rounds of the run; wrk /s: calls finished within the run / its length;\n'
printf '   upstream: the most requests the fake Slack had in flight at once)\n'
echo
printf '  calls/s through patchbay  %9s   goal >= %s (%s%% of %s ideal)  %s\n' "${R[patchbay.steady]}" "$RATE_NEEDED" \
    "$(awk -v g="$RATE_GOAL" 'BEGIN { print g * 100 }')" "$IDEAL" "$RATE_VERDICT"
printf '  p50 added by patchbay     %9s ms goal <= %s ms  %s\n' "$P50_ADDED_MS" "$P50_ADDED_GOAL_MS" "$P50_VERDICT"
printf '  p99 added by patchbay     %9s ms\n' "$P99_ADDED_MS"
printf '  errors through patchbay   %9s    goal 0  %s\n' "${R[patchbay.failed]}" "$ERROR_VERDICT"
printf '  CPU per call              direct: fake Slack %s ms + wrk %s ms;  patchbay: host %s ms + fake Slack %s ms + wrk %s ms\n' \
    "${R[direct.sandbox_cpu]}" "${R[direct.wrk_cpu]}" "${R[patchbay.host_cpu]}" "${R[patchbay.sandbox_cpu]}" "${R[patchbay.wrk_cpu]}"
printf '  wrk'"'"'s share of the machine %s%% in the direct run, %s%% in the patchbay run (of %s cores)\n' \
    "${R[direct.wrk_share]}" "${R[patchbay.wrk_share]}" "$CORES"
printf '  host RSS                  %9s MiB peak (VmHWM)  goal <= %s MiB  %s;  %s MiB idle before, %s MiB after the load\n' \
    "$RSS_PEAK_MIB" "$RSS_GOAL_MIB" "$RSS_VERDICT" "$(mib "$RSS_IDLE_KIB")" "$(mib "$RSS_AFTER_KIB")"
printf '  host memory per call      %9s KiB in flight ((peak - idle) / %s)\n' \
    "$(awk -v p="$RSS_PEAK_KIB" -v i="$RSS_IDLE_KIB" -v c="$CONCURRENCY" 'BEGIN { printf "%.1f", (p - i) / c }')" "$CONCURRENCY"
if [[ $FORWARDER == 1 ]]; then
    printf '  forwarder (the floor)     %9s calls/s steady, p50 added %s ms, host CPU %s ms per call; RSS %s MiB peak, %s MiB idle before,\n' \
        "${R[forward.steady]}" "$(added_to forward p50_us)" "${R[forward.host_cpu]}" "$(mib "$FORWARD_RSS_PEAK_KIB")" "$(mib "$FORWARD_RSS_IDLE_KIB")"
    printf '                            %s KiB per call in flight (not a goal)\n' \
        "$(awk -v p="$FORWARD_RSS_PEAK_KIB" -v i="$FORWARD_RSS_IDLE_KIB" -v c="$CONCURRENCY" 'BEGIN { printf "%.1f", (p - i) / c }')"
fi
echo

if ((R[direct.failed] + R[patchbay.failed] + ${R[forward.failed]:-0} > 0)); then
    show_log "$WORK/wrk-patchbay.txt" "wrk (patchbay)"
    show_log "$HOST_LOG" "patchbay serve"
    exit 3
fi
