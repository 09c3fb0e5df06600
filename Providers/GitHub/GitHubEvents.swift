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
        // A JSON body is stored as it came, so only its `action` is read out of it; a form's
        // field is not the body, so it goes as JSON.
        if let payload = try formPayload(webhook.body) {
            return [WebhookEvent(id: delivery, type: event, key: key(event, action: payload["action"]), payload: payload)]
        }
        let action: JSONValue?
        do {
            action = try WireCoding.member("action", ofObject: Data(webhook.body.utf8))
        } catch {
            throw notAnObject
        }
        return [.withBodyAsPayload(id: delivery, type: event, key: key(event, action: action))]
    }

    /// `github.issues.opened`, or `github.ping` and the like for events without an action.
    private static func key(_ event: String, action: JSONValue?) -> String {
        if event != "ping", let action = action?.stringValue, !action.isEmpty { return "github.\(event).\(action)" }
        return "github.\(event)"
    }

    /// A webhook set to `application/x-www-form-urlencoded` sends the JSON in a `payload` field:
    /// that JSON, or nil for a body that is not such a form.
    private static func formPayload(_ body: String) throws -> JSONValue? {
        // Form encoding writes spaces as `+`, which URLComponents would keep.
        guard !body.hasPrefix("{"), let form = URLComponents(string: "?" + body.replacingOccurrences(of: "+", with: "%20"))?.queryItems,
              let json = form.first(where: { $0.name == "payload" })?.value, json != body
        else { return nil }
        guard let value = try? WireCoding.decode(JSONValue.self, from: Data(json.utf8)), value.objectValue != nil else { throw notAnObject }
        return value
    }

    private static let notAnObject = PluginError(code: "invalid_webhook", message: "the delivery's body is not a JSON object")
}
