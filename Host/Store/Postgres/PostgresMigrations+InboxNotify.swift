extension PostgresMigrations {
    /// The inbox's write with its wake-ups (`PostgresStore.storeInboundEvents(_:announcingTo:)`):
    /// `patchbay_store_inbound_events` with the events' trace contexts (`webhookEventTrace`), then a `pg_notify` for each message
    /// whose event was stored. PostgreSQL delivers a transaction's notifications when it commits
    /// and drops them when it rolls back (a savepoint's with the savepoint), so listeners on every
    /// replica hear of exactly the events that were committed, and a group of inbox calls no
    /// longer needs a notification statement, and a transaction with its own WAL flush, after
    /// its commit. Repeats within a transaction are sent once (PostgreSQL folds identical
    /// notifications), so a group's events of one account wake its readers once.
    ///
    /// `notices` pairs each message with its event (`notice_event_ids`). Additive: replicas of
    /// the previous release keep calling `patchbay_store_inbound_events` and notify apart.
    static let inboxNotify = Migration(name: "v1_inbox_notify", statements: [
        """
        CREATE FUNCTION patchbay_store_inbound_events_and_notify(
            lock_class INT4, lock_keys INT4[], event_ids TEXT[], account_ids TEXT[], endpoint_ids TEXT[], connection_ids TEXT[],
            providers TEXT[], provider_event_ids TEXT[], types TEXT[], keys TEXT[], occurred_ats TEXT[], payloads TEXT[],
            received_ats INT8[], delivery_ids TEXT[], delivery_subscription_ids TEXT[], delivery_event_ids TEXT[],
            traceparents TEXT[], notify_channel TEXT, notice_event_ids TEXT[], notices TEXT[])
        RETURNS TEXT[] LANGUAGE plpgsql AS $$
        DECLARE
            stored TEXT[];
        BEGIN
            stored := patchbay_store_inbound_events(lock_class, lock_keys, event_ids, account_ids, endpoint_ids, connection_ids,
                providers, provider_event_ids, types, keys, occurred_ats, payloads, received_ats, delivery_ids,
                delivery_subscription_ids, delivery_event_ids, traceparents);
            PERFORM pg_notify(notify_channel, n.notice)
            FROM unnest(notice_event_ids, notices) AS n(event_id, notice)
            WHERE n.event_id = ANY(stored);
            RETURN stored;
        END
        $$
        """,
    ])
}
