public import Foundation

/// A verified inbound webhook, handed to the plugin to parse.
public struct InboundWebhook: WireMessage, Sendable, Equatable {
    /// Header names in lowercase.
    public var headers: [String: String]
    public var body: String

    public init(headers: [String: String], body: String) {
        self.headers = headers
        self.body = body
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "InboundWebhook")
        headers = try fields.optionalStringMap("headers") ?? [:]
        body = try fields.string("body")
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("headers", headers)
        object.set("body", body)
        return object.json
    }

    /// The bytes of `wire`, written without building it (see `PluginCall.write(to:)`).
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("body")
            writer.string(body)
            writer.member("headers")
            writer.stringMap(headers)
        }
    }
}

/// A normalized event parsed from a provider's webhook.
public struct WebhookEvent: WireMessage, Sendable, Equatable {
    /// The provider's id for the event, used for deduplication.
    public var id: String
    /// The provider's own event type, e.g. `issues`.
    public var type: String
    /// Provider-qualified key for routing, e.g. `github.issues.opened`.
    public var key: String
    /// ISO 8601.
    public var occurredAt: String?
    /// The event's data; unused when `payloadIsBody`.
    public var payload: JSONValue
    /// The payload is the webhook's body as received (a JSON value): the host stores those
    /// bytes as they are, and nothing re-encodes or re-reads them. ABI 1.1.
    public var payloadIsBody: Bool

    public init(id: String, type: String, key: String, occurredAt: String? = nil, payload: JSONValue) {
        self.init(id: id, type: type, key: key, occurredAt: occurredAt, payload: payload, payloadIsBody: false)
    }

    /// An event whose payload is the webhook's whole body, for a body that is a JSON value.
    public static func withBodyAsPayload(id: String, type: String, key: String, occurredAt: String? = nil) -> WebhookEvent {
        WebhookEvent(id: id, type: type, key: key, occurredAt: occurredAt, payload: .null, payloadIsBody: true)
    }

    private init(id: String, type: String, key: String, occurredAt: String?, payload: JSONValue, payloadIsBody: Bool) {
        self.id = id
        self.type = type
        self.key = key
        self.occurredAt = occurredAt
        self.payload = payload
        self.payloadIsBody = payloadIsBody
    }

    /// The wire form: `payload` or `"payload_is_body": true`, never both.
    public var wire: JSONValue {
        var object = WireObject()
        object.set("id", id)
        object.set("type", type)
        object.set("key", key)
        object.set("occurred_at", occurredAt)
        if payloadIsBody { object["payload_is_body"] = true } else { object["payload"] = payload }
        return object.json
    }

    /// The bytes of `wire`, written without building it: a plugin answers every webhook with these.
    func write(to writer: inout JSONWriter) throws {
        try writer.object { writer in
            writer.member("id")
            writer.string(id)
            writer.member("key")
            writer.string(key)
            if let occurredAt { writer.member("occurred_at"); writer.string(occurredAt) }
            if payloadIsBody {
                writer.member("payload_is_body")
                try writer.append(.bool(true))
            } else {
                writer.member("payload")
                try writer.append(payload)
            }
            writer.member("type")
            writer.string(type)
        }
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "WebhookEvent")
        let payloadIsBody = try fields.optionalBool("payload_is_body") ?? false
        // A payload may be JSON null, so only a missing one is refused.
        guard payloadIsBody || wire["payload"] != nil else {
            throw WireFormatError(message: "WebhookEvent", field: "payload", expected: "present unless payload_is_body is true")
        }
        self.init(id: try fields.string("id"), type: try fields.string("type"), key: try fields.string("key"),
                  occurredAt: try fields.optionalString("occurred_at"), payload: payloadIsBody ? .null : wire["payload"] ?? .null,
                  payloadIsBody: payloadIsBody)
    }

    /// Reads a `parse_webhook` result; nil when it is not an array of events.
    public static func decode(_ data: Data) -> [WebhookEvent]? {
        try? WireCoding.decode([WebhookEvent].self, from: data)
    }
}
