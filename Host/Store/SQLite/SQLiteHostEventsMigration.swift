import GRDB

extension SQLiteMigrations {
    /// Host events (a connection needing re-authorization, and its recovery) share the inbox with
    /// provider events but come from no endpoint: `endpoint_id` becomes optional. SQLite cannot
    /// relax a column in place, so the table is rebuilt with its rows, sequences and indexes.
    static func hostEventsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE webhook_events_new (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                account_id TEXT NOT NULL,
                endpoint_id TEXT REFERENCES webhook_endpoints(id),
                connection_id TEXT NOT NULL,
                provider TEXT NOT NULL,
                provider_event_id TEXT NOT NULL,
                type TEXT NOT NULL,
                key TEXT NOT NULL,
                occurred_at TEXT,
                payload TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                UNIQUE (endpoint_id, provider_event_id)
            );
            INSERT INTO webhook_events_new SELECT sequence, id, account_id, endpoint_id, connection_id, provider, provider_event_id,
                type, key, occurred_at, payload, received_at FROM webhook_events;
            DROP TABLE webhook_events;
            ALTER TABLE webhook_events_new RENAME TO webhook_events;
            CREATE INDEX webhook_events_by_account ON webhook_events (account_id, received_at DESC, id DESC);
            """)
    }
}
