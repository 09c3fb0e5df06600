#!/usr/bin/env bash
# The Postgres provider: what Patchbay adds to a select, and how long discovery takes.
#
# One throwaway PostgreSQL server on loopback (initdb + pg_ctl, SCRAM passwords, as in the
# tests), one host, the same run:
#   pgbench (kept)   pgbench -> server, the same SELECT over connections kept open
#   pgbench (new)    pgbench -C -> server, a new connection (and password exchange) per query
#   patchbay         wrk -> POST /v1/connections/{id}/actions/select_rows/invoke -> plugin -> server
# The plugin keeps each connection's sessions open between calls (config pool_idle_timeout_ms),
# so "pgbench (kept)" is the like-for-like baseline; "pgbench (new)" is what a session per call
# (pool_idle_timeout_ms 0, and the plugin before it kept sessions) is bounded by. Then discovery
# of a schema of TABLES tables, each with a foreign key to the one before, timed through the API.
#
#   bench/postgres-select.sh
#   CONCURRENCY=16 DURATION=20 SKIP_BUILD=1 bench/postgres-select.sh
#
# Settings (environment variables):
#   CONCURRENCY=32   clients, the same for every target
#   DURATION=10      seconds measured per target, after WARMUP seconds of warm-up
#   WARMUP=2
#   TABLES=200       tables in the discovered schema
#   ROWS=10000       rows in the selected table
#   DISCOVERIES=5    discovery runs; the report gives the fastest and the median
#   SKIP_BUILD=1 / BIN_DIR=DIR / KEEP_WORK=1   as for invoke-overhead.sh

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CONCURRENCY=${CONCURRENCY:-32}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
TABLES=${TABLES:-200}
ROWS=${ROWS:-10000}
DISCOVERIES=${DISCOVERIES:-5}
KEEP_WORK=${KEEP_WORK:-0}
DATA_ROOT=""
for setting in CONCURRENCY DURATION WARMUP TABLES ROWS DISCOVERIES; do
    [[ ${!setting} =~ ^[0-9]+$ && ${!setting} -ge 1 ]] || { echo "$setting must be a whole number of at least 1" >&2; exit 1; }
done
THREADS=$((CONCURRENCY < 2 ? 1 : 2))

# shellcheck source=bench/lib.sh
source bench/lib.sh

build_binaries patchbay PatchbayPostgres
need_tool wrk wrk
need_tool curl curl

# MARK: PostgreSQL

start_postgres max_connections=200

say "seeding $ROWS customers and a schema of $TABLES tables"
psql_local postgres -c "CREATE DATABASE bench" >/dev/null
psql_local bench >/dev/null <<SQL
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO customers (name, email) SELECT 'Customer ' || n, 'c' || n || '@example.com' FROM generate_series(1, $ROWS) AS n;
CREATE SCHEMA wide;
DO \$\$
BEGIN
  FOR n IN 1..$TABLES LOOP
    EXECUTE format('CREATE TABLE wide.t%s (id bigserial PRIMARY KEY, name text NOT NULL, amount numeric(12,2), '
                   'active boolean DEFAULT true, created_at timestamptz DEFAULT now(), parent_id bigint %s)',
                   n, CASE WHEN n > 1 THEN format('REFERENCES wide.t%s(id)', n - 1) ELSE '' END);
  END LOOP;
END
\$\$;
ANALYZE;
SQL

# MARK: The host, a key and two connections

# The database listens on loopback, which a connection string may name only when the operator allows it.
start_host --allow-egress 127.0.0.0/8
grep -q 'plugins=[^ ]*postgres' "$HOST_LOG" || { show_log "$HOST_LOG" "patchbay serve"; die "the host did not load the Postgres plugin from $BIN"; }
create_key integrations:read,integrations:write
AUTH="Authorization: Bearer $API_KEY"
CONNECTION_STRING="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/bench?sslmode=disable"

# connect NAME CONFIG_JSON: a Postgres connection; its id in CONN[NAME].
declare -A CONN
connect() {
    local status
    status=$(curl -sS -o "$WORK/connection-$1.json" -w '%{http_code}' -X POST "$HOST_URL/v1/connections" \
        -H "$AUTH" -H 'Content-Type: application/json' \
        -d "{\"provider\":\"postgres\",\"label\":\"$1\",\"config\":$2,\"credentials\":{\"connection_string\":\"$CONNECTION_STRING\"}}")
    [[ $status == 201 ]] || die "POST /v1/connections ($1) answered $status: $(head -c 300 "$WORK/connection-$1.json")"
    CONN[$1]=$(grep -o '"id" *: *"conn_[^"]*"' "$WORK/connection-$1.json" | head -n 1 | grep -o 'conn_[^"]*')
}
connect public '{}'
connect wide '{"schema":"wide"}'

SELECT_ID=42
INVOKE_URL=$HOST_URL/v1/connections/${CONN[public]}/actions/select_rows/invoke
INVOKE_BODY="{\"input\":{\"table\":\"customers\",\"filters\":[{\"column\":\"id\",\"op\":\"eq\",\"value\":$SELECT_ID}],\"limit\":1}}"
status=$(curl -sS -o "$WORK/invoke-check.json" -w '%{http_code}' -X POST "$INVOKE_URL" \
    -H "$AUTH" -H 'Content-Type: application/json' -d "$INVOKE_BODY")
[[ $status == 200 ]] && grep -q "\"email\" *: *\"c$SELECT_ID@example.com\"" "$WORK/invoke-check.json" ||
    die "select_rows answered $status: $(head -c 300 "$WORK/invoke-check.json")"

# MARK: Load

# The statement the plugin sends for that input, so pgbench runs the same query.
echo "SELECT * FROM \"public\".\"customers\" WHERE \"id\" = $SELECT_ID LIMIT 2;" >"$WORK/select.sql"

