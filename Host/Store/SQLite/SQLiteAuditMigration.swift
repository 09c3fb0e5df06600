import GRDB

extension SQLiteMigrations {
    /// The append-only audit log (`AuditStore`).
    static func auditV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                account_id TEXT,
                key_id TEXT,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                changes TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX audit_log_by_account ON audit_log (account_id, created_at DESC, id DESC);
            """)
    }
}
