import GRDB

extension SQLiteMigrations {
    /// Agents, their published versions, end-user connections, and skill calls on executions.
    static func agentsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                variables TEXT NOT NULL,
                draft TEXT NOT NULL,
                live_version INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (account_id, name)
            );
            CREATE INDEX agents_by_account ON agents (account_id, created_at DESC, id DESC);
            CREATE TABLE agent_versions (
                agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                skills TEXT NOT NULL,
                note TEXT,
                published_at INTEGER NOT NULL,
                PRIMARY KEY (agent_id, version)
            );
            ALTER TABLE connections ADD COLUMN end_user TEXT;
            CREATE INDEX connections_by_end_user ON connections (account_id, provider, end_user) WHERE end_user IS NOT NULL;
            ALTER TABLE executions ADD COLUMN trigger TEXT NOT NULL DEFAULT 'api';
            ALTER TABLE executions ADD COLUMN agent_id TEXT;
            ALTER TABLE executions ADD COLUMN skill TEXT;
            ALTER TABLE executions ADD COLUMN agent_version INTEGER;
            ALTER TABLE executions ADD COLUMN tool_call_id TEXT;
            ALTER TABLE executions ADD COLUMN end_user TEXT;
            ALTER TABLE executions ADD COLUMN pending_input TEXT;
            CREATE INDEX executions_by_agent ON executions (account_id, agent_id, started_at DESC, id DESC) WHERE agent_id IS NOT NULL;
            """)
    }
}
