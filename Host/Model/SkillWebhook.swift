public import PatchbayWire

/// What an `http_webhook` skill calls: a URL of the agent's owner, sent the call's input signed
/// per Standard Webhooks. Its signing secret is sealed with the skill's connection, never here.
public struct SkillWebhook: Codable, Sendable, Equatable {
    public var url: String
    /// What the owner's endpoint must answer; a reply that does not match fails the call.
    public var outputSchema: JSONValue
    /// How long the host waits for the answer.
    public var timeoutMs: Int

    public init(url: String, outputSchema: JSONValue, timeoutMs: Int) {
        self.url = url
        self.outputSchema = outputSchema
        self.timeoutMs = timeoutMs
    }

    enum CodingKeys: String, CodingKey {
        case url
        case outputSchema = "output_schema"
        case timeoutMs = "timeout_ms"
    }

    /// The provider of an `http_webhook` skill's connection and executions.
    public static let provider = "http_webhook"
}
