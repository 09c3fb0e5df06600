import Crypto
public import Foundation
import PatchbayWire

/// Signing of outbound deliveries per Standard Webhooks: `webhook-signature` holds one
/// `v1,<base64 HMAC-SHA256>` entry per valid secret over `{id}.{timestamp}.{body}`, so a
/// receiver keeps working while a secret rotates.
public enum StandardWebhooks {
    static let secretPrefix = WebhookVerification.SecretEncoding.whsecPrefix

    /// A new secret: `whsec_` and 24 random bytes in base64.
    static func makeSecret() -> String {
        secretPrefix + IDs.randomBytes(count: 24).base64EncodedString()
    }

    /// The `webhook-signature` value for these secrets (newest first).
    public static func signature(id: String, timestamp: Int, body: Data, secrets: [String]) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        return secrets.map { secret in
            let key = SymmetricKey(data: keyBytes(secret))
            return "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// The key is the base64 after the prefix; a secret that is not base64 is used as its bytes.
    static func keyBytes(_ secret: String) -> Data {
        WebhookVerification.SecretEncoding.whsec.key(secret)
            ?? Data((secret.hasPrefix(secretPrefix) ? secret.dropFirst(secretPrefix.count) : secret[...]).utf8)
    }
}
