extension PostgresMigrations {
    /// The trace context each event was stored in (`WebhookEventRecord.traceparent`), and the
    /// inbox function that writes it: `patchbay_store_inbound_events` with one more argument,
    /// the events' `traceparent`s. PostgreSQL tells functions apart by their arguments, so the
    /// previous one stays as it was for replicas of the previous release, whose events have a
    /// null context; the body is otherwise the same (`inboxFunction` says why it is one call).
    static let webhookEventTrace = Migration(name: "v1_webhook_event_trace", statements: [
        "ALTER TABLE webhook_events ADD COLUMN traceparent TEXT",
        """
        CREATE FUNCTION patchbay_store_inbound_events(
            lock_class INT4, lock_keys INT4[], event_ids TEXT[], account_ids TEXT[], endpoint_ids TEXT[], connection_ids TEXT[],
            providers TEXT[], provider_event_ids TEXT[], types TEXT[], keys TEXT[], occurred_ats TEXT[], payloads TEXT[],
            received_ats INT8[], delivery_ids TEXT[], delivery_subscription_ids TEXT[], delivery_event_ids TEXT[],
            traceparents TEXT[])
        RETURNS TEXT[] LANGUAGE plpgsql AS $$
        DECLARE
            lock_key INT4;
            stored TEXT[];
        BEGIN
            FOR lock_key IN SELECT DISTINCT k FROM unnest(lock_keys) AS k ORDER BY k LOOP
                PERFORM pg_advisory_xact_lock(lock_class, lock_key);
            END LOOP;
            WITH batch AS (
                SELECT * FROM unnest(event_ids, account_ids, endpoint_ids, connection_ids, providers, provider_event_ids, types,
                    keys, occurred_ats, payloads, received_ats, traceparents)
                    WITH ORDINALITY AS e(id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
                        occurred_at, payload, received_at, traceparent, position)
            ), inserted AS (
                INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
                    occurred_at, payload, received_at, traceparent)
                SELECT b.id, b.account_id, b.endpoint_id, b.connection_id, b.provider, b.provider_event_id, b.type, b.key,
                    b.occurred_at, b.payload, b.received_at, b.traceparent
                FROM batch b ORDER BY b.position
                ON CONFLICT (endpoint_id, provider_event_id) DO NOTHING
                RETURNING webhook_events.id
            ), deliveries AS (
                INSERT INTO webhook_deliveries (id, account_id, subscription_id, event_id, status, attempts, next_attempt_at,
                    created_at, updated_at)
                SELECT d.id, e.account_id, d.subscription_id, e.id, 'pending', 0, e.received_at, e.received_at, e.received_at
                FROM unnest(delivery_ids, delivery_subscription_ids, delivery_event_ids) AS d(id, subscription_id, event_id)
                JOIN batch e ON e.id = d.event_id JOIN inserted i ON i.id = d.event_id
            ), counted AS (
                UPDATE webhook_endpoints w SET received = w.received + c.received, verified = w.verified + c.received,
                    duplicates = w.duplicates + c.received - c.stored, last_event_at = COALESCE(c.last_event_at, w.last_event_at)
                FROM (
                    SELECT e.endpoint_id, count(*) AS received, count(i.id) AS stored,
                        (array_agg(e.received_at ORDER BY e.position DESC) FILTER (WHERE i.id IS NOT NULL))[1] AS last_event_at
                    FROM batch e LEFT JOIN inserted i ON i.id = e.id
                    WHERE e.endpoint_id IS NOT NULL
                    GROUP BY e.endpoint_id
                ) c
                WHERE w.id = c.endpoint_id
            )
            SELECT coalesce(array_agg(i.id), '{}') INTO stored FROM inserted i;
            RETURN stored;
        END
        $$
        """,
    ])
}
