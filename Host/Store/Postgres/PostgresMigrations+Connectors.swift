extension PostgresMigrations {
    /// Declarative HTTP connectors, one per namespace and name within an account.
    static let connectors = Migration(name: "v1_connectors", statements: [
        """
        CREATE TABLE connectors (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (account_id, namespace, name)
        )
        """,
    ])
}
