import Crypto
import Foundation
import PatchbayWire
import Synchronization

/// MAC keys already set up, by endpoint secret. Setting up an HMAC key (decoding the secret,
/// padding it, hashing a block of it for the inner and for the outer hash) costs about as much
/// as the MAC of a small body, and every delivery to an endpoint uses the same secret.
///
/// The secret's text is part of the key, so a new secret is a miss. The vault still opens the
/// secret for every delivery before it gets here, so a retired master key stops deliveries as
/// before. Bounded, and emptied when full; it holds what each delivery derived from the
/// secret anyway, and is never written out.
public final class WebhookKeys: Sendable {
    private struct Key: Hashable {
        let secret: String
        let algorithm: WebhookVerification.Algorithm
        let encoding: WebhookVerification.SecretEncoding
    }

    /// An HMAC with its key set up and nothing fed to it yet.
    enum Prepared: Sendable {
        case sha256(HMAC<SHA256>)
        case sha1(HMAC<Insecure.SHA1>)
    }

    private let limit: Int
    private let prepared = Mutex<[Key: Prepared]>([:])

    public init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The HMAC keyed with `secret` read in `encoding`, or nil when the secret is not so encoded.
    func hmac(_ algorithm: WebhookVerification.Algorithm, secret: String,
              encoding: WebhookVerification.SecretEncoding) -> Prepared? {
        let key = Key(secret: secret, algorithm: algorithm, encoding: encoding)
        if let hmac = prepared.withLock({ $0[key] }) { return hmac }
        guard let hmac = Self.prepare(algorithm, secret: secret, encoding: encoding) else { return nil }
        prepared.withLock { prepared in
            if prepared.count >= limit { prepared.removeAll(keepingCapacity: true) }
            prepared[key] = hmac
        }
        return hmac
    }

    /// A new HMAC keyed with `secret`, kept nowhere.
    static func prepare(_ algorithm: WebhookVerification.Algorithm, secret: String,
                        encoding: WebhookVerification.SecretEncoding) -> Prepared? {
        guard let bytes = encoding.key(secret) else { return nil }
        let key = SymmetricKey(data: bytes)
        switch algorithm {
        case .hmacSHA256: return .sha256(HMAC(key: key))
        case .hmacSHA1: return .sha1(HMAC(key: key))
        // A token is compared as it is (`WebhookVerifier.checkToken`); it has no MAC key.
        case .token: return nil
        }
    }
}
