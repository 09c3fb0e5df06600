import Foundation
import PatchbaySDK

/// Parses verified Shopify webhooks. Everything but the payload travels in headers:
/// `X-Shopify-Topic: orders/create`, `X-Shopify-Event-Id`, `X-Shopify-Triggered-At`.
enum ShopifyEvents {
    static func parse(_ webhook: InboundWebhook) throws -> [WebhookEvent] {
        // Shopify retries a delivery up to 8 times with the same event id; older deliveries
        // carry only the webhook id, which is stable across retries too.
        guard let id = nonEmpty(webhook.headers["x-shopify-event-id"]) ?? nonEmpty(webhook.headers["x-shopify-webhook-id"]) else {
            throw PluginError(code: "invalid_webhook", message: "a Shopify webhook has X-Shopify-Event-Id or X-Shopify-Webhook-Id")
        }
        guard let topic = nonEmpty(webhook.headers["x-shopify-topic"]) else {
            throw PluginError(code: "invalid_webhook", message: "a Shopify webhook has X-Shopify-Topic")
        }
        guard WireCoding.isJSON(Data(webhook.body.utf8)) else {
            throw PluginError(code: "invalid_webhook", message: "the Shopify webhook body is not JSON")
        }
        let key = "shopify." + topic.replacingOccurrences(of: "/", with: ".")
        return [.withBodyAsPayload(id: id, type: topic, key: key, occurredAt: nonEmpty(webhook.headers["x-shopify-triggered-at"]))]
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
