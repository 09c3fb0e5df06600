/// The name of something listeners wait for. Names are plain text, so a PostgreSQL notifier
/// can carry them as they are.
public struct NotifierChannel: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }

    /// An event was stored in the account's webhook inbox: pull long-polls look again.
    public static func webhookEvents(accountID: String) -> NotifierChannel { NotifierChannel("webhook_events:\(accountID)") }

    /// Push deliveries became due (a new event, a retry, a replay, a resumed subscription).
    public static let deliveriesDue = NotifierChannel("deliveries_due")

    /// The agent has a new live version (a publish or a rollback); the payload is its number.
    public static func agentLive(_ agentID: String) -> NotifierChannel { NotifierChannel("agent_live:\(agentID)") }

    /// An API key was revoked or its rate limit changed: hosts that keep verified keys forget
    /// them. The name is the one replicas of earlier releases listen on for revocations.
    public static let apiKeyChanged = NotifierChannel("api_key_revoked")

    /// A refresh of the connection's token ended, with new credentials or without.
    public static func oauthRefresh(_ connectionID: String) -> NotifierChannel { NotifierChannel("oauth_refresh:\(connectionID)") }
}
