import GRDB
import PatchbayClock

/// Schema versions, applied in order and never edited once shipped: a change is a new migration.
enum SQLiteMigrations {
    /// `clock` stamps what a migration writes.
    static func migrator(clock: any HostClock) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_core") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    prefix TEXT NOT NULL UNIQUE,
                    salt BLOB NOT NULL,
                    hash BLOB NOT NULL,
                    scopes TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE TABLE connections (
                    id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    provider TEXT NOT NULL,
                    label TEXT NOT NULL,
                    config TEXT NOT NULL,
                    status TEXT NOT NULL,
                    sealed_credentials TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX connections_by_account ON connections (account_id, created_at DESC, id DESC);
                CREATE TABLE connection_schemas (
                    connection_id TEXT PRIMARY KEY REFERENCES connections(id),
                    schema TEXT NOT NULL,
                    discovered_at INTEGER NOT NULL
                );
                CREATE TABLE executions (
                    id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    connection_id TEXT NOT NULL REFERENCES connections(id),
                    provider TEXT NOT NULL,
                    action TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    duration_ms INTEGER,
                    error_code TEXT,
                    error_message TEXT,
                    retryable INTEGER,
                    upstream_status INTEGER,
                    requests TEXT NOT NULL,
                    output TEXT
                );
                CREATE INDEX executions_by_account ON executions (account_id, started_at DESC, id DESC);
                """)
        }
        migrator.registerMigration("webhooks_v1", migrate: SQLiteMigrations.webhooksV1)
        migrator.registerMigration("credentials_v1") { db in try credentialsV1(db) }
        migrator.registerMigration("agents_v1", migrate: agentsV1)
        migrator.registerMigration("host_events_v1", migrate: hostEventsV1)
        migrator.registerMigration("agent_rollback_v1", migrate: agentRollbackV1)
        migrator.registerMigration("host_instances_v1") { db in try hostInstancesV1(db, at: clock.wallMillis) }
        migrator.registerMigration("retention_v1", migrate: retentionV1)
        migrator.registerMigration("mcp_sessions_v1", migrate: mcpSessionsV1)
        migrator.registerMigration("connectors_v1", migrate: connectorsV1)
        migrator.registerMigration("rate_budgets_v1", migrate: rateBudgetsV1)
        migrator.registerMigration("idempotency_keys_v1", migrate: idempotencyKeysV1)
        migrator.registerMigration("audit_v1", migrate: auditV1)
        migrator.registerMigration("api_request_counts_v1", migrate: apiRequestCountsV1)
        migrator.registerMigration("mcp_servers_v1", migrate: mcpServersV1)
        migrator.registerMigration("mcp_servers_v2", migrate: mcpServersV2)
        migrator.registerMigration("api_key_rate_limit_v1", migrate: apiKeyRateLimitV1)
        migrator.registerMigration("webhook_event_trace_v1", migrate: webhookEventTraceV1)
        return migrator
    }
}
