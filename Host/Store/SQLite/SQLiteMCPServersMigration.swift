import GRDB

extension SQLiteMigrations {
    /// Remote MCP servers, one per connection, with the tools each last listed.
    static func mcpServersV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mcp_servers (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id),
                url TEXT NOT NULL,
                tools TEXT NOT NULL,
                server_info TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                tools_updated_at INTEGER NOT NULL
            );
            CREATE INDEX mcp_servers_by_account ON mcp_servers (account_id, created_at DESC, id DESC);
            """)
    }
}

extension SQLiteMigrations {
    /// Where the authorization server of a server connected with OAuth is, as discovered.
    static func mcpServersV2(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE mcp_servers ADD COLUMN oauth_metadata TEXT")
    }
}
