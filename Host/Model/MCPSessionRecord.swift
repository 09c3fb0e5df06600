public import PatchbayWire

/// An open MCP session of an agent. It lives in the store, not in one host's memory, so that
/// a request landing on any replica carries the session on.
public struct MCPSessionRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var agentID: String
    /// The `params` of the `initialize` request that opened the session (protocol version,
    /// client capabilities and info): a replica new to the session replays it to its own server.
    public var initialize: JSONValue
    public var createdAt: Millis
    public var lastUsedAt: Millis

    public init(id: String, accountID: String, agentID: String, initialize: JSONValue, createdAt: Millis, lastUsedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.agentID = agentID
        self.initialize = initialize
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
