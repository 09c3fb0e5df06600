#!/usr/bin/env bash
# Runs schemathesis against a real host: the sandbox's fake Slack, `patchbay serve` on a fresh
# data dir, a key with every scope, and seeded objects so deep routes answer 2xx. Every check
# runs; any failure fails the script. Bounded: ST_MAX_EXAMPLES per operation (default 25) and
# ST_MAX_TIME seconds (default 240). BIN_DIR says where the built executables are
# (default .build/debug). Needs python3 with venv; schemathesis is installed into
# .build/schemathesis at the pinned version. One worker: CPython 3.11 before 3.11.8 keeps the AST
# builder's recursion counter per interpreter, so hypothesis describing strategies in two threads
# at once can fail with "AST constructor recursion depth mismatch" (CPython gh-106905), a crash of
# the fuzzer rather than a finding about the host.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
BIN_DIR=${BIN_DIR:-.build/debug}
MAX_EXAMPLES=${ST_MAX_EXAMPLES:-25}
MAX_TIME=${ST_MAX_TIME:-240}
VENV=.build/schemathesis

if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/schemathesis" --version | grep -q "$SCHEMATHESIS_VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

for product in patchbay patchbay-sandbox; do
    [ -x "$BIN_DIR/$product" ] || swift build --product "$product"
done

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sandbox_port=$(free_port)
host_port=$(free_port)
host="http://127.0.0.1:$host_port"

"$BIN_DIR/patchbay-sandbox" --port "$sandbox_port" --host-url "$host" >"$work/sandbox.log" 2>&1 &
pids+=($!)
PATCHBAY_UPSTREAMS="slack=http://127.0.0.1:$sandbox_port/slack/api" \
    "$BIN_DIR/patchbay" serve --data-dir "$work/data" --port "$host_port" --allow-private-webhook-targets \
    >"$work/host.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
    curl -fsS "$host/readyz" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "$host/readyz" >/dev/null || { cat "$work/host.log"; exit 1; }

key=$("$BIN_DIR/patchbay" keys create --data-dir "$work/data" --account acme \
    --scopes integrations:read,integrations:write,skills:write,skills:invoke,admin 2>/dev/null)
cp .ci/schemathesis.toml "$work/schemathesis.toml"
python3 .ci/schemathesis-seed.py "$host" "$key" "$work/schemathesis.toml"

status=0
"$VENV/bin/schemathesis" --config-file "$work/schemathesis.toml" run "$host/openapi.json" \
    --checks all --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --seed 20 --workers 1 \
    --header "Authorization: Bearer $key" --request-timeout 35 --no-color \
    --report junit --report-dir "${ST_REPORT_DIR:-$work/report}" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- host log (tail)"
    tail -n 40 "$work/host.log"
fi
exit "$status"
