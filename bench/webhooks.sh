#!/usr/bin/env bash
# Webhook ingest: sustained verified-and-committed GitHub deliveries per second.
#
# In one run, at the same concurrency, three figures:
#   http ceiling     wrk -> patchbay serve --benchmark-acknowledge-only: reads the body, answers 200,
#                    verifies and stores nothing (the same server, route and body sizes)
#   storage ceiling  a bare SQLite insert loop, one committed row per transaction, WAL with
#                    synchronous=FULL like the host, a payload of the same size
#   patchbay         wrk -> POST /hooks/github/{endpoint}: HMAC verified, parsed by the plugin,
#                    deduplicated and committed before the 200
# and the ratios of patchbay to each ceiling, with the host's CPU time per request. Every
# delivery is distinct and signed ahead of time, so none is a duplicate; the stored count is
# checked against wrk's 2xx count.
#
#   bench/webhooks.sh
#   CONCURRENCY=64 DURATION=20 SKIP_BUILD=1 bench/webhooks.sh
#
# Settings (environment variables):
#   CONCURRENCY=32  wrk connections       THREADS=2   wrk threads
#   DURATION=10     seconds measured      WARMUP=2    seconds of warm-up per target
#   SKIP_BUILD=1    reuse .build-release  BIN_DIR=D   take patchbay and libPatchbayGitHub.so from D
#   DATA_ROOT=D     data directories under D (e.g. /dev/shm, to see what fsync costs)
#   KEEP_WORK=1     keep the work directory

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONCURRENCY=${CONCURRENCY:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=${DATA_ROOT:-}
WEBHOOK_LUA=bench/github-webhooks.lua
SECRET=bench-webhook-secret-0123456789
EVENTS_GOAL=5000
CEILING_GOAL=0.50

for setting in CONCURRENCY THREADS DURATION WARMUP; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || { echo "$setting must be a whole number" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh

build_binaries patchbay PatchbayGitHub
need_tool wrk wrk
for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"
done
mkdir -p "$WORK/plugins"
cp "$BIN/libPatchbayGitHub.so" "$WORK/plugins/"

# Each of the three targets gets a fresh data directory; with DATA_ROOT they live outside the
# work directory and are removed here.
DATA_DIRS=()
remove_data_dirs() {
    local dir
    for dir in ${DATA_DIRS[@]+"${DATA_DIRS[@]}"}; do rm -rf "$dir" "$dir.log"; done
}
[[ -z $DATA_ROOT || $KEEP_WORK == 1 ]] || CLEANUP_HOOKS+=(remove_data_dirs)

# serve_github [serve flags...]: `patchbay serve` with only the GitHub plugin (lib.sh's start_host).
serve_github() {
    LOG_LEVEL=notice start_host --plugins-dir "$WORK/plugins" "$@"
    DATA_DIRS+=("$DATA")
}

# MARK: Signed deliveries

sign_github_deliveries "$SECRET" $(( (DURATION + WARMUP * THREADS) * 20000 )) "$WORK/requests.tsv"

# deliver NAME URL SECONDS [FIRST LINE]: wrk sends the signed deliveries from FIRST LINE on;
# figures in R[NAME.*], with the host's CPU time per request in R[NAME.host_cpu].
deliver() {
    local ticks
    ticks=$(cpu_ticks "$HOST_PID")
    wrk_run "$1" -t "$THREADS" -c "$CONCURRENCY" -d "${3}s" -s "$WEBHOOK_LUA" "$2" -- "$WORK/requests.tsv" "$THREADS" "${4:-0}"
    R[$1.host_cpu]=$(cpu_per_request "$ticks" "$(cpu_ticks "$HOST_PID")" "${R[$1.requests]}")
    R[$1.rps]=$(printf '%.0f' "${R[$1.rps]}")
}

# MARK: 1. The HTTP ceiling

say "http ceiling: patchbay serve --benchmark-acknowledge-only"
serve_github --benchmark-acknowledge-only
ACK_URL="$HOST_URL/hooks/github/whep_benchmark"
((WARMUP == 0)) || deliver http-warmup "$ACK_URL" "$WARMUP"
deliver http "$ACK_URL" "$DURATION"
kill -TERM "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true

# MARK: 2. The storage ceiling

say "storage ceiling: SQLite inserts, one per transaction, WAL + synchronous=FULL, ${DURATION}s"
if [[ -n $DATA_ROOT ]]; then SQLITE_DIR=$(mktemp -d "$DATA_ROOT/patchbay-bench-sqlite.XXXXXX"); else SQLITE_DIR=$(mktemp -d "$WORK/sqlite.XXXXXX"); fi
DATA_DIRS+=("$SQLITE_DIR")
R[sqlite.rps]=$(python3 - "$SQLITE_DIR/ceiling.sqlite" "$DURATION" "$WORK/requests.tsv" <<'PY'
import sqlite3, sys, time
path, seconds, requests = sys.argv[1], float(sys.argv[2]), sys.argv[3]
with open(requests) as f:
    body = f.readline().split("\t")[2]
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
db.execute("CREATE TABLE events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, endpoint_id TEXT NOT NULL, "
           "provider_event_id TEXT NOT NULL, payload TEXT NOT NULL, received_at INTEGER NOT NULL, UNIQUE (endpoint_id, provider_event_id))")
n, start = 0, time.monotonic()
while time.monotonic() - start < seconds:
    db.execute("BEGIN")
    db.execute("INSERT INTO events (id, endpoint_id, provider_event_id, payload, received_at) VALUES (?, ?, ?, ?, ?)",
               ("evt_%d" % n, "whep_bench", "bench-%d" % n, body, int(time.time() * 1000)))
    db.execute("COMMIT")
    n += 1
print("%.0f" % (n / (time.monotonic() - start)))
PY
)

# MARK: 3. Patchbay: verified and committed

say "patchbay: verify, parse, dedup, commit"
serve_github
sleep 1
RSS_IDLE_KIB=$(proc_kib "$HOST_PID" VmRSS)
create_key admin
api() { curl -sS -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' "$@"; }
CONNECTION=$(api -X POST "$HOST_URL/v1/connections" -d '{"provider":"github","credentials":{"token":"ghp_benchmark"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ENDPOINT_URL=$(api -X POST "$HOST_URL/v1/webhooks/endpoints" -d "{\"connection_id\":\"$CONNECTION\",\"secret\":\"$SECRET\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
ENDPOINT_ID=${ENDPOINT_URL##*/}
((WARMUP == 0)) || deliver patchbay-warmup "$ENDPOINT_URL" "$WARMUP"
# Past every line the warm-up may have sent: its threads need not have sent equally many, and
# wrk counts only the answers it read, not the requests in flight when it stopped.
FIRST=$(( (${R[patchbay-warmup.requests]:-0} + 4 * CONCURRENCY) * THREADS ))
deliver patchbay "$ENDPOINT_URL" "$DURATION" "$FIRST"
STATS=$(api "$HOST_URL/v1/webhooks/endpoints/$ENDPOINT_ID/stats")
STORED=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["verified"] - s["duplicates"])' "$STATS")
DUPLICATES=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["duplicates"])' "$STATS")
ACKED=$(( ${R[patchbay-warmup.requests]:-0} - ${R[patchbay-warmup.failed]:-0} + R[patchbay.requests] - R[patchbay.failed] ))
kill -0 "$HOST_PID" 2>/dev/null || die "patchbay serve died during the load"
sleep 2
RSS_LOADED_KIB=$(proc_kib "$HOST_PID" VmRSS)
RSS_PEAK_KIB=$(proc_kib "$HOST_PID" VmHWM)

# MARK: Report

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
LOWER=$(awk -v a="${R[http.rps]}" -v b="${R[sqlite.rps]}" 'BEGIN { print (a < b ? a : b) }')
LOWER_NAME=$(awk -v a="${R[http.rps]}" -v b="${R[sqlite.rps]}" 'BEGIN { print (a < b ? "http" : "storage") }')
row() { printf '  %-34s %10s %9s %9s %8s %13s\n' "$@"; }
echo
echo "Webhook ingest: signed GitHub deliveries, ${BODY_BYTES} byte bodies"
printf '  machine   %s cores; wrk and the host share them\n' "$(nproc)"
printf '  build     %s\n' "$BUILD_NOTE"
printf '  load      wrk, %s connections, %s threads, %ss measured after %ss of warm-up\n' "$CONCURRENCY" "$THREADS" "$DURATION" "$WARMUP"
printf '  store     %s (%s)\n' "${DATA_ROOT:-the temporary directory}" "$DATA_FS"
echo
row "target" "events/s" "p50 ms" "p99 ms" "failed" "host CPU ms"
row "http ceiling (ack only)" "${R[http.rps]}" "$(ms "${R[http.p50_us]}")" "$(ms "${R[http.p99_us]}")" "${R[http.failed]}" "${R[http.host_cpu]}"
row "storage ceiling (sqlite, 1 row/tx)" "${R[sqlite.rps]}" "-" "-" "-" "-"
row "patchbay (verified + committed)" "${R[patchbay.rps]}" "$(ms "${R[patchbay.p50_us]}")" "$(ms "${R[patchbay.p99_us]}")" "${R[patchbay.failed]}" "${R[patchbay.host_cpu]}"
echo
printf '  patchbay / http ceiling      %s\n' "$(ratio "${R[patchbay.rps]}" "${R[http.rps]}")"
printf '  patchbay / storage ceiling   %s\n' "$(ratio "${R[patchbay.rps]}" "${R[sqlite.rps]}")"
printf '  patchbay / lower ceiling     %s (the %s ceiling; goal >= %s: %s)\n' "$(ratio "${R[patchbay.rps]}" "$LOWER")" "$LOWER_NAME" \
    "$CEILING_GOAL" "$(awk -v r="$(ratio "${R[patchbay.rps]}" "$LOWER")" -v g="$CEILING_GOAL" 'BEGIN { print (r >= g ? "met" : "MISSED") }')"
printf '  events/s goal >= %s: %s\n' "$EVENTS_GOAL" "$(awk -v r="${R[patchbay.rps]}" -v g="$EVENTS_GOAL" 'BEGIN { print (r >= g ? "met" : "MISSED") }')"
printf '  host RSS    %s MiB idle after start-up; %s MiB idle after the load (peak %s MiB)\n' \
    "$(mib "$RSS_IDLE_KIB")" "$(mib "$RSS_LOADED_KIB")" "$(mib "$RSS_PEAK_KIB")"
printf '  stored %s events for %s deliveries wrk saw acknowledged (%s duplicates)\n' "$STORED" "$ACKED" "$DUPLICATES"
# Stored may exceed what wrk saw by the requests in flight when each run stopped.
if ((DUPLICATES != 0 || STORED < ACKED || STORED > ACKED + 2 * CONCURRENCY)); then
    echo "  MISMATCH: every acknowledged delivery must be stored exactly once" >&2
    exit 3
fi
