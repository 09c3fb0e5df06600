extension PostgresMigrations {
    /// Remote MCP servers, one per connection, with the tools each last listed.
    static let mcpServers = Migration(name: "v1_mcp_servers", statements: [
        """
        CREATE TABLE mcp_servers (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            url TEXT NOT NULL,
            tools TEXT NOT NULL,
            server_info TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            tools_updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mcp_servers_by_account ON mcp_servers (account_id, created_at DESC, id DESC)",
    ])

    /// Where the authorization server of a server connected with OAuth is, as discovered.
    static let mcpServersAuthorization = Migration(name: "v2_mcp_servers_authorization", statements: [
        "ALTER TABLE mcp_servers ADD COLUMN oauth_metadata TEXT",
    ])
}
