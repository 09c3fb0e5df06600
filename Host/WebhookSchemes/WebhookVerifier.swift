import Crypto
import Foundation
import PatchbayWire

/// Checks an inbound webhook against the scheme its provider's manifest declares. Every
/// comparison of secret material is constant-time: a MAC is recomputed and checked with
/// `isValidAuthenticationCode`, a token by comparing digests byte for byte without early exit.
public struct WebhookVerifier: Sendable {
    /// Why a webhook was refused. The message names the header, never a secret or the expected value.
    public struct Refusal: Error, Equatable, Sendable {
        public var code: String
        public var message: String
    }

    public var spec: WebhookSpec
    /// The endpoint's secret: a signing secret, or the Google channel token.
    public var secret: String
    /// Google channels: the channel and resource ids the endpoint was registered with, if any.
    public var channelID: String?
    public var resourceID: String?

    public init(spec: WebhookSpec, secret: String, channelID: String? = nil, resourceID: String? = nil) {
        self.spec = spec
        self.secret = secret
        self.channelID = channelID
        self.resourceID = resourceID
    }

    /// Slack's default window, used when the manifest names none.
    static let defaultTolerance = 300

    /// Verifies a manifest's known-answer vector as a delivery at the moment it was signed
    /// (Slack's timestamp header; otherwise now), with the vector's own secret.
    public static func verify(_ vector: WebhookTestVector, spec: WebhookSpec) throws(Refusal) {
        let signedAt = vector.headers["x-slack-request-timestamp"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
        try WebhookVerifier(spec: spec, secret: vector.secret).verify(headers: vector.headers, body: Data(vector.body.utf8), now: signedAt)
    }

    /// `headers` have lowercase names.
    public func verify(headers: [String: String], body: Data, now: Date = Date()) throws(Refusal) {
        switch spec.scheme {
        case .slackV0:
            let timestampText = try header(headers, "x-slack-request-timestamp")
            let signature = try header(headers, "x-slack-signature")
            guard let timestamp = Int(timestampText) else { throw refusal("stale_timestamp", "X-Slack-Request-Timestamp is not a unix time") }
            let tolerance = spec.toleranceSeconds ?? Self.defaultTolerance
            guard abs(Int(now.timeIntervalSince1970) - timestamp) <= tolerance else {
                throw refusal("stale_timestamp", "X-Slack-Request-Timestamp is more than \(tolerance) s from now")
            }
            guard signature.hasPrefix("v0="), let mac = Hex.bytes(signature.dropFirst(3)) else {
                throw refusal("invalid_signature", "X-Slack-Signature must be v0=<hex>")
            }
            var signed = Data("v0:\(timestampText):".utf8)
            signed.append(body)
            try check(mac, signed, header: "X-Slack-Signature")
        case .githubSHA256:
            let signature = try header(headers, "x-hub-signature-256")
            guard signature.hasPrefix("sha256="), let mac = Hex.bytes(signature.dropFirst(7)) else {
                throw refusal("invalid_signature", "X-Hub-Signature-256 must be sha256=<hex>")
            }
            try check(mac, body, header: "X-Hub-Signature-256")
        case .shopifyBase64:
            let signature = try header(headers, "x-shopify-hmac-sha256")
            guard let mac = Data(base64Encoded: signature) else {
                throw refusal("invalid_signature", "X-Shopify-Hmac-Sha256 must be base64")
            }
            try check(mac, body, header: "X-Shopify-Hmac-Sha256")
        case .googleChannelToken:
            let token = try header(headers, "x-goog-channel-token")
            guard Self.constantTimeEqual(token, secret) else {
                throw refusal("invalid_signature", "X-Goog-Channel-Token does not match the endpoint's token")
            }
            if let channelID, try header(headers, "x-goog-channel-id") != channelID {
                throw refusal("unknown_channel", "X-Goog-Channel-ID is not the channel this endpoint was registered with")
            }
            if let resourceID, try header(headers, "x-goog-resource-id") != resourceID {
                throw refusal("unknown_channel", "X-Goog-Resource-ID is not the resource this endpoint watches")
            }
        }
    }

    private func check(_ mac: Data, _ signed: Data, header: String) throws(Refusal) {
        let key = SymmetricKey(data: Data(secret.utf8))
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key) else {
            throw refusal("invalid_signature", "\(header) does not match the body")
        }
    }

    private func header(_ headers: [String: String], _ name: String) throws(Refusal) -> String {
        // HTTP already strips a field value's surrounding whitespace.
        guard let value = headers[name], !value.isEmpty else {
            throw refusal("missing_signature", "the \(name) header is missing")
        }
        return value
    }

    private func refusal(_ code: String, _ message: String) -> Refusal {
        Refusal(code: code, message: message)
    }

    /// Compares digests of both sides, so neither the length nor the first differing byte shows in the timing.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(SHA256.hash(data: Data(lhs.utf8)))
        let right = Array(SHA256.hash(data: Data(rhs.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
