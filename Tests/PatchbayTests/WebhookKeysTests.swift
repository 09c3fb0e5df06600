import Foundation
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// MAC keys kept between deliveries serve only the secret, algorithm and encoding they were set up for.
final class WebhookKeysTests: XCTestCase {
    let body = Data("Hello, World!".utf8)
    // openssl dgst -sha256 -hmac "It's a Secret to Everybody" (and -sha1)
    let sha256 = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    let sha1 = "01dc10d0c83e72ed246219cdd91669667fe2ca59"

    func verifier(_ keys: WebhookKeys, secret: String = "It's a Secret to Everybody", algorithm: WebhookVerification.Algorithm = .hmacSHA256,
                  encoding: WebhookVerification.SecretEncoding = .text) -> WebhookVerifier {
        WebhookVerifier(spec: WebhookSpec(scheme: "kept", verification: WebhookVerification(
            algorithm: algorithm, secretEncoding: encoding, signatureHeader: "x-sig")), secret: secret, keys: keys)
    }

    func testAKeptKeyServesOnlyItsOwnSecretAlgorithmAndEncoding() {
        let keys = WebhookKeys()
        for _ in 0..<2 {
            XCTAssertNil(refusalCode { try verifier(keys).verify(headers: ["x-sig": sha256], body: body) })
            XCTAssertEqual(refusalCode { try verifier(keys).verify(headers: ["x-sig": sha256], body: Data("Hello, World?".utf8)) },
                           "invalid_signature")
        }
        // A new secret for the endpoint: the old one's key is not used for it.
        XCTAssertEqual(refusalCode { try verifier(keys, secret: "It's a Secret to Nobody").verify(headers: ["x-sig": sha256], body: body) },
                       "invalid_signature")
        // The same secret under SHA-1, or read as hex, is another key.
        XCTAssertNil(refusalCode { try verifier(keys, algorithm: .hmacSHA1).verify(headers: ["x-sig": sha1], body: body) })
        XCTAssertEqual(refusalCode { try verifier(keys, algorithm: .hmacSHA1).verify(headers: ["x-sig": sha256], body: body) },
                       "invalid_signature")
        XCTAssertEqual(refusalCode { try verifier(keys, encoding: .hex).verify(headers: ["x-sig": sha256], body: body) }, "invalid_signature")
        XCTAssertNil(refusalCode { try verifier(keys).verify(headers: ["x-sig": sha256], body: body) })
    }

    func testAFullStoreIsEmptiedAndStillAnswersRight() {
        let keys = WebhookKeys(limit: 1)
        for round in 0..<3 {
            XCTAssertNil(refusalCode { try verifier(keys).verify(headers: ["x-sig": sha256], body: body) }, "\(round)")
            XCTAssertNil(refusalCode { try verifier(keys, algorithm: .hmacSHA1).verify(headers: ["x-sig": sha1], body: body) }, "\(round)")
            XCTAssertEqual(refusalCode { try verifier(keys, secret: "another").verify(headers: ["x-sig": sha256], body: body) },
                           "invalid_signature", "\(round)")
        }
    }
}
