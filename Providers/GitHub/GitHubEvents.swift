import Foundation
import PatchbaySDK

/// Parses verified GitHub webhook deliveries. GitHub names the event in `X-GitHub-Event`, the
/// delivery (kept on redelivery, so it deduplicates) in `X-GitHub-Delivery`, and most events
/// carry an `action` in the body (`issues` + `opened`).
enum GitHubEvents {
    static func parse(_ webhook: InboundWebhook) throws -> [WebhookEvent] {
        guard let delivery = webhook.headers["x-github-delivery"], !delivery.isEmpty else {
            throw PluginError(code: "invalid_webhook", message: "the X-GitHub-Delivery header is missing")
        }
        guard let event = webhook.headers["x-github-event"], !event.isEmpty else {
            throw PluginError(code: "invalid_webhook", message: "the X-GitHub-Event header is missing")
        }
        let (payload, isBody) = try decodePayload(webhook.body)
        let key: String
        if event != "ping", let action = payload["action"]?.stringValue, !action.isEmpty {
            key = "github.\(event).\(action)"
        } else {
            key = "github.\(event)"
        }
        // A JSON body is stored as it came; a form's field is not the body, so it goes as JSON.
        if isBody { return [.withBodyAsPayload(id: delivery, type: event, key: key)] }
        return [WebhookEvent(id: delivery, type: event, key: key, payload: payload)]
    }

    /// A webhook set to `application/x-www-form-urlencoded` sends the JSON in a `payload` field;
    /// answers whether the JSON was the body itself.
    private static func decodePayload(_ body: String) throws -> (JSONValue, isBody: Bool) {
        var json = body
        // Form encoding writes spaces as `+`, which URLComponents would keep.
        if !body.hasPrefix("{"), let form = URLComponents(string: "?" + body.replacingOccurrences(of: "+", with: "%20"))?.queryItems,
           let payload = form.first(where: { $0.name == "payload" })?.value {
            json = payload
        }
        guard let value = try? WireCoding.decode(JSONValue.self, from: Data(json.utf8)), value.objectValue != nil else {
            throw PluginError(code: "invalid_webhook", message: "the delivery's body is not a JSON object")
        }
        return (value, json == body)
    }
}
