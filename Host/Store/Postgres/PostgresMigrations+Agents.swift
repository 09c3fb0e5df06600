extension PostgresMigrations {
    /// Agents and their published versions.
    static let agents = Migration(name: "v1_agents", statements: [
        """
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            variables TEXT NOT NULL,
            draft TEXT NOT NULL,
            live_version BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (account_id, name)
        )
        """,
        "CREATE INDEX agents_by_account ON agents (account_id, created_at DESC, id DESC)",
        """
        CREATE TABLE agent_versions (
            agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
            version BIGINT NOT NULL,
            skills TEXT NOT NULL,
            note TEXT,
            published_at BIGINT NOT NULL,
            rolled_back_from BIGINT,
            PRIMARY KEY (agent_id, version)
        )
        """,
    ])
}
