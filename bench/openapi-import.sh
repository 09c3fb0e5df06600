#!/usr/bin/env bash
# OpenAPI import of real, large API descriptions: how long `parse-openapi` and
# `import-openapi` take on a release host, how many operations each document gives, and
# every operation it could not express, with the reason.
#
# The documents are not in the repository: give the paths of files you have (JSON or YAML,
# OpenAPI 3.0 or 3.1). Each is sent as text, as a client uploading a file would send it.
#
#   bench/openapi-import.sh openapi.json other-api.yaml
#   RUNS=5 SKIP_BUILD=1 bench/openapi-import.sh openapi.json
#
# Per document: the size, the operations in it, imported, skipped and approximated, then
# for each run the wall time of parse-openapi (read the document, translate every operation,
# answer the definition) and of import-openapi into a connector created from that definition
# of one placeholder operation (the same work, then the whole definition checked and stored).
# Ends with the skipped operations of each document.
#
# Settings: RUNS=3, SKIP_BUILD=1, BIN_DIR=DIR, KEEP_WORK=1, SHOW_SKIPPED=1 (0 leaves the list out).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-3}
SHOW_SKIPPED=${SHOW_SKIPPED:-1}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=""
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "RUNS must be a whole number of at least 1" >&2; exit 1; }
(($# >= 1)) || { echo "usage: bench/openapi-import.sh DOCUMENT..." >&2; exit 1; }
for document in "$@"; do
    [[ -f $document ]] || { echo "$document is not a file" >&2; exit 1; }
done

# shellcheck source=bench/lib.sh
source bench/lib.sh

need_tool curl curl
need_tool jq jq
build_binaries patchbay
start_host
create_key integrations:read,integrations:write

# post PATH BODY_FILE OUT_FILE: prints "STATUS SECONDS".
post() {
    curl -sS -o "$3" -w '%{http_code} %{time_total}\n' -X POST "$HOST_URL$1" \
        -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary "@$2"
}

echo "BUILD $BUILD_NOTE"
echo "CORES $(nproc)"
index=0
for document in "$@"; do
    index=$((index + 1))
    name=doc$index
    body=$WORK/$name.body.json
    jq -Rs '{document: .}' <"$document" >"$body"
    bytes=$(wc -c <"$document")

    parse_times=()
    for ((run = 1; run <= RUNS; run++)); do
        read -r status seconds < <(post /v1/connectors/parse-openapi "$body" "$WORK/$name.parse.json")
        [[ $status == 200 ]] || { head -c 2000 "$WORK/$name.parse.json" >&2; echo >&2; die "parse-openapi of $document answered $status"; }
        parse_times+=("$seconds")
    done
    report=$WORK/$name.parse.json
    total=$(jq '.report.operations_in_document' "$report")
    imported=$(jq '.report.imported' "$report")
    skipped=$(jq '.report.skipped | length' "$report")
    approximated=$(jq '.report.approximated | length' "$report")
    answer_bytes=$(wc -c <"$report")
    echo "DOCUMENT $document openapi=$(jq -r '.report.openapi' "$report") bytes=$bytes operations=$total imported=$imported skipped=$skipped approximated=$approximated definition_bytes=$answer_bytes"
    echo "PARSE $document seconds=${parse_times[*]}"

    # A connector of one placeholder operation (a large definition is past POST /v1/connectors'
    # body limit), then the whole document imported into it.
    jq --arg name "$name" '{namespace: "bench", name: $name, base_url: (.definition.base_url // "https://api.example.com"),
        operations: [{name: "placeholder", description: "Replaced by the import.", method: "GET", path: "/"}]}' \
        "$report" >"$WORK/$name.connector.json"
    read -r status _ < <(post /v1/connectors "$WORK/$name.connector.json" "$WORK/$name.created.json")
    if [[ $status != 201 ]]; then
        say "no connector for $document ($status: $(head -c 300 "$WORK/$name.created.json")); import not measured"
    else
        import_times=()
        for ((run = 1; run <= RUNS; run++)); do
            read -r status seconds < <(post "/v1/connectors/bench/$name/import-openapi" "$body" "$WORK/$name.import.json")
            [[ $status == 200 ]] || { head -c 2000 "$WORK/$name.import.json" >&2; echo >&2; die "import-openapi of $document answered $status"; }
            import_times+=("$seconds")
        done
        echo "IMPORT $document seconds=${import_times[*]} operations=$(jq '.connector.definition.operations | length' "$WORK/$name.import.json")"
    fi
    if [[ $SHOW_SKIPPED == 1 ]]; then
        jq -r '.report.skipped[] | "SKIPPED \(.method) \(.path) \(.operation): \(.reason)"' "$report"
    fi
done
echo "HOST_PEAK_RSS_MIB $(mib "$(proc_kib "$HOST_PID" VmHWM)")"
