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
# and the ratios of patchbay to each ceiling. Every delivery is distinct and signed ahead
# of time, so none is a duplicate; the stored count is checked against wrk's 2xx count.
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
SKIP_BUILD=${SKIP_BUILD:-0}
BIN_DIR=${BIN_DIR:-}
DATA_ROOT=${DATA_ROOT:-}
KEEP_WORK=${KEEP_WORK:-0}
SCRATCH=.build-release
LUA=bench/github-webhooks.lua
SECRET=bench-webhook-secret-0123456789
EVENTS_GOAL=5000
CEILING_GOAL=0.50

for setting in CONCURRENCY THREADS DURATION WARMUP; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || { echo "$setting must be a whole number" >&2; exit 1; }
done

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-webhooks-bench.XXXXXX")
STARTED_PIDS=()
cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    for pid in ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do wait "$pid" 2>/dev/null || true; done
    if [[ $KEEP_WORK == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# MARK: Binaries and tools

if [[ -n $BIN_DIR ]]; then
    BIN=$BIN_DIR
elif [[ $SKIP_BUILD == 1 ]]; then
    BIN=$SCRATCH/release
else
    say "building release binaries in $SCRATCH (the first build takes a while)"
    for product in patchbay PatchbayGitHub; do
        swift build -c release --scratch-path "$SCRATCH" --product "$product" >>"$WORK/build.log" 2>&1 ||
            { tail -20 "$WORK/build.log" >&2; die "the release build of $product failed"; }
    done
    BIN=$SCRATCH/release
fi
for file in patchbay libPatchbayGitHub.so; do
    [[ -f $BIN/$file ]] || die "$BIN/$file is missing; build first or unset SKIP_BUILD/BIN_DIR"
done
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install $tool)"
done

data_dir() {
    if [[ -n $DATA_ROOT ]]; then mktemp -d "$DATA_ROOT/patchbay-webhooks-bench.XXXXXX"; else mktemp -d "$WORK/data.XXXXXX"; fi
}

# start_host NAME [serve flags...]: starts patchbay serve with a fresh data directory and only
# the GitHub plugin; sets HOST_URL, HOST_PID and HOST_DATA.
start_host() {
    local name=$1 deadline
    shift
    HOST_DATA=$(data_dir)
    [[ -z $DATA_ROOT ]] || STARTED_DIRS+=("$HOST_DATA")
    env -u PATCHBAY_MASTER_KEY -u PATCHBAY_DATA_DIR -u PATCHBAY_PUBLIC_URL LOG_LEVEL=notice \
        "$BIN/patchbay" serve --data-dir "$HOST_DATA" --port 0 --plugins-dir "$WORK/plugins" "$@" >"$WORK/$name.log" 2>&1 &
    HOST_PID=$!
    STARTED_PIDS+=("$HOST_PID")
    HOST_URL=""
    deadline=$((SECONDS + 60))
    while [[ -z $HOST_URL ]]; do
        kill -0 "$HOST_PID" 2>/dev/null || { tail -20 "$WORK/$name.log" >&2; die "$name exited during start-up"; }
        ((SECONDS < deadline)) || die "$name did not start within 60 s"
        HOST_URL=$(grep -o 'url=http://[^ ]*' "$WORK/$name.log" 2>/dev/null | head -n 1 | cut -d= -f2- || true)
        [[ -n $HOST_URL ]] || sleep 0.05
    done
}
STARTED_DIRS=()
mkdir -p "$WORK/plugins"
cp "$BIN/libPatchbayGitHub.so" "$WORK/plugins/"

# MARK: Signed deliveries

TOTAL=$(( (DURATION + WARMUP * THREADS) * 20000 ))
say "signing $TOTAL distinct GitHub deliveries"
python3 - "$SECRET" "$TOTAL" >"$WORK/requests.tsv" <<'PY'
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
BODY_BYTES=$(head -n 1 "$WORK/requests.tsv" | cut -f3 | wc -c)

declare -A R
# run_wrk NAME URL SECONDS [FIRST LINE]: figures land in R[NAME.*].
run_wrk() {
    local name=$1 url=$2 seconds=$3 first=${4:-0} out=$WORK/wrk-$1.txt line kv
    wrk --latency -t "$THREADS" -c "$CONCURRENCY" -d "${seconds}s" --timeout 10s -s "$LUA" "$url" \
        -- "$WORK/requests.tsv" "$THREADS" "$first" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($name)"; }
    line=$(grep '^BENCH ' "$out" | tail -n 1)
    for kv in ${line#BENCH }; do R[$name.${kv%%=*}]=${kv#*=}; done
    R[$name.rps]=$(awk -v n="${R[$name.requests]}" -v us="${R[$name.duration_us]}" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
    R[$name.failed]=$((R[$name.non2xx] + R[$name.connect] + R[$name.read] + R[$name.write] + R[$name.timeout]))
}

# MARK: 1. The HTTP ceiling

say "http ceiling: patchbay serve --benchmark-acknowledge-only"
start_host ack-only --benchmark-acknowledge-only
ACK_PID=$HOST_PID
ACK_URL="$HOST_URL/hooks/github/whep_benchmark"
((WARMUP == 0)) || run_wrk http-warmup "$ACK_URL" "$WARMUP"
run_wrk http "$ACK_URL" "$DURATION"
kill -TERM "$ACK_PID"; wait "$ACK_PID" 2>/dev/null || true

# MARK: 2. The storage ceiling

say "storage ceiling: SQLite inserts, one per transaction, WAL + synchronous=FULL, ${DURATION}s"
SQLITE_DIR=$(data_dir)
[[ -z $DATA_ROOT ]] || STARTED_DIRS+=("$SQLITE_DIR")
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
for dir in ${STARTED_DIRS[@]+"${STARTED_DIRS[@]}"}; do rm -rf "$dir"; done
STARTED_DIRS=()

# MARK: 3. Patchbay: verified and committed

say "patchbay: verify, parse, dedup, commit"
start_host patchbay
API_KEY=$(env -u PATCHBAY_MASTER_KEY "$BIN/patchbay" keys create --data-dir "$HOST_DATA" --account bench --scopes admin 2>/dev/null | tail -n 1)
[[ $API_KEY == pb_* ]] || die "keys create printed no key"
api() { curl -sS -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' "$@"; }
CONNECTION=$(api -X POST "$HOST_URL/v1/connections" -d '{"provider":"github","credentials":{"token":"ghp_benchmark"}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ENDPOINT_URL=$(api -X POST "$HOST_URL/v1/webhooks/endpoints" -d "{\"connection_id\":\"$CONNECTION\",\"secret\":\"$SECRET\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
ENDPOINT_ID=${ENDPOINT_URL##*/}
((WARMUP == 0)) || run_wrk patchbay-warmup "$ENDPOINT_URL" "$WARMUP"
# Past every line the warm-up may have sent: its threads need not have sent equally many, and
# wrk counts only the answers it read, not the requests in flight when it stopped.
FIRST=$(( (${R[patchbay-warmup.requests]:-0} + 4 * CONCURRENCY) * THREADS ))
run_wrk patchbay "$ENDPOINT_URL" "$DURATION" "$FIRST"
STATS=$(api "$HOST_URL/v1/webhooks/endpoints/$ENDPOINT_ID/stats")
STORED=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["verified"] - s["duplicates"])' "$STATS")
DUPLICATES=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["duplicates"])' "$STATS")
ACKED=$(( ${R[patchbay-warmup.requests]:-0} - ${R[patchbay-warmup.failed]:-0} + R[patchbay.requests] - R[patchbay.failed] ))

# MARK: Report

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
LOWER=$(awk -v a="${R[http.rps]}" -v b="${R[sqlite.rps]}" 'BEGIN { print (a < b ? a : b) }')
LOWER_NAME=$(awk -v a="${R[http.rps]}" -v b="${R[sqlite.rps]}" 'BEGIN { print (a < b ? "http" : "storage") }')
echo
echo "Webhook ingest: signed GitHub deliveries, ${BODY_BYTES} byte bodies"
printf '  machine   %s cores; wrk and the host share them\n' "$(nproc)"
printf '  load      wrk, %s connections, %s threads, %ss measured after %ss of warm-up\n' "$CONCURRENCY" "$THREADS" "$DURATION" "$WARMUP"
printf '  store     %s\n' "${DATA_ROOT:-the temporary directory} ($(stat -f -c %T "$WORK"))"
echo
printf '  %-34s %10s %9s %9s %8s\n' "target" "events/s" "p50 ms" "p99 ms" "failed"
printf '  %-34s %10s %9s %9s %8s\n' "http ceiling (ack only)" "${R[http.rps]}" "$(ms "${R[http.p50_us]}")" "$(ms "${R[http.p99_us]}")" "${R[http.failed]}"
printf '  %-34s %10s %9s %9s %8s\n' "storage ceiling (sqlite, 1 row/tx)" "${R[sqlite.rps]}" "-" "-" "-"
printf '  %-34s %10s %9s %9s %8s\n' "patchbay (verified + committed)" "${R[patchbay.rps]}" "$(ms "${R[patchbay.p50_us]}")" "$(ms "${R[patchbay.p99_us]}")" "${R[patchbay.failed]}"
echo
printf '  patchbay / http ceiling      %s\n' "$(ratio "${R[patchbay.rps]}" "${R[http.rps]}")"
printf '  patchbay / storage ceiling   %s\n' "$(ratio "${R[patchbay.rps]}" "${R[sqlite.rps]}")"
printf '  patchbay / lower ceiling     %s (the %s ceiling; goal >= %s: %s)\n' "$(ratio "${R[patchbay.rps]}" "$LOWER")" "$LOWER_NAME" \
    "$CEILING_GOAL" "$(awk -v r="$(ratio "${R[patchbay.rps]}" "$LOWER")" -v g="$CEILING_GOAL" 'BEGIN { print (r >= g ? "met" : "MISSED") }')"
printf '  events/s goal >= %s: %s\n' "$EVENTS_GOAL" "$(awk -v r="${R[patchbay.rps]}" -v g="$EVENTS_GOAL" 'BEGIN { print (r >= g ? "met" : "MISSED") }')"
printf '  stored %s events for %s deliveries wrk saw acknowledged (%s duplicates)\n' "$STORED" "$ACKED" "$DUPLICATES"
# Stored may exceed what wrk saw by the requests in flight when each run stopped.
if ((DUPLICATES != 0 || STORED < ACKED || STORED > ACKED + 2 * CONCURRENCY)); then
    echo "  MISMATCH: every acknowledged delivery must be stored exactly once" >&2
    exit 3
fi
