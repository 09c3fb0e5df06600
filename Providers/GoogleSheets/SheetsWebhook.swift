import Foundation
import PatchbaySDK

/// Parses Drive push notifications about the spreadsheet file. The host has already
/// compared the channel token; the body is empty, so the event is its headers.
enum SheetsWebhook {
    /// Headers worth passing on. The channel token is left out: it is the shared secret.
    static let payloadHeaders = [
        "x-goog-channel-id", "x-goog-message-number", "x-goog-resource-state", "x-goog-resource-id",
        "x-goog-resource-uri", "x-goog-changed", "x-goog-channel-expiration",
    ]

    static func parse(_ webhook: InboundWebhook) throws -> [WebhookEvent] {
        guard let channel = webhook.headers["x-goog-channel-id"], let number = webhook.headers["x-goog-message-number"],
              let state = webhook.headers["x-goog-resource-state"]
        else {
            throw PluginError(code: "invalid_webhook", message: "not a Drive push notification: a channel id, message number or resource state is missing")
        }
        // The first message only confirms the channel; nothing changed.
        if state == "sync" { return [] }
        var payload: [String: JSONValue] = [:]
        for name in payloadHeaders {
            if let value = webhook.headers[name] { payload[name.dropFirst("x-goog-".count).replacingOccurrences(of: "-", with: "_")] = .string(value) }
        }
        return [WebhookEvent(id: "\(channel):\(number)", type: state, key: "google_sheets.\(state)", payload: .object(payload))]
    }
}
