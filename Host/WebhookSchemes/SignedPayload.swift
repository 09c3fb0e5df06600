import Crypto
import Foundation
import PatchbayWire

/// The bytes a delivery's signature covers: the scheme's template with the body and the
/// delivery's values in place. They are fed to the MAC part by part, from where they already
/// lie, rather than first copied into one new buffer with the whole body in it.
struct SignedPayload {
    var parts: [WebhookVerification.PayloadPart]
    var body: Data
    var timestamp: String
    var id: String

    /// The MAC of the signed bytes under `hmac`'s key.
    func mac<H: HashFunction>(_ hmac: HMAC<H>) -> HashedAuthenticationCode<H> {
        var hmac = hmac
        for part in parts {
            switch part {
            case .literal(let text): Self.update(&hmac, text)
            case .placeholder("body"): body.withUnsafeBytes { hmac.update(data: $0) }
            case .placeholder("timestamp"): Self.update(&hmac, timestamp)
            case .placeholder("id"): Self.update(&hmac, id)
            // The manifest validator refuses other placeholders; one that got here signs as written.
            case .placeholder(let name): Self.update(&hmac, "{\(name)}")
            }
        }
        return hmac.finalize()
    }

    /// Feeds the text's UTF-8 bytes where they lie, as one buffer (`withUTF8` copies only a
    /// string that is not stored as UTF-8 already).
    private static func update<H: HashFunction>(_ hmac: inout HMAC<H>, _ text: String) {
        var text = text
        text.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
    }
}
