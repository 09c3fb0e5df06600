/// Operator settings for the agents' MCP sessions.
public struct MCPSessionSettings: Sendable {
    /// A session nobody has used for this long (no request, no open stream) is ended.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// Sessions one account may hold open at once, on all replicas together; initializing
    /// another is refused (429).
    public var maxPerAccount = 100
    /// How often an open event stream carries an SSE comment, so that a client that went away
    /// is noticed (its stream then closes and the session can go idle) and proxies keep it open.
    public var keepAliveInterval: Duration = .seconds(15)

    public init() {}
}
