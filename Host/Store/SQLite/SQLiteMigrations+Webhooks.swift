import GRDB

extension SQLiteMigrations {
    /// Endpoints with their counters, the inbox (deduplicated per endpoint), subscriptions,
    /// delivery jobs and their attempts.
    static func webhooksV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE webhook_endpoints (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                connection_id TEXT NOT NULL REFERENCES connections(id),
                provider TEXT NOT NULL,
                status TEXT NOT NULL,
                sealed_secret TEXT,
                channel_id TEXT,
                resource_id TEXT,
                received INTEGER NOT NULL DEFAULT 0,
                verified INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                duplicates INTEGER NOT NULL DEFAULT 0,
                last_event_at INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id, created_at DESC, id DESC);
            CREATE TABLE webhook_events (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                account_id TEXT NOT NULL,
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id),
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
            CREATE INDEX webhook_events_by_account ON webhook_events (account_id, received_at DESC, id DESC);
            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                agent_id TEXT NOT NULL,
                endpoint_id TEXT,
                provider TEXT,
                patterns TEXT NOT NULL,
                mode TEXT NOT NULL,
                url TEXT,
                sealed_secrets TEXT,
                status TEXT NOT NULL,
                disabled_reason TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX webhook_subscriptions_by_account ON webhook_subscriptions (account_id, created_at DESC, id DESC);
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                subscription_id TEXT NOT NULL,
                event_id TEXT NOT NULL REFERENCES webhook_events(id),
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                lease_owner TEXT,
                lease_expires_at INTEGER,
                last_status_code INTEGER,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
            CREATE INDEX webhook_deliveries_by_account ON webhook_deliveries (account_id, created_at DESC, id DESC);
            CREATE TABLE webhook_attempts (
                id TEXT PRIMARY KEY,
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
                attempted_at INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL,
                status_code INTEGER,
                error TEXT
            );
            CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, attempted_at);
            """)
    }
}
