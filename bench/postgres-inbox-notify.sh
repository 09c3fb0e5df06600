#!/usr/bin/env bash
# The inbox's wake-up on PostgreSQL, server side alone: pgbench writes one inbox event per
# transaction through the inbox function and sends its wake-up either after the commit, in a
# statement (and transaction) of its own (`old`: `patchbay_store_inbound_events`, then
# `pg_notify`), or inside the inbox's transaction (`new`:
# `patchbay_store_inbound_events_and_notify`). One throwaway server (`synchronous_commit = on`),
# the host's own schema (made by `patchbay keys create`), one LISTENing session as a replica
# holds. Prints events/s, PostgreSQL CPU per event and commits per event, alternating.
#
#   BIN_DIR=.build/debug bench/postgres-inbox-notify.sh
#   CLIENTS=1 ROUNDS=3 SKIP_BUILD=1 bench/postgres-inbox-notify.sh
#
# Settings: CLIENTS=32 (pgbench clients), JOBS=2 (pgbench threads), ROUNDS=3, DURATION=10,
# SKIP_BUILD, BIN_DIR as for the other scripts (only `patchbay` is needed, to migrate).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLIENTS=${CLIENTS:-32}
JOBS=${JOBS:-2}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
# shellcheck source=bench/lib.sh
source bench/lib.sh
build_binaries patchbay
start_postgres max_connections=200 synchronous_commit=on fsync=on
psql_local postgres -c "CREATE DATABASE ceiling" >/dev/null
seed_inbox_database ceiling "$WORK/d"
A=$(psql_local ceiling -c "SELECT id FROM accounts LIMIT 1")
P='{"action":"opened","issue":{"number":1,"title":"Webhook benchmark issue 1","state":"open","user":{"login":"octocat","id":1},"labels":[{"name":"bug"}],"body":"Steps to reproduce: send many webhooks."},"repository":{"id":1296269,"full_name":"octocat/Hello-World"},"sender":{"login":"octocat","id":1}}'
ARGS="1885496694, ARRAY[7]::int4[], ARRAY['evt_' || :client_id || '_' || :n], ARRAY['$A'], ARRAY['whep_bench'], ARRAY['conn_bench'], ARRAY['github'], ARRAY['d' || :client_id || '_' || :n], ARRAY['issues'], ARRAY['github.issues.opened'], ARRAY[NULL]::text[], ARRAY['$P'], ARRAY[(extract(epoch FROM clock_timestamp()) * 1000)::bigint], '{}'::text[], '{}'::text[], '{}'::text[]"
cat >"$WORK/old.sql" <<SQL
\set n random(1, 9000000000000000)
BEGIN;
SELECT patchbay_store_inbound_events($ARGS);
COMMIT;
SELECT pg_notify('patchbay', m) FROM unnest(ARRAY['webhook_events:$A']::text[]) AS m;
SQL
cat >"$WORK/new.sql" <<SQL
\set n random(1, 9000000000000000)
BEGIN;
SELECT patchbay_store_inbound_events_and_notify($ARGS, ARRAY[NULL]::text[], 'patchbay', ARRAY['evt_' || :client_id || '_' || :n], ARRAY['webhook_events:$A']);
COMMIT;
SQL
# A replica's listening connection, reading what arrives.
( PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" ceiling -q -c "LISTEN patchbay" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 & echo $! > "$WORK/listener.pid" )
STARTED_PIDS+=("$(cat "$WORK/listener.pid")")
for round in $(seq "$ROUNDS"); do
  for kind in old new; do
    PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -c $CLIENTS -j $JOBS -f "$WORK/$kind.sql" -T 2 ceiling >/dev/null 2>&1
    sleep 0.5
    x0=$(psql_local ceiling -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'ceiling'")
    c0=$(pg_cpu_ticks)
    PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -c $CLIENTS -j $JOBS -f "$WORK/$kind.sql" -T "$DURATION" ceiling >"$WORK/$kind-$round.txt" 2>&1 || { cat "$WORK/$kind-$round.txt"; exit 1; }
    sleep 1
    c1=$(pg_cpu_ticks)
    x1=$(psql_local ceiling -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'ceiling'")
    n=$(awk '/number of transactions actually processed/ { split($NF, a, "/"); print a[1] }' "$WORK/$kind-$round.txt")
    tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$WORK/$kind-$round.txt")
    lat=$(awk '/^latency average = / { print $4 }' "$WORK/$kind-$round.txt")
    echo "round $round $kind: events/s $tps latency_ms $lat PG_CPU_ms/event $(cpu_per_request "$c0" "$c1" "$n") commits/event $(awk -v a=$x0 -v b=$x1 -v n=$n 'BEGIN{printf "%.2f", (b-a)/n}') load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
