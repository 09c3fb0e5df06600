import Crypto
import Foundation
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// The MAC of a signed payload is fed part by part: for each kind of template it must be the MAC
/// of the whole payload written out, whatever the body's storage, and only that MAC passes.
final class SignedPayloadTests: XCTestCase {
    let id = "msg_2Lk9", timestamp = "1700000000"
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    // A slice of a larger buffer: its bytes do not start at index 0.
    let body = Data(#"xx{"event":"push","size":3}"#.utf8).dropFirst(2)

    /// A scheme over `template`, its timestamp and id in headers, read as hex after `sig=`.
    func spec(_ template: String, algorithm: WebhookVerification.Algorithm = .hmacSHA256,
              secretEncoding: WebhookVerification.SecretEncoding = .text) -> WebhookSpec {
        WebhookSpec(scheme: "parts", verification: WebhookVerification(
            algorithm: algorithm, secretEncoding: secretEncoding, signatureHeader: "x-sig", signaturePrefix: "sig=",
            signedPayload: template, timestampHeader: template.contains("{timestamp}") ? "x-time" : nil, idHeader: "x-id"))
    }

    /// The hex MAC of the payload written out in full, computed in one call.
    func expected<H: HashFunction>(_: H.Type, key: Data, _ written: String) -> String {
        Data(HMAC<H>.authenticationCode(for: Data(written.utf8), using: SymmetricKey(data: key))).map { String(format: "%02x", $0) }.joined()
    }

    func headers(_ signature: String) -> [String: String] {
        ["x-sig": "sig=" + signature, "x-time": timestamp, "x-id": id]
    }

    func testEveryTemplateSignsThePayloadWrittenOut() throws {
        let text = String(decoding: body, as: UTF8.self)
        let key = Data("a signing secret".utf8)
        let cases: [(String, String)] = [
            ("{body}", text),
            ("v0:{timestamp}:{body}", "v0:\(timestamp):\(text)"),
            ("{id}.{timestamp}.{body}", "\(id).\(timestamp).\(text)"),
            ("{timestamp}.{body}.end", "\(timestamp).\(text).end"),
            ("é{body}{id}", "é\(text)\(id)"),
        ]
        for (template, written) in cases {
            let verifier = WebhookVerifier(spec: spec(template), secret: "a signing secret")
            let signature = expected(SHA256.self, key: key, written)
            XCTAssertNil(refusalCode { try verifier.verify(headers: headers(signature), body: body, now: now) }, template)
            // Another part order, or a part left out, is another payload.
            let swapped = expected(SHA256.self, key: key, String(written.reversed()))
            XCTAssertEqual(refusalCode { try verifier.verify(headers: headers(swapped), body: body, now: now) }, "invalid_signature", template)
        }
        let sha1 = WebhookVerifier(spec: spec("{id}.{timestamp}.{body}", algorithm: .hmacSHA1), secret: "a signing secret")
        let signature = expected(Insecure.SHA1.self, key: key, "\(id).\(timestamp).\(text)")
        XCTAssertNil(refusalCode { try sha1.verify(headers: headers(signature), body: body, now: now) })
    }

    func testOnlyTheRightMACOfEqualLengthPassesAndAnyOfSeveralSignaturesMay() throws {
        let secret = "a signing secret"
        let verifier = WebhookVerifier(spec: spec("{body}"), secret: secret)
        let right = expected(SHA256.self, key: Data(secret.utf8), String(decoding: body, as: UTF8.self))
        // Same length, each byte position changed in turn: every one is refused.
        for position in stride(from: 0, to: right.count, by: 2) {
            var digits = Array(right)
            digits[position] = digits[position] == "0" ? "1" : "0"
            XCTAssertEqual(refusalCode { try verifier.verify(headers: headers(String(digits)), body: body, now: now) }, "invalid_signature")
        }
        XCTAssertEqual(refusalCode { try verifier.verify(headers: headers(String(repeating: "0", count: 64)), body: body, now: now) },
                       "invalid_signature")
        // In a list, the matching signature counts wherever it stands.
        var listed = spec("{body}")
        listed.verification.signatureSeparator = " "
        let several = WebhookVerifier(spec: listed, secret: secret)
        let wrong = "sig=" + String(repeating: "ab", count: 32)
        for header in ["\(wrong) sig=\(right)", "sig=\(right) \(wrong)", "\(wrong) \(wrong) sig=\(right)"] {
            XCTAssertNil(refusalCode { try several.verify(headers: ["x-sig": header, "x-id": id], body: body, now: now) }, header)
        }
        XCTAssertEqual(refusalCode { try several.verify(headers: ["x-sig": "\(wrong) \(wrong)", "x-id": id], body: body, now: now) },
                       "invalid_signature")
    }

    func testSecretsInEveryEncodingAndLongerThanABlockKeyTheMAC() throws {
        let text = String(decoding: body, as: UTF8.self)
        // Longer than SHA-256's 64-byte block: HMAC hashes such a key first.
        let long = Data((0..<100).map { UInt8($0) })
        let secrets: [(WebhookVerification.SecretEncoding, String)] = [
            (.base64, long.base64EncodedString()),
            (.hex, long.map { String(format: "%02X", $0) }.joined()),
            (.whsec, "whsec_" + long.base64EncodedString()),
        ]
        for (encoding, secret) in secrets {
            let verifier = WebhookVerifier(spec: spec("{id}.{timestamp}.{body}", secretEncoding: encoding), secret: secret)
            let signature = expected(SHA256.self, key: long, "\(id).\(timestamp).\(text)")
            XCTAssertNil(refusalCode { try verifier.verify(headers: headers(signature), body: body, now: now) }, "\(encoding)")
            let textKeyed = expected(SHA256.self, key: Data(secret.utf8), "\(id).\(timestamp).\(text)")
            XCTAssertEqual(refusalCode { try verifier.verify(headers: headers(textKeyed), body: body, now: now) }, "invalid_signature",
                           "\(encoding): the secret's text is not the key")
        }
    }

    func testAnEmptyBodyIsSignedAsNothing() {
        let verifier = WebhookVerifier(spec: spec("v0:{timestamp}:{body}"), secret: "s")
        let signature = expected(SHA256.self, key: Data("s".utf8), "v0:\(timestamp):")
        XCTAssertNil(refusalCode { try verifier.verify(headers: headers(signature), body: Data(), now: now) })
    }
}
