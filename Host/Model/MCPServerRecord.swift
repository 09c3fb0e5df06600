public import PatchbayWire

/// A remote MCP server an account connected: where it is and the tools it last listed. The
/// connection of the same id holds its secrets; this record holds what the server said.
public struct MCPServerRecord: Sendable, Equatable {
    /// The id of the connection it belongs to.
    public var id: String
    public var accountID: String
    public var url: String
    /// The server's `tools/list`, as MCP tool objects (`name`, `description`, `inputSchema`, …).
    public var tools: JSONValue
    /// The server's name and version from `initialize`.
    public var serverInfo: JSONValue
    public var createdAt: Millis
    /// When the tools were last listed.
    public var toolsUpdatedAt: Millis
    /// For a server connected with OAuth: where its authorization server is, as discovered
    /// (`resource`, `issuer`, `authorization_endpoint`, `token_endpoint`, `scopes`, …); nil otherwise.
    public var authorization: JSONValue?

    public init(id: String, accountID: String, url: String, tools: JSONValue, serverInfo: JSONValue, createdAt: Millis,
                toolsUpdatedAt: Millis, authorization: JSONValue? = nil) {
        self.id = id
        self.accountID = accountID
        self.url = url
        self.tools = tools
        self.serverInfo = serverInfo
        self.createdAt = createdAt
        self.toolsUpdatedAt = toolsUpdatedAt
        self.authorization = authorization
    }

    /// Its id in the catalog and on its connection: `mcp:<connection id>`. A plugin's id may
    /// hold no colon and a connector's is `namespace.name`, so none collide.
    public static func providerID(_ id: String) -> String { "mcp:\(id)" }

    /// The connection id of an MCP server's provider id, or nil for any other provider.
    public static func connectionID(ofProvider provider: String) -> String? {
        guard provider.hasPrefix("mcp:"), provider.count > 4 else { return nil }
        return String(provider.dropFirst(4))
    }

    public var providerID: String { Self.providerID(id) }
}
