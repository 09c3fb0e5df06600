extension PostgresMigrations {
    /// Answers kept for `Idempotency-Key` repeats (`IdempotencyStore`).
    static let idempotencyKeys = Migration(name: "v1_idempotency_keys", statements: [
        """
        CREATE TABLE idempotency_keys (
            account_id TEXT NOT NULL,
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            claim_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            status BIGINT,
            headers TEXT,
            body BYTEA,
            PRIMARY KEY (account_id, key)
        )
        """,
        "CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at)",
    ])

    /// The append-only audit log (`AuditStore`).
    static let audit = Migration(name: "v1_audit", statements: [
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            account_id TEXT,
            key_id TEXT,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            changes TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_by_account ON audit_log (account_id, created_at DESC, id DESC)",
    ])

    /// API requests per key and window (`APIRequestCountStore`).
    static let apiRequestCounts = Migration(name: "v1_api_request_counts", statements: [
        """
        CREATE TABLE api_request_counts (
            key TEXT NOT NULL,
            window_start BIGINT NOT NULL,
            count BIGINT NOT NULL,
            PRIMARY KEY (key, window_start)
        )
        """,
        "CREATE INDEX api_request_counts_by_window ON api_request_counts (window_start)",
    ])

    /// A key's own request budget (`APIKeyRecord.rateLimit`); null keeps the host's.
    static let apiKeyRateLimit = Migration(name: "v1_api_key_rate_limit", statements: [
        "ALTER TABLE api_keys ADD COLUMN rate_limit BIGINT",
    ])
}
