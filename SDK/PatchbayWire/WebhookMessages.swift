import Foundation

/// A verified inbound webhook, handed to the plugin to parse.
public struct InboundWebhook: Codable, Sendable, Equatable {
    /// Header names in lowercase.
    public var headers: [String: String]
    public var body: String

    public init(headers: [String: String], body: String) {
        self.headers = headers
        self.body = body
    }

    /// The `parse_webhook` call for this webhook, written directly as JSON: the receiver makes
    /// one per delivery, so it skips the general-purpose encoder.
    public func callPayload(config: JSONValue) throws -> Data {
        try WireCoding.encode(JSONValue.object([
            "config": config,
            "webhook": .object(["headers": .object(headers.mapValues(JSONValue.string)), "body": .string(body)]),
        ]))
    }
}

extension PluginCall {
    /// Reads a `parse_webhook` call with the JSON parser rather than Foundation's decoder: the
    /// plugin gets one per received webhook. Accepts what the `Codable` form accepts.
    public static func webhookCall(from data: Data) throws -> PluginCall {
        let value = try WireCoding.decode(JSONValue.self, from: data)
        guard let config = value["config"], let webhook = value["webhook"], let body = webhook["body"]?.stringValue,
              let headers = strings(webhook["headers"]), value["credentials"].map({ $0 == .null || strings($0) != nil }) ?? true,
              value["action"].map({ $0 == .null || $0.stringValue != nil }) ?? true
        else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a parse_webhook call")) }
        return PluginCall(action: value["action"]?.stringValue, input: value["input"].flatMap { $0 == .null ? nil : $0 },
                          config: config, credentials: strings(value["credentials"]),
                          webhook: InboundWebhook(headers: headers, body: body))
    }

    private static func strings(_ value: JSONValue?) -> [String: String]? {
        guard case .object(let object)? = value else { return nil }
        var strings: [String: String] = [:]
        for (name, item) in object {
            guard let text = item.stringValue else { return nil }
            strings[name] = text
        }
        return strings
    }
}

/// A normalized event parsed from a provider's webhook.
public struct WebhookEvent: Codable, Sendable, Equatable {
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

    public init(from decoder: Decoder) throws {
        guard let event = WebhookEvent(wire: try JSONValue(from: decoder)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a webhook event"))
        }
        self = event
    }

    public func encode(to encoder: Encoder) throws {
        try wire.encode(to: encoder)
    }

    /// The wire form: `payload` or `"payload_is_body": true`, never both.
    var wire: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "type": .string(type), "key": .string(key)]
        if let occurredAt { object["occurred_at"] = .string(occurredAt) }
        if payloadIsBody { object["payload_is_body"] = true } else { object["payload"] = payload }
        return .object(object)
    }

    /// A `parse_webhook` result, written directly as JSON.
    public static func encode(_ events: [WebhookEvent]) throws -> Data {
        try WireCoding.encode(JSONValue.array(events.map(\.wire)))
    }

    /// Reads a `parse_webhook` result; nil when it is not an array of events.
    public static func decode(_ data: Data) -> [WebhookEvent]? {
        guard let items = (try? WireCoding.decode(JSONValue.self, from: data))?.arrayValue else { return nil }
        var events: [WebhookEvent] = []
        events.reserveCapacity(items.count)
        for item in items {
            guard let event = WebhookEvent(wire: item) else { return nil }
            events.append(event)
        }
        return events
    }

    /// An event from its wire form; nil when a required field is missing or of the wrong type.
    init?(wire item: JSONValue) {
        guard let id = item["id"]?.stringValue, let type = item["type"]?.stringValue, let key = item["key"]?.stringValue else {
            return nil
        }
        let occurredAt = item["occurred_at"]
        guard occurredAt == nil || occurredAt == .null || occurredAt?.stringValue != nil else { return nil }
        let payloadIsBody = item["payload_is_body"]?.boolValue ?? false
        guard payloadIsBody || item["payload"] != nil else { return nil }
        self.init(id: id, type: type, key: key, occurredAt: occurredAt?.stringValue,
                  payload: payloadIsBody ? .null : item["payload"] ?? .null, payloadIsBody: payloadIsBody)
    }
}