# run_pgbench NAME EXTRA_ARGS...: throughput and p50/p99 (from the per-transaction log) in R[NAME.*].
run_pgbench() {
    local name=$1
    shift
    local args=(-n -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -c "$CONCURRENCY" -j "$THREADS" -f "$WORK/select.sql" "$@" bench)
    PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" "${args[@]}" -T "$WARMUP" >"$WORK/pgbench-$name-warmup.txt" 2>&1 ||
        { show_log "$WORK/pgbench-$name-warmup.txt" "pgbench"; die "pgbench failed ($name)"; }
    say "$name: ${DURATION}s, $CONCURRENCY clients"
    mkdir -p "$WORK/pgbench-$name"
    (cd "$WORK/pgbench-$name" && PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" "${args[@]}" -T "$DURATION" -l >"../pgbench-$name.txt" 2>&1) ||
        { show_log "$WORK/pgbench-$name.txt" "pgbench"; die "pgbench failed ($name)"; }
    R[$name.rps]=$(awk '/^tps = / { printf "%.2f", $3 }' "$WORK/pgbench-$name.txt")
    R[$name.failed]=$(awk '/number of failed transactions/ { print $5 }' "$WORK/pgbench-$name.txt")
    [[ -n ${R[$name.failed]} ]] || R[$name.failed]=0
    # Column 3 of pgbench's log is the transaction's latency in microseconds.
    read -r R[$name.requests] R[$name.p50_us] R[$name.p99_us] < <(cat "$WORK/pgbench-$name"/pgbench_log.* | awk '{ print $3 }' | sort -n |
        awk '{ v[NR] = $1 } END { p50 = int(NR * 0.50); p99 = int(NR * 0.99); if (p50 < 1) p50 = 1; if (p99 < 1) p99 = 1; print NR, v[p50], v[p99] }')
}

run_pgbench kept -M prepared
run_pgbench new -C

say "patchbay: warm-up ${WARMUP}s"
run_wrk patchbay-warmup "$CONCURRENCY" "$THREADS" "$WARMUP" "$INVOKE_URL" "$AUTH" "$INVOKE_BODY"
say "patchbay: ${DURATION}s, $CONCURRENCY connections"
host_before=$(cpu_ticks "$HOST_PID")
run_wrk patchbay "$CONCURRENCY" "$THREADS" "$DURATION" "$INVOKE_URL" "$AUTH" "$INVOKE_BODY"
R[patchbay.host_cpu]=$(cpu_per_request "$host_before" "$(cpu_ticks "$HOST_PID")" "${R[patchbay.requests]}")

# MARK: Discovery

say "discovering the $TABLES-table schema $DISCOVERIES times"
DISCOVERY_MS=()
for _ in $(seq "$DISCOVERIES"); do
    read -r status seconds < <(curl -sS -o "$WORK/discovery.json" -w '%{http_code} %{time_total}\n' -X POST \
        "$HOST_URL/v1/connections/${CONN[wide]}/discover" -H "$AUTH")
    [[ $status == 200 ]] || die "discover answered $status: $(head -c 300 "$WORK/discovery.json")"
    DISCOVERY_MS+=("$(awk -v s="$seconds" 'BEGIN { printf "%.0f", s * 1000 }')")
done
OBJECTS=$(grep -o '"name" *: *"t[0-9]*"' "$WORK/discovery.json" | sort -u | wc -l)
RELATIONSHIPS=$(grep -o '"cardinality"' "$WORK/discovery.json" | wc -l)
read -r DISCOVERY_MIN DISCOVERY_MEDIAN < <(printf '%s\n' "${DISCOVERY_MS[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)] }')

# MARK: Report

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
row() { printf '  %-22s %12s %9s %9s %9s %8s\n' "$1" "${R[$2.rps]}" "$(ms "${R[$2.p50_us]}")" "$(ms "${R[$2.p99_us]}")" "${R[$2.requests]}" "$3"; }
ratio() { awk -v a="${R[$1.rps]}" -v b="${R[$2.rps]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
added() { awk -v a="${R[$1.p50_us]}" -v b="${R[$2.p50_us]}" 'BEGIN { printf "%+.2f", (a - b) / 1000 }'; }

echo
echo "Postgres select_rows through patchbay vs the same SELECT from pgbench, and discovery"
echo
echo "  machine   $(nproc) cores; the load generator, PostgreSQL and the host share them"
echo "  build     $BUILD_NOTE; the checkout is at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "  server    PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }'), SCRAM passwords, no TLS, loopback"
echo "  load      $CONCURRENCY clients, ${DURATION}s measured after ${WARMUP}s of warm-up, per target; one row by primary key"
echo
printf '  %-22s %12s %9s %9s %9s %8s\n' "" "queries/s" "p50 ms" "p99 ms" "queries" "failed"
row "pgbench, kept conns" kept "${R[kept.failed]}"
row "pgbench, conn per query" new "${R[new.failed]}"
row "patchbay select_rows" patchbay "$((${R[patchbay.non2xx]} + ${R[patchbay.socket]}))"
echo
echo "  throughput patchbay / pgbench kept conns       $(ratio patchbay kept)    p50 added $(added patchbay kept) ms    (goal >= 0.50)"
echo "  throughput patchbay / pgbench conn per query   $(ratio patchbay new)    p50 added $(added patchbay new) ms"
echo "  host CPU per select_rows call                  ${R[patchbay.host_cpu]} ms"
echo
echo "  discovery of $TABLES tables ($OBJECTS objects, $RELATIONSHIPS relationships found): fastest ${DISCOVERY_MIN} ms, median ${DISCOVERY_MEDIAN} ms of $DISCOVERIES runs"
