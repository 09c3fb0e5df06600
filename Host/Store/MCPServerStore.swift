public import PatchbayModel
public import PatchbayWire

/// The remote MCP servers an account connected, one per connection.
public protocol MCPServerStore: Sendable {
    /// Throws `StoreError.conflict` when a server of that id exists.
    func insertMCPServer(_ server: MCPServerRecord) async throws
    func mcpServer(id: String, accountID: String) async throws -> MCPServerRecord?
    /// The account's servers, newest first.
    func mcpServers(accountID: String) async throws -> [MCPServerRecord]
    /// Replaces the tools (and server info) the server listed; false when there is none of that id and account.
    func updateMCPServerTools(id: String, accountID: String, tools: JSONValue, serverInfo: JSONValue, at time: Millis) async throws -> Bool
    /// False when there was none.
    func deleteMCPServer(id: String, accountID: String) async throws -> Bool
}
