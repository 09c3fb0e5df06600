extension WebhookSpec {
    /// Schemes a manifest may name without declaring their data: the four manifests named
    /// before schemes were data, and two common ones. Each is only shorthand for its data.
    public enum Preset: String, Codable, Sendable, CaseIterable {
        /// `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))` with a replay window.
        case slackV0 = "slack_v0"
        /// `X-Hub-Signature-256: sha256=hex(HMAC-SHA256(secret, body))`.
        case githubSHA256 = "github_sha256"
        /// `X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(secret, body))`.
        case shopifyBase64 = "shopify_base64"
        /// Drive push channels: `X-Goog-Channel-Token` compared with the endpoint's token.
        case googleChannelToken = "google_channel_token"
        /// `Stripe-Signature: t=<ts>,v1=hex(HMAC-SHA256(secret, "{ts}.{body}"))[,v1=…]`.
        case stripeV1 = "stripe_v1"
        /// Standard Webhooks: `webhook-signature: v1,base64(HMAC-SHA256(key, "{id}.{ts}.{body}"))[ v1,…]`,
        /// the key being the base64 after `whsec_`.
        case standardWebhooks = "standard_webhooks"

        public var verification: WebhookVerification {
            switch self {
            case .slackV0:
                WebhookVerification(
                    secretSource: .provider, signatureHeader: "x-slack-signature", signaturePrefix: "v0=",
                    signedPayload: "v0:{timestamp}:{body}", timestampHeader: "x-slack-request-timestamp",
                    handshakes: [WebhookHandshake(bodyField: "type", equals: "url_verification", echo: "challenge")])
            case .githubSHA256:
                WebhookVerification(
                    signatureHeader: "x-hub-signature-256", signaturePrefix: "sha256=",
                    handshakes: [WebhookHandshake(header: "x-github-event", equals: "ping")])
            case .shopifyBase64:
                WebhookVerification(secretSource: .provider, signatureHeader: "x-shopify-hmac-sha256", signatureEncoding: .base64)
            case .googleChannelToken:
                WebhookVerification(
                    algorithm: .token, signatureHeader: "x-goog-channel-token", channelHeader: "x-goog-channel-id",
                    resourceHeader: "x-goog-resource-id", handshakes: [WebhookHandshake(header: "x-goog-resource-state", equals: "sync")])
            case .stripeV1:
                WebhookVerification(
                    secretSource: .provider, signatureHeader: "stripe-signature", signatureSeparator: ",", signaturePrefix: "v1=",
                    signedPayload: "{timestamp}.{body}", timestampPrefix: "t=")
            case .standardWebhooks:
                WebhookVerification(
                    secretEncoding: .whsec, secretSource: .provider, signatureHeader: "webhook-signature", signatureSeparator: " ",
                    signaturePrefix: "v1,", signatureEncoding: .base64, signedPayload: "{id}.{timestamp}.{body}",
                    timestampHeader: "webhook-timestamp", idHeader: "webhook-id")
            }
        }
    }
}
