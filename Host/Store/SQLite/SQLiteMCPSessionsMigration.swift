import GRDB

extension SQLiteMigrations {
    /// MCP sessions, so that a session opened through one host process carries on through
    /// another. An account's live sessions are counted by last use; idle ones are swept by it.
    static func mcpSessionsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mcp_sessions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                agent_id TEXT NOT NULL,
                initialize TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER NOT NULL
            );
            CREATE INDEX mcp_sessions_by_account ON mcp_sessions (account_id, last_used_at);
            CREATE INDEX mcp_sessions_by_last_use ON mcp_sessions (last_used_at);
            """)
    }
}
