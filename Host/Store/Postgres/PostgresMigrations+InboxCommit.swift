extension PostgresMigrations {
    /// The inbox's write as one statement that commits itself (`PostgresStore.storeInboundCalls`):
    /// `patchbay_store_inbound_events_and_notify`, then `COMMIT` inside the procedure, so a group
    /// costs one round trip instead of three (BEGIN, the call, COMMIT).
    ///
    /// Why a procedure and not the function run outside a transaction block: sent with the
    /// extended protocol, a statement outside a block commits at the Sync message, after the
    /// server has produced its CommandComplete, and the driver answers the caller on
    /// CommandComplete. A commit that then fails (a notification queue that is full, a deferred
    /// constraint) would be reported after the caller was told its events were stored. With the
    /// `COMMIT` inside the `CALL`, the commit, its WAL flush (`synchronous_commit = on`) and any
    /// error it raises all come before the statement's CommandComplete: the call answers only
    /// once its events are durable and visible to every other connection, and a refused commit
    /// is the statement's own error, rolled back whole like any other.
    ///
    /// `CALL` may commit only outside a transaction block, which is how the store sends it. Additive:
    /// replicas of the previous release keep calling the function in their own transactions.
    static let inboxCommit = Migration(name: "v1_inbox_commit", statements: [
        """
        CREATE PROCEDURE patchbay_commit_inbound_events(
            lock_class INT4, lock_keys INT4[], event_ids TEXT[], account_ids TEXT[], endpoint_ids TEXT[], connection_ids TEXT[],
            providers TEXT[], provider_event_ids TEXT[], types TEXT[], keys TEXT[], occurred_ats TEXT[], payloads TEXT[],
            received_ats INT8[], delivery_ids TEXT[], delivery_subscription_ids TEXT[], delivery_event_ids TEXT[],
            traceparents TEXT[], notify_channel TEXT, notice_event_ids TEXT[], notices TEXT[], INOUT stored TEXT[])
        LANGUAGE plpgsql AS $$
        BEGIN
            stored := patchbay_store_inbound_events_and_notify(lock_class, lock_keys, event_ids, account_ids, endpoint_ids,
                connection_ids, providers, provider_event_ids, types, keys, occurred_ats, payloads, received_ats, delivery_ids,
                delivery_subscription_ids, delivery_event_ids, traceparents, notify_channel, notice_event_ids, notices);
            COMMIT;
        END
        $$
        """,
    ])
}
