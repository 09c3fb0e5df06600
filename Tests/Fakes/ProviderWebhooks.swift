import Crypto
import Foundation

/// Webhook requests as each provider sends them: the headers they set and the signature they
/// compute, per their documentation.
public enum ProviderWebhooks {
    public static func github(secret: String, event: String, delivery: String, body: String) -> [String: String] {
        [
            "Content-Type": "application/json",
            "User-Agent": "GitHub-Hookshot/1a2b3c4",
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": delivery,
            "X-GitHub-Hook-ID": "292430182",
            "X-Hub-Signature-256": "sha256=" + hex(mac(secret, Data(body.utf8))),
        ]
    }

    public static func slack(secret: String, timestamp: Int, body: String, contentType: String = "application/json") -> [String: String] {
        [
            "Content-Type": contentType,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "X-Slack-Request-Timestamp": String(timestamp),
            "X-Slack-Signature": "v0=" + hex(mac(secret, Data("v0:\(timestamp):\(body)".utf8))),
        ]
    }

    public static func shopify(secret: String, topic: String, eventID: String?, webhookID: String, body: String) -> [String: String] {
        var headers = [
            "Content-Type": "application/json",
            "X-Shopify-Topic": topic,
            "X-Shopify-Shop-Domain": "sandbox.myshopify.com",
            "X-Shopify-API-Version": "2024-10",
            "X-Shopify-Webhook-Id": webhookID,
            "X-Shopify-Triggered-At": "2024-10-01T12:00:00.000Z",
            "X-Shopify-Hmac-Sha256": mac(secret, Data(body.utf8)).base64EncodedString(),
        ]
        if let eventID { headers["X-Shopify-Event-Id"] = eventID }
        return headers
    }

    /// A Drive push notification: no body, everything in headers, the token echoed back.
    public static func google(token: String, channel: String, number: Int, state: String, resource: String) -> [String: String] {
        [
            "X-Goog-Channel-ID": channel,
            "X-Goog-Channel-Token": token,
            "X-Goog-Message-Number": String(number),
            "X-Goog-Resource-ID": resource,
            "X-Goog-Resource-State": state,
            "X-Goog-Resource-URI": "https://www.googleapis.com/drive/v3/files/sheet-1?alt=json",
        ]
    }

    static func mac(_ secret: String, _ data: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }
}
