#!/usr/bin/env bash
# How the host's costs move with what it holds: stored connections, stored webhook events and
# plugins loaded. At each step the host is restarted on the same data directory, and the
# report gives its start-up time (exec until /healthz answers), its idle RSS a second after
# start-up, and, for the store steps, the p50 and CPU of one Slack post_message call at one
# connection (as invoke-overhead.sh measures it, against the fake Slack).
#
#   connections   N Slack connections in one account, created through the API
#   events        N webhook events of that account in the inbox, written into the SQLite
#                 store with the host stopped (the API would take minutes per million)
#   plugins       1..PLUGINS of the shipped plugins, each step a fresh data directory
#
#   bench/growth.sh
#   SKIP_BUILD=1 CONNECTIONS="1 10000" EVENTS="1 1000000" bench/growth.sh
#
# Settings (environment variables):
#   CONNECTIONS="1 100 1000 10000"       connections stored at each step (ascending)
#   EVENTS="1 10000 100000 1000000"      webhook events stored at each step (ascending)
#   PLUGINS=5                            plugins loaded at the last plugin step (1 to 5)
#   INVOKE_SECONDS=5                     seconds of calls at one connection per store step
#   SKIP_BUILD=1 / BIN_DIR=DIR / DATA_ROOT=DIR / KEEP_WORK=1   as for invoke-overhead.sh

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONNECTIONS=${CONNECTIONS:-1 100 1000 10000}
EVENTS=${EVENTS:-1 10000 100000 1000000}
PLUGINS=${PLUGINS:-5}
INVOKE_SECONDS=${INVOKE_SECONDS:-5}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=${DATA_ROOT:-}
for n in $CONNECTIONS $EVENTS $PLUGINS $INVOKE_SECONDS; do
    [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || { echo "every count must be a whole number of at least 1 (got $n)" >&2; exit 1; }
done
((PLUGINS <= 5)) || { echo "PLUGINS is at most 5" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source bench/lib.sh

SHIPPED=(PatchbaySlack PatchbayGitHub PatchbayShopify PatchbayGoogleSheets PatchbayPostgres)
# Only the plugins the plugin steps load: PLUGINS=1 seeds a store with the Slack plugin alone.
build_binaries patchbay patchbay-sandbox "${SHIPPED[@]:0:PLUGINS}"
need_tool wrk wrk
need_tool sqlite3 sqlite3
command -v python3 >/dev/null 2>&1 || die "python3 is needed"

mkdir -p "$WORK/no-plugins"

start_sandbox

# stop_host: stops the host and waits until it has exited, so its data directory is free.
stop_host() {
    kill -TERM "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
}

# restart_host: stops the host and starts it again on the same data directory, with the same
# arguments; start-up time and idle RSS in STARTUP_WALL_MS and RSS_IDLE_KIB.
HOST_ARGS=()
restart_host() {
    stop_host
    REUSE_DATA=$DATA start_host "${HOST_ARGS[@]}"
    sleep 1
    RSS_IDLE_KIB=$(proc_kib "$HOST_PID" VmRSS)
}

# measure NAME: restarts the host, then one connection's calls for INVOKE_SECONDS; a row in ROWS.
ROWS=()
measure() {
    restart_host
    local url=$HOST_URL/v1/connections/$CONNECTION_ID/actions/post_message/invoke
    local body="{\"input\":{\"channel\":\"$SLACK_CHANNEL\",\"text\":\"bench\"}}"
    run_wrk "$1-warmup" 1 1 1 "$url" "Authorization: Bearer $API_KEY" "$body"
    local before
    before=$(cpu_ticks "$HOST_PID")
    run_wrk "$1" 1 1 "$INVOKE_SECONDS" "$url" "Authorization: Bearer $API_KEY" "$body"
    R[$1.cpu]=$(cpu_per_request "$before" "$(cpu_ticks "$HOST_PID")" "${R[$1.requests]}")
    ROWS+=("$(printf '  %-26s %10s %10s %9s %11s %8s' "$1" "$STARTUP_WALL_MS" "$(mib "$RSS_IDLE_KIB")" \
        "$(awk -v us="${R[$1.p50_us]}" 'BEGIN { printf "%.2f", us / 1000 }')" "${R[$1.cpu]}" "${R[$1.failed]}")")
}

# MARK: Connections

say "connections: ${CONNECTIONS// /, }"
HOST_ARGS=(--plugins-dir "$WORK/no-plugins" --plugin "$BIN/libPatchbaySlack.so" --upstream "slack=$SLACK_URL")
start_host "${HOST_ARGS[@]}"
create_key integrations:read,integrations:write
create_slack_connection "$SLACK_TOKEN"
STORED=1
for target in $CONNECTIONS; do
    if ((target > STORED)); then
        say "creating $((target - STORED)) more connections"
        python3 - "$HOST_URL" "$API_KEY" "$SLACK_TOKEN" "$((target - STORED))" <<'PY'
import http.client, json, sys, urllib.parse
url, key, token, count = urllib.parse.urlparse(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection(url.hostname, url.port)
body = json.dumps({"provider": "slack", "credentials": {"bot_token": token}})
for _ in range(count):
    conn.request("POST", "/v1/connections", body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    reply = conn.getresponse()
    reply.read()
    if reply.status != 201:
        sys.exit("POST /v1/connections answered %d" % reply.status)
PY
        STORED=$target
    fi
    # The row names what the store holds, counted, not what was asked for.
    measure "$(sqlite3 "$DATA/patchbay.sqlite" "SELECT count(*) FROM connections") connections"
done
CONNECTION_ROWS=("${ROWS[@]}")

# MARK: Events

say "events: ${EVENTS// /, }"
ROWS=()
STORED=0
for target in $EVENTS; do
    if ((target > STORED)); then
        say "writing $((target - STORED)) more webhook events into the store"
        stop_host
        [[ -f $DATA/patchbay.sqlite ]] || die "no patchbay.sqlite in $DATA"
        sqlite3 "$DATA/patchbay.sqlite" >/dev/null <<SQL
PRAGMA busy_timeout = 5000;
WITH RECURSIVE n(i) AS (SELECT $STORED + 1 UNION ALL SELECT i + 1 FROM n WHERE i < $target)
INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key, occurred_at, payload, received_at)
SELECT printf('evt_growth%09d', i), c.account_id, NULL, c.id, 'slack', printf('Ev%09d', i), 'message',
       'slack.message', NULL, '{"channel":"C0GENERAL","text":"hello from the growth bench"}',
       CAST(strftime('%s', 'now') AS INTEGER) * 1000 - i
FROM n, (SELECT id, account_id FROM connections WHERE id = '$CONNECTION_ID') AS c;
SQL
        STORED=$target
    fi
    measure "$(sqlite3 "$DATA/patchbay.sqlite" "SELECT count(*) FROM webhook_events") events"
done
EVENT_ROWS=("${ROWS[@]}")

# MARK: Plugins

say "plugins: 1 to $PLUGINS"
PLUGIN_ROWS=()
for count in $(seq "$PLUGINS"); do
    args=(--plugins-dir "$WORK/no-plugins")
    for plugin in "${SHIPPED[@]:0:count}"; do args+=(--plugin "$BIN/lib$plugin.so"); done
    stop_host
    start_host "${args[@]}"
    sleep 1
    RSS_IDLE_KIB=$(proc_kib "$HOST_PID" VmRSS)
    loaded=$(grep -o 'plugins=[^ ]*' "$HOST_LOG" | head -n 1 | cut -d= -f2)
    PLUGIN_ROWS+=("$(printf '  %-26s %10s %10s   %s' "$count plugins" "$STARTUP_WALL_MS" "$(mib "$RSS_IDLE_KIB")" "$loaded")")
done

# MARK: Report

echo
echo "Growth: start-up, idle memory and one call's cost as the host holds more"
echo
echo "  machine   $(nproc) cores, shared with the fake Slack and wrk"
echo "  build     $BUILD_NOTE; the checkout is at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "  data      SQLite on $DATA_FS; calls: Slack post_message at 1 connection for ${INVOKE_SECONDS}s after 1s of warm-up"
echo
header() { printf '  %-26s %10s %10s %9s %11s %8s\n' "" "start ms" "idle MiB" "p50 ms" "CPU ms/call" "failed"; }
header
printf '%s\n' "${CONNECTION_ROWS[@]}"
echo
header
printf '%s\n' "${EVENT_ROWS[@]}"
echo
printf '  %-26s %10s %10s   %s\n' "" "start ms" "idle MiB" "loaded"
printf '%s\n' "${PLUGIN_ROWS[@]}"
