extension PostgresMigrations {
    /// MCP sessions, so that a session opened on one replica carries on on another. An
    /// account's live sessions are counted by last use; idle ones are swept by it.
    static let mcpSessions = Migration(name: "v1_mcp_sessions", statements: [
        """
        CREATE TABLE mcp_sessions (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            agent_id TEXT NOT NULL,
            initialize TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mcp_sessions_by_account ON mcp_sessions (account_id, last_used_at)",
        "CREATE INDEX mcp_sessions_by_last_use ON mcp_sessions (last_used_at)",
    ])
}
