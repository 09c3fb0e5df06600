import GRDB

extension SQLiteMigrations {
    /// Indexes for pruning by age and for listings that read one page, however many rows there are.
    /// - Pruning finds old finished executions and old events in time order, and an event's
    ///   deliveries by event (which the foreign key check on deleting an event needs too).
    /// - A pull reads an account's events in sequence order; a listing filtered by endpoint
    ///   reads that endpoint's events newest first.
    static func retentionV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX executions_finished_by_start ON executions (started_at)
                WHERE status NOT IN ('running', 'awaiting_approval');
            CREATE INDEX webhook_events_by_received ON webhook_events (received_at);
            CREATE INDEX webhook_events_by_account_sequence ON webhook_events (account_id, sequence);
            CREATE INDEX webhook_events_by_endpoint ON webhook_events (endpoint_id, received_at DESC, id DESC);
            CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id, status);
            """)
    }
}
