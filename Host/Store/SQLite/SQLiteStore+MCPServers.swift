import GRDB
public import PatchbayModel
public import PatchbayWire

extension SQLiteStore {
    public func insertMCPServer(_ server: MCPServerRecord) async throws {
        let (tools, info) = (try Self.text(server.tools), try Self.text(server.serverInfo))
        let authorization = try server.authorization.map(Self.text)
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO mcp_servers (id, account_id, url, tools, server_info, created_at, tools_updated_at, oauth_metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [server.id, server.accountID, server.url, tools, info, server.createdAt, server.toolsUpdatedAt,
                                         authorization])
        }
    }

    public func mcpServer(id: String, accountID: String) async throws -> MCPServerRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM mcp_servers WHERE id = ? AND account_id = ?"),
                           [id, accountID], Self.mcpServer)
        }
    }

    public func mcpServers(accountID: String) async throws -> [MCPServerRecord] {
        try await read { db in
            try Self.all(db.cachedStatement(sql: "SELECT * FROM mcp_servers WHERE account_id = ? ORDER BY created_at DESC, id DESC"),
                         [accountID], Self.mcpServer)
        }
    }

    public func updateMCPServerTools(id: String, accountID: String, tools: JSONValue, serverInfo: JSONValue, at time: Millis) async throws -> Bool {
        let (tools, info) = (try Self.text(tools), try Self.text(serverInfo))
        return try await write { db in
            try db.cachedStatement(sql: "UPDATE mcp_servers SET tools = ?, server_info = ?, tools_updated_at = ? WHERE id = ? AND account_id = ?")
                .execute(arguments: [tools, info, time, id, accountID])
            return db.changesCount > 0
        }
    }

    public func deleteMCPServer(id: String, accountID: String) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM mcp_servers WHERE id = ? AND account_id = ?").execute(arguments: [id, accountID])
            return db.changesCount > 0
        }
    }

    private static func mcpServer(_ row: some StoredRow) throws -> MCPServerRecord {
        MCPServerRecord(id: row["id"], accountID: row["account_id"], url: row["url"], tools: try decode(JSONValue.self, row["tools"]),
                        serverInfo: try decode(JSONValue.self, row["server_info"]), createdAt: row["created_at"],
                        toolsUpdatedAt: row["tools_updated_at"],
                        authorization: try (row["oauth_metadata"] as String?).map { try decode(JSONValue.self, $0) })
    }
}
