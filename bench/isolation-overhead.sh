#!/usr/bin/env bash
# What running a plugin in its own worker process costs per call, so operators can choose
# between `--plugin` (in process) and `--isolate` (a crash fails only that plugin's calls).
#
# Two hosts, the same trivial C plugin action (`ping` of Tests/BrokenPlugins/Crashes, which
# answers at once and never touches the network), the same run and concurrency:
#   in process   patchbay serve --plugin  libBrokenPluginCrashes.so
#   process      patchbay serve --isolate libBrokenPluginCrashes.so
# Each request is the whole API call (key check, execution record, plugin call, answer), so
# the difference between the two is the cost of the process boundary.
#
#   bench/isolation-overhead.sh
#   CONCURRENCY=8 DURATION=20 SKIP_BUILD=1 bench/isolation-overhead.sh
#
# Settings: CONCURRENCY=32, DURATION=10, WARMUP=2, SKIP_BUILD=1, BIN_DIR=DIR, KEEP_WORK=1.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=""
for setting in CONCURRENCY DURATION WARMUP; do
    [[ ${!setting} =~ ^[0-9]+$ && ${!setting} -ge 1 ]] || { echo "$setting must be a whole number of at least 1" >&2; exit 1; }
done
THREADS=$((CONCURRENCY < 2 ? 1 : 2))

# shellcheck source=bench/lib.sh
source bench/lib.sh

build_binaries patchbay patchbay-plugin-worker BrokenPluginCrashes
need_tool wrk wrk
need_tool curl curl
PLUGIN=$(cd "$BIN" && pwd)/libBrokenPluginCrashes.so

# host NAME FLAG: a host with the plugin loaded by FLAG, a key and a connection; the URL to
# invoke ping in URL[NAME], the key in KEY[NAME], the host's pid in PID[NAME].
declare -A URL KEY PID
host() {
    start_host --plugins-dir "$WORK/no-plugins" "$2" "$PLUGIN"
    grep -q 'plugins=[^ ]*broken-crashes' "$HOST_LOG" || { show_log "$HOST_LOG" "patchbay serve"; die "the $1 host did not load the plugin"; }
    create_key integrations:read,integrations:write
    local answer id
    answer=$(curl -sS -X POST "$HOST_URL/v1/connections" -H "Authorization: Bearer $API_KEY" \
        -H 'Content-Type: application/json' -d '{"provider":"broken-crashes","credentials":{}}')
    id=$(grep -o '"id" *: *"conn_[^"]*"' <<<"$answer" | head -n 1 | grep -o 'conn_[^"]*') || die "no connection on the $1 host: $answer"
    URL[$1]=$HOST_URL/v1/connections/$id/actions/ping/invoke
    KEY[$1]="Authorization: Bearer $API_KEY"
    PID[$1]=$HOST_PID
    curl -sS -X POST "${URL[$1]}" -H "${KEY[$1]}" -H 'Content-Type: application/json' -d '{"input":{}}' | grep -q '"pong":true' ||
        die "ping failed on the $1 host"
}
mkdir -p "$WORK/no-plugins"
host in_process --plugin
host process --isolate

BODY='{"input":{}}'
for name in in_process process; do
    say "$name: warm-up ${WARMUP}s"
    run_wrk "$name-warmup" "$CONCURRENCY" "$THREADS" "$WARMUP" "${URL[$name]}" "${KEY[$name]}" "$BODY"
    say "$name: ${DURATION}s, $CONCURRENCY connections"
    before=$(cpu_ticks "${PID[$name]}")
    run_wrk "$name" "$CONCURRENCY" "$THREADS" "$DURATION" "${URL[$name]}" "${KEY[$name]}" "$BODY"
    R[$name.host_cpu]=$(cpu_per_request "$before" "$(cpu_ticks "${PID[$name]}")" "${R[$name.requests]}")
    say "$name: one connection, ${DURATION}s"
    run_wrk "$name-single" 1 1 "$DURATION" "${URL[$name]}" "${KEY[$name]}" "$BODY"
done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
row() {
    printf '  %-24s %10s %8s %8s %10s %8s\n' "$1" "${R[$2.rps]}" "$(ms "${R[$2.p50_us]}")" "$(ms "${R[$2.p99_us]}")" \
        "${R[$2.host_cpu]:--}" "$((${R[$2.non2xx]} + ${R[$2.socket]}))"
}
echo
echo "Plugin isolation: a trivial action in process vs in a worker process, through the API"
echo
echo "  machine   $(nproc) cores; wrk and the host share them"
echo "  build     $BUILD_NOTE; the checkout is at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
printf '  %-24s %10s %8s %8s %10s %8s\n' "" "calls/s" "p50 ms" "p99 ms" "host CPU ms" "failed"
row "in process, $CONCURRENCY conns" in_process
row "process, $CONCURRENCY conns" process
row "in process, 1 conn" in_process-single
row "process, 1 conn" process-single
echo
awk -v a="${R[process.rps]}" -v b="${R[in_process.rps]}" -v p="${R[process-single.p50_us]}" -v q="${R[in_process-single.p50_us]}" \
    'BEGIN { printf "  throughput process / in process   %.2f\n  p50 added by the process boundary at 1 connection   %+.3f ms\n", a / b, (p - q) / 1000 }'
