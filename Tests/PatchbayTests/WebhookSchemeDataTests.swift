import Foundation
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// Signature schemes as manifest data: the presets' known answers (Stripe's and Standard
/// Webhooks' included), every field the host interprets, the manifests from before schemes
/// were data, and the rules a declared scheme must follow.
final class WebhookSchemeDataTests: XCTestCase {
    // MARK: Stripe

    // Computed once with `openssl dgst -sha256 -hmac whsec_stripe_test_secret` over "1700000000.<body>":
    // Stripe keys the MAC with the secret's text, `whsec_` included.
    let stripe = WebhookVerifier(spec: WebhookSpec(scheme: .stripeV1), secret: "whsec_stripe_test_secret")
    let stripeBody = Data(#"{"id":"evt_1","type":"payment_intent.succeeded"}"#.utf8)
    let stripeSignature = "v1=e59021b31c5352689b4ae9ae2c627b00ad461d2b5cc1aeb30e33c9616fd307f1"
    let stripeTime = Date(timeIntervalSince1970: 1_700_000_000)

    func testStripeKnownAnswerWithSeveralSignaturesAndOtherSchemes() throws {
        try stripe.verify(headers: ["stripe-signature": "t=1700000000,\(stripeSignature)"], body: stripeBody, now: stripeTime)
        // During a secret roll Stripe signs with both secrets; a v0 entry is another scheme, not a signature.
        let other = "v1=" + String(repeating: "ab", count: 32)
        try stripe.verify(headers: ["stripe-signature": "t=1700000000,\(other),\(stripeSignature),v0=00ff"], body: stripeBody, now: stripeTime)
        try stripe.verify(headers: ["stripe-signature": "t=1700000000, \(stripeSignature)"], body: stripeBody, now: stripeTime)
        // As a manifest's test vector: verified at its own signed time, whatever the header names' case.
        let vector = WebhookTestVector(secret: "whsec_stripe_test_secret", body: String(decoding: stripeBody, as: UTF8.self),
                                       headers: ["Stripe-Signature": "t=1700000000,\(stripeSignature)"])
        try WebhookVerifier.verify(vector, spec: WebhookSpec(scheme: .stripeV1))
    }

    func testStripeRefusesTamperingStaleTimesAndMissingParts() {
        let good = "t=1700000000,\(stripeSignature)"
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": good], body: Data("{}".utf8), now: stripeTime) },
                       "invalid_signature")
        // The timestamp is signed: a fresh one on an old signature does not verify.
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": "t=1700000001,\(stripeSignature)"], body: stripeBody,
                                                now: stripeTime) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": good], body: stripeBody, now: stripeTime.addingTimeInterval(301)) },
                       "stale_timestamp")
        XCTAssertNil(refusalCode { try stripe.verify(headers: ["stripe-signature": good], body: stripeBody, now: stripeTime.addingTimeInterval(300)) })
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": stripeSignature], body: stripeBody, now: stripeTime) },
                       "missing_signature")
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": "t=soon,\(stripeSignature)"], body: stripeBody, now: stripeTime) },
                       "stale_timestamp")
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": "t=1700000000,v0=00ff"], body: stripeBody, now: stripeTime) },
                       "invalid_signature")
        XCTAssertEqual(refusalCode { try stripe.verify(headers: [:], body: stripeBody, now: stripeTime) }, "missing_signature")
        let flood = "t=1700000000," + Array(repeating: "v1=00", count: 40).joined(separator: ",") + ",\(stripeSignature)"
        XCTAssertEqual(refusalCode { try stripe.verify(headers: ["stripe-signature": flood], body: stripeBody, now: stripeTime) }, "invalid_signature",
                       "a header with more entries than any sender uses is not searched")
    }

    // MARK: Standard Webhooks

    let standardBody = Data(#"{"test": 2432232314}"#.utf8)
    let standardHeaders = ["webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
                           "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="]
    let standard = WebhookVerifier(spec: WebhookSpec(scheme: .standardWebhooks), secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let standardTime = Date(timeIntervalSince1970: 1_614_265_330)

    func testStandardWebhooksPublishedVectorAndRotation() throws {
        try standard.verify(headers: standardHeaders, body: standardBody, now: standardTime)
        var rotated = standardHeaders
        rotated["webhook-signature"] = "v1,bm90IHRoZSByaWdodCBvbmUgYXQgYWxsIG5vIG5vIG5vIG5vIG5vIG5vIQ== v1a,abc " + standardHeaders["webhook-signature"]!
        try standard.verify(headers: rotated, body: standardBody, now: standardTime)
        // The secret without its prefix is the same key.
        var bare = standard
        bare.secret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        try bare.verify(headers: standardHeaders, body: standardBody, now: standardTime)
    }

    func testStandardWebhooksSignsTheIdAndTheTimestamp() {
        var otherID = standardHeaders
        otherID["webhook-id"] = "msg_other"
        XCTAssertEqual(refusalCode { try standard.verify(headers: otherID, body: standardBody, now: standardTime) }, "invalid_signature")
        var noID = standardHeaders
        noID["webhook-id"] = nil
        XCTAssertEqual(refusalCode { try standard.verify(headers: noID, body: standardBody, now: standardTime) }, "missing_signature")
        var noTime = standardHeaders
        noTime["webhook-timestamp"] = nil
        XCTAssertEqual(refusalCode { try standard.verify(headers: noTime, body: standardBody, now: standardTime) }, "missing_signature")
        XCTAssertEqual(refusalCode { try standard.verify(headers: standardHeaders, body: standardBody, now: standardTime.addingTimeInterval(-301)) },
                       "stale_timestamp")
        var wrongKey = standard
        wrongKey.secret = "whsec_" + Data("another key".utf8).base64EncodedString()
        XCTAssertEqual(refusalCode { try wrongKey.verify(headers: standardHeaders, body: standardBody, now: standardTime) }, "invalid_signature")
    }

    // MARK: The fields of a declared scheme

    func testHMACSHA1AndSecretsInBase64OrHex() throws {
        let body = Data("Hello, World!".utf8)
        // openssl dgst -sha1 -hmac "It's a Secret to Everybody"
        let sha1 = WebhookSpec(scheme: "legacy_sha1",
                               verification: WebhookVerification(algorithm: .hmacSHA1, signatureHeader: "X-Signature", signaturePrefix: "sha1="))
        try WebhookVerifier(spec: sha1, secret: "It's a Secret to Everybody")
            .verify(headers: ["x-signature": "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"], body: body)
        XCTAssertEqual(refusalCode { try WebhookVerifier(spec: sha1, secret: "It's a Secret to Everybody")
            .verify(headers: ["x-signature": "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"], body: body) },
                       "invalid_signature", "a SHA-256 MAC is not a SHA-1 one")

        // The key is the bytes "secret-key-bytes", given in base64 and in hex.
        let expected = "a6042790d616a0bea762811caf899619c2d6ae44293ef1c6acdc99d378c7147e"
        for (encoding, secret) in [(WebhookVerification.SecretEncoding.base64, "c2VjcmV0LWtleS1ieXRlcw=="),
                                   (.hex, "7365637265742d6b65792d6279746573")] {
            let spec = WebhookSpec(scheme: "bytes", verification: WebhookVerification(secretEncoding: encoding, signatureHeader: "x-sig"))
            try WebhookVerifier(spec: spec, secret: secret).verify(headers: ["x-sig": expected], body: body)
            XCTAssertEqual(refusalCode { try WebhookVerifier(spec: spec, secret: "not!encoded").verify(headers: ["x-sig": expected], body: body) },
                           "invalid_signature", "\(encoding)")
        }
    }

    func testHandshakesMatchOnAHeaderOrABodyFieldAndEcho() {
        let spec = WebhookSpec(scheme: "custom", verification: WebhookVerification(
            signatureHeader: "x-sig",
            handshakes: [WebhookHandshake(header: "x-event", equals: "ping"),
                         WebhookHandshake(bodyField: "kind", equals: "verify", echo: "token")]))
        let verifier = WebhookVerifier(spec: spec, secret: "s")
        XCTAssertEqual(verifier.handshakeReply(headers: ["x-event": "ping"], body: Data()), ["ok": true])
        XCTAssertNil(verifier.handshakeReply(headers: ["x-event": "push"], body: Data()))
        XCTAssertEqual(verifier.handshakeReply(headers: [:], body: Data(#"{"kind":"verify","token":"abc"}"#.utf8)), ["token": "abc"])
        XCTAssertNil(verifier.handshakeReply(headers: [:], body: Data(#"{"kind":"verify"}"#.utf8)), "nothing to echo: not a handshake")
        XCTAssertNil(verifier.handshakeReply(headers: [:], body: Data(#"{"kind":"event","token":"abc"}"#.utf8)))
        XCTAssertNil(verifier.handshakeReply(headers: [:], body: Data("not json".utf8)))
    }

    // MARK: Manifests

    /// The shipped providers declare their schemes as data, and that data is exactly what their
    /// old scheme name stands for: a plugin built before still verifies the same way.
    func testShippedManifestsDeclareWhatTheirPresetNamesStandFor() throws {
        for product in ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify", "PatchbayGoogleSheets"] {
            let registry = PluginRegistry()
            registry.load(path: try BuildProducts.plugin(product))
            let spec = try XCTUnwrap(registry.plugins.first?.manifest.webhooks, product)
            let preset = try XCTUnwrap(WebhookSpec.Preset(rawValue: spec.scheme), product)
            XCTAssertEqual(spec.verification, preset.verification, product)
        }
    }

    func testAManifestFromBeforeSchemesWereDataStillDecodes() throws {
        for preset in WebhookSpec.Preset.allCases {
            let old = try WireCoding.decode(WebhookSpec.self, from: Data(#"{"scheme":"\#(preset.rawValue)","tolerance_seconds":120}"#.utf8))
            XCTAssertEqual(old.verification, preset.verification, preset.rawValue)
            XCTAssertEqual(old.tolerance, 120)
        }
        XCTAssertThrowsError(try WireCoding.decode(WebhookSpec.self, from: Data(#"{"scheme":"acme_v2"}"#.utf8)),
                             "a scheme the host has no data for does not decode")
        let declared = WebhookSpec(scheme: .standardWebhooks, toleranceSeconds: 60)
        XCTAssertEqual(try WireCoding.decode(WebhookSpec.self, from: try WireCoding.encode(declared)), declared)
    }

    func testTheValidatorListsEveryProblemOfADeclaredScheme() throws {
        let broken = WebhookSpec(scheme: "", verification: WebhookVerification(
            signatureHeader: "x sig", signatureSeparator: "", signedPayload: "{nonce}:{timestamp}.{id}", timestampHeader: "x-ts",
            timestampPrefix: "t=", handshakes: [WebhookHandshake(header: "a", bodyField: "b", equals: "")]), toleranceSeconds: 0)
        let paths = Set(ManifestValidator.problems(in: manifest(broken)).map(\.path))
        XCTAssertEqual(paths, ["webhooks.scheme", "webhooks.tolerance_seconds", "webhooks.verification.signature_header",
                               "webhooks.verification.timestamp_prefix", "webhooks.verification.signature_separator",
                               "webhooks.verification.signed_payload", "webhooks.verification.signature_prefix",
                               "webhooks.verification.handshakes[0]", "webhooks.verification.handshakes[0].equals"])
        let noSources = WebhookSpec(scheme: "x", verification: WebhookVerification(signatureHeader: "x-sig", signedPayload: "{id}.{timestamp}.{body}"))
        XCTAssertEqual(ManifestValidator.problems(in: manifest(noSources)).map(\.message).count, 2, "{id} and {timestamp} need their headers")
        for preset in WebhookSpec.Preset.allCases {
            XCTAssertEqual(ManifestValidator.problems(in: manifest(WebhookSpec(scheme: preset))), [], preset.rawValue)
        }
    }

    func manifest(_ webhooks: WebhookSpec) -> Manifest {
        Manifest(id: "acme", name: "Acme", version: "1.0.0", category: "data", description: "d", auth: .bearer("token"),
                 credentials: [CredentialField(name: "token", label: "Token", description: "t")],
                 actions: [ActionSpec(name: "ping", title: "Ping", description: "p", inputSchema: ["type": "object"], outputSchema: [:])],
                 webhooks: webhooks)
    }
}
