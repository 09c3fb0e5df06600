import Foundation
import PatchbaySDK

/// Parses verified Slack deliveries: Events API envelopes (JSON) and slash commands (form).
enum SlackEvents {
    static func parse(_ webhook: InboundWebhook) throws -> [WebhookEvent] {
        if let envelope = try? WireCoding.decode(JSONValue.self, from: Data(webhook.body.utf8)), envelope.objectValue != nil {
            return try parseEnvelope(envelope)
        }
        return try parseCommand(webhook.body)
    }

    private static func parseEnvelope(_ envelope: JSONValue) throws -> [WebhookEvent] {
        guard envelope["type"]?.stringValue == "event_callback",
              let id = envelope["event_id"]?.stringValue, let event = envelope["event"],
              let type = event["type"]?.stringValue
        else {
            throw PluginError(code: "invalid_webhook", message: "not a Slack event_callback envelope")
        }
        let occurredAt = envelope["event_time"]?.doubleValue.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0)) }
        return [.withBodyAsPayload(id: id, type: type, key: "slack.\(type)", occurredAt: occurredAt)]
    }

    private static func parseCommand(_ body: String) throws -> [WebhookEvent] {
        var fields: [String: JSONValue] = [:]
        for item in URLComponents(string: "?" + body)?.queryItems ?? [] { fields[item.name] = .string(item.value ?? "") }
        guard let trigger = fields["trigger_id"]?.stringValue, let command = fields["command"]?.stringValue else {
            throw PluginError(code: "invalid_webhook", message: "neither an event envelope nor a slash command")
        }
        let name = command.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return [WebhookEvent(id: trigger, type: "slash_command", key: "slack.command.\(name)", payload: .object(fields))]
    }
}
