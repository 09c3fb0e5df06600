public import PatchbayModel
public import PatchbayWire
import PostgresNIO

extension PostgresStore {
    public func insertMCPServer(_ server: MCPServerRecord) async throws {
        let (tools, info) = (try Self.text(server.tools), try Self.text(server.serverInfo))
        let authorization = try server.authorization.map(Self.text)
        try await write("""
            INSERT INTO mcp_servers (id, account_id, url, tools, server_info, created_at, tools_updated_at, oauth_metadata)
            VALUES (\(server.id), \(server.accountID), \(server.url), \(tools), \(info), \(server.createdAt), \(server.toolsUpdatedAt),
                    \(authorization))
            """)
    }

    public func mcpServer(id: String, accountID: String) async throws -> MCPServerRecord? {
        try await rows("SELECT * FROM mcp_servers WHERE id = \(id) AND account_id = \(accountID)").first.map(Self.mcpServer)
    }

    public func mcpServers(accountID: String) async throws -> [MCPServerRecord] {
        // COLLATE "C" orders ties as SQLite does (by bytes), whatever the database's collation.
        try await rows("SELECT * FROM mcp_servers WHERE account_id = \(accountID) ORDER BY created_at DESC, id COLLATE \"C\" DESC")
            .map(Self.mcpServer)
    }

    public func updateMCPServerTools(id: String, accountID: String, tools: JSONValue, serverInfo: JSONValue, at time: Millis) async throws -> Bool {
        let (tools, info) = (try Self.text(tools), try Self.text(serverInfo))
        return !(try await write("""
            UPDATE mcp_servers SET tools = \(tools), server_info = \(info), tools_updated_at = \(time)
            WHERE id = \(id) AND account_id = \(accountID) RETURNING id
            """).isEmpty)
    }

    public func deleteMCPServer(id: String, accountID: String) async throws -> Bool {
        !(try await write("DELETE FROM mcp_servers WHERE id = \(id) AND account_id = \(accountID) RETURNING id").isEmpty)
    }

    private static func mcpServer(_ row: PostgresRandomAccessRow) throws -> MCPServerRecord {
        MCPServerRecord(id: try row.value("id"), accountID: try row.value("account_id"), url: try row.value("url"),
                        tools: try decode(JSONValue.self, try row.value("tools")),
                        serverInfo: try decode(JSONValue.self, try row.value("server_info")),
                        createdAt: try row.value("created_at"), toolsUpdatedAt: try row.value("tools_updated_at"),
                        authorization: try row.value("oauth_metadata", as: String?.self).map { try decode(JSONValue.self, $0) })
    }
}
