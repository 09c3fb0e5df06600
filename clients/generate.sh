#!/usr/bin/env bash
# Regenerates the API clients from the host's own OpenAPI document:
#   clients/openapi.json                    the document a freshly started host serves at /openapi.json
#   clients/python/                         the Python client (openapi-python-client, pinned below)
#   clients/swift/Sources/PatchbayClient/   the Swift client (swift-openapi-generator), when a generator is given
# Usage: clients/generate.sh   (after `swift build`)
#   BIN_DIR=.build/debug                    where `patchbay` is
#   SWIFT_OPENAPI_GENERATOR=/path/to/swift-openapi-generator
#                                           the generator's command-line tool (apple/swift-openapi-generator 1.14.3,
#                                           `swift build -c release --product swift-openapi-generator` in its own checkout);
#                                           the Swift client is left as it is without it
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON_CLIENT_GENERATOR_VERSION=0.29.1
BIN_DIR=${BIN_DIR:-.build/debug}

scratch=$(mktemp -d)
host_pid=
cleanup() {
    if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# A host on an empty data dir and a free port, only to read the document it serves.
"$BIN_DIR/patchbay" serve --data-dir "$scratch/data" --port 0 2>"$scratch/serve.log" &
host_pid=$!
url=
for _ in $(seq 1 200); do
    url=$(grep -o ' url=http://127\.0\.0\.1:[0-9]*' "$scratch/serve.log" | head -1 | cut -d= -f2 || true)
    [ -n "$url" ] && break
    kill -0 "$host_pid" 2>/dev/null || { cat "$scratch/serve.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "the host did not start" >&2; cat "$scratch/serve.log" >&2; exit 1; }
# Sorted and indented, so a regeneration's diff shows what changed in the API.
curl -sf "$url/openapi.json" | python3 -c 'import json, sys; json.dump(json.load(sys.stdin), sys.stdout, indent=2, sort_keys=True); print()' \
    > clients/openapi.json

# Python: a pinned generator in a virtual environment of its own.
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install -q "openapi-python-client==$PYTHON_CLIENT_GENERATOR_VERSION"
"$scratch/venv/bin/openapi-python-client" generate --path clients/openapi.json --config clients/python-config.yaml \
    --meta setup --output-path clients/python/patchbay-client --overwrite

# Swift: the generator's output is kept in the repository, so building the package needs no plugin.
if [ -n "${SWIFT_OPENAPI_GENERATOR:-}" ]; then
    out=clients/swift/Sources/PatchbayClient/Generated
    mkdir -p "$out"
    # The generator leaves out any property whose schema uses `not`, which the document uses
    # only to refuse control characters and surrounding spaces in text; those checks are the
    # server's, so the generator reads the document without them.
    python3 -c 'import json, sys
def strip(value):
    if isinstance(value, dict):
        return {key: strip(item) for key, item in value.items() if not (key == "not" and isinstance(item, dict) and set(item) == {"pattern"})}
    if isinstance(value, list):
        return [strip(item) for item in value]
    return value
json.dump(strip(json.load(open(sys.argv[1]))), sys.stdout)' clients/openapi.json > "$scratch/openapi-swift.json"
    "$SWIFT_OPENAPI_GENERATOR" generate "$scratch/openapi-swift.json" \
        --config clients/swift/openapi-generator-config.yaml --output-directory "$out"
else
    echo "SWIFT_OPENAPI_GENERATOR is not set: the Swift client was not regenerated" >&2
fi
echo "regenerated from $url/openapi.json"
