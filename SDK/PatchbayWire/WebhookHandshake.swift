/// A setup request a provider sends (a URL check, a ping), recognised by a header's value or a
/// top-level field of a JSON body. It is acknowledged, or answered with a field of its body
/// echoed back (`{"challenge": "…"}`), and never stored as an event.
public struct WebhookHandshake: Codable, Sendable, Equatable {
    public var header: String?
    public var bodyField: String?
    public var equals: String
    /// A top-level string field of the body to answer with, as `{field: value}`.
    public var echo: String?

    public init(header: String? = nil, bodyField: String? = nil, equals: String, echo: String? = nil) {
        self.header = header
        self.bodyField = bodyField
        self.equals = equals
        self.echo = echo
    }

    enum CodingKeys: String, CodingKey {
        case header, equals, echo
        case bodyField = "body_field"
    }
}
