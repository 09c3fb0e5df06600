extension PostgresMigrations {
    /// Accounts, API keys, connections with their discovered schemas, and executions.
    /// Times are milliseconds since 1970 in BIGINT, JSON is TEXT exactly as encoded, as in SQLite.
    static let core = Migration(name: "v1_core", statements: [
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            prefix TEXT NOT NULL UNIQUE,
            salt BYTEA NOT NULL,
            hash BYTEA NOT NULL,
            scopes TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at DESC)",
        """
        CREATE TABLE connections (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            provider TEXT NOT NULL,
            label TEXT NOT NULL,
            config TEXT NOT NULL,
            status TEXT NOT NULL,
            sealed_credentials TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            end_user TEXT
        )
        """,
        "CREATE INDEX connections_by_account ON connections (account_id, created_at DESC, id DESC)",
        "CREATE INDEX connections_by_end_user ON connections (account_id, provider, end_user) WHERE end_user IS NOT NULL",
        """
        CREATE TABLE connection_schemas (
            connection_id TEXT PRIMARY KEY REFERENCES connections(id),
            schema TEXT NOT NULL,
            discovered_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE executions (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            connection_id TEXT NOT NULL REFERENCES connections(id),
            provider TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            duration_ms BIGINT,
            error_code TEXT,
            error_message TEXT,
            retryable BOOLEAN,
            upstream_status BIGINT,
            requests TEXT NOT NULL,
            output TEXT,
            trigger TEXT NOT NULL DEFAULT 'api',
            agent_id TEXT,
            skill TEXT,
            agent_version BIGINT,
            tool_call_id TEXT,
            end_user TEXT,
            pending_input TEXT,
            instance_id TEXT
        )
        """,
        "CREATE INDEX executions_by_account ON executions (account_id, started_at DESC, id DESC)",
        // `GET /v1/executions?connection_id=` pages one connection's calls without walking the account's.
        "CREATE INDEX executions_by_connection ON executions (account_id, connection_id, started_at DESC, id DESC)",
        "CREATE INDEX executions_by_agent ON executions (account_id, agent_id, started_at DESC, id DESC) WHERE agent_id IS NOT NULL",
        "CREATE INDEX executions_running_by_instance ON executions (instance_id) WHERE status = 'running'",
        """
        CREATE INDEX executions_finished_by_start ON executions (started_at)
            WHERE status NOT IN ('running', 'awaiting_approval')
        """,
    ])
}
