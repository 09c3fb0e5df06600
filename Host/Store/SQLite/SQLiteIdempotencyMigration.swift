import GRDB

extension SQLiteMigrations {
    /// Answers kept for `Idempotency-Key` repeats (`IdempotencyStore`).
    static func idempotencyKeysV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE idempotency_keys (
                account_id TEXT NOT NULL,
                key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                claim_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                status INTEGER,
                headers TEXT,
                body BLOB,
                PRIMARY KEY (account_id, key)
            );
            CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
            """)
    }
}
