import GRDB

extension SQLiteMigrations {
    /// Declarative HTTP connectors, one per namespace and name within an account.
    static func connectorsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE connectors (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (account_id, namespace, name)
            );
            """)
    }
}
