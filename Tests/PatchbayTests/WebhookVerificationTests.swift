import Foundation
import PatchbayPluginTelemetry
import PatchbayPlugins
@testable import PatchbayServices
import PatchbayWebhookSchemes
import PatchbayWire
import XCTest

/// The host's native verification of each provider scheme, on the providers' published
/// known-answer vectors and on every way a request can be wrong.
final class WebhookVerificationTests: XCTestCase {
    let slackSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    let slackBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    let slackHeaders = ["x-slack-request-timestamp": "1531420618",
                        "x-slack-signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"]
    let slackTime = Date(timeIntervalSince1970: 1_531_420_618)
    let github = WebhookVerifier(spec: WebhookSpec(scheme: .githubSHA256), secret: "It's a Secret to Everybody")
    let githubHeaders = ["x-hub-signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]
    let shopify = WebhookVerifier(spec: WebhookSpec(scheme: .shopifyBase64), secret: "It's a Secret to Everybody")
    let body = Data("Hello, World!".utf8)

    var slack: WebhookVerifier { WebhookVerifier(spec: WebhookSpec(scheme: .slackV0, toleranceSeconds: 300), secret: slackSecret) }

    func testKnownAnswerVectorsVerify() throws {
        try slack.verify(headers: slackHeaders, body: Data(slackBody.utf8), now: slackTime)
        try github.verify(headers: githubHeaders, body: body)
        try shopify.verify(headers: ["x-shopify-hmac-sha256": "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc="], body: body)
        let google = WebhookVerifier(spec: WebhookSpec(scheme: .googleChannelToken), secret: "tok-123", channelID: "ch-1", resourceID: "res-1")
        try google.verify(headers: ["x-goog-channel-token": "tok-123", "x-goog-channel-id": "ch-1", "x-goog-resource-id": "res-1"], body: Data())
    }

    func testTamperedBodyAndWrongSecretAreRefused() {
        XCTAssertEqual(refusalCode { try github.verify(headers: githubHeaders, body: Data("Hello, World?".utf8)) }, "invalid_signature")
        var wrong = github
        wrong.secret = "It's a Secret to Nobody"
        XCTAssertEqual(refusalCode { try wrong.verify(headers: githubHeaders, body: body) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try shopify.verify(headers: ["x-shopify-hmac-sha256": "eXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc="], body: body) },
                       "invalid_signature")
        XCTAssertEqual(refusalCode { try slack.verify(headers: slackHeaders, body: Data((slackBody + "&x=1").utf8), now: slackTime) },
                       "invalid_signature")
        // The right signature for another timestamp: the timestamp is part of what is signed.
        var moved = slackHeaders
        moved["x-slack-request-timestamp"] = "1531420619"
        XCTAssertEqual(refusalCode { try slack.verify(headers: moved, body: Data(slackBody.utf8), now: slackTime) }, "invalid_signature")
    }

    func testMalformedAndMissingSignaturesAreRefused() {
        XCTAssertEqual(refusalCode { try github.verify(headers: [:], body: body) }, "missing_signature")
        XCTAssertEqual(refusalCode { try github.verify(headers: ["x-hub-signature-256": "sha1=757107ea"], body: body) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try github.verify(headers: ["x-hub-signature-256": "sha256=zz"], body: body) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try github.verify(headers: ["x-hub-signature-256": "sha256=757"], body: body) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try shopify.verify(headers: ["x-shopify-hmac-sha256": "not base64!"], body: body) }, "invalid_signature")
        XCTAssertEqual(refusalCode { try slack.verify(headers: ["x-slack-signature": slackHeaders["x-slack-signature"]!],
                                               body: Data(slackBody.utf8), now: slackTime) }, "missing_signature")
        XCTAssertEqual(refusalCode { try slack.verify(headers: ["x-slack-request-timestamp": "1531420618"], body: Data(slackBody.utf8), now: slackTime) },
                       "missing_signature")
        XCTAssertEqual(refusalCode { try slack.verify(headers: ["x-slack-request-timestamp": "soon", "x-slack-signature": "v0=00"],
                                               body: Data(slackBody.utf8), now: slackTime) }, "stale_timestamp")
    }

    func testSignatureDigitsReadInEitherCaseAndEveryDigitCounts() {
        let signature = githubHeaders["x-hub-signature-256"]!
        XCTAssertNil(refusalCode { try github.verify(headers: ["x-hub-signature-256": "sha256=" + signature.dropFirst(7).uppercased()], body: body) })
        // A non-hex last digit, and a changed last digit: neither may pass as the same bytes.
        for last in ["g", "8"] {
            let altered = String(signature.dropLast()) + last
            XCTAssertEqual(refusalCode { try github.verify(headers: ["x-hub-signature-256": altered], body: body) }, "invalid_signature", last)
        }
    }

    func testSlackReplayWindowRefusesStaleAndFutureTimestamps() throws {
        try slack.verify(headers: slackHeaders, body: Data(slackBody.utf8), now: slackTime.addingTimeInterval(300))
        try slack.verify(headers: slackHeaders, body: Data(slackBody.utf8), now: slackTime.addingTimeInterval(-300))
        XCTAssertEqual(refusalCode { try slack.verify(headers: slackHeaders, body: Data(slackBody.utf8), now: slackTime.addingTimeInterval(301)) },
                       "stale_timestamp")
        XCTAssertEqual(refusalCode { try slack.verify(headers: slackHeaders, body: Data(slackBody.utf8), now: slackTime.addingTimeInterval(-301)) },
                       "stale_timestamp")
    }

    func testGoogleTokenChannelAndResourceMustMatch() {
        let google = WebhookVerifier(spec: WebhookSpec(scheme: .googleChannelToken), secret: "tok-123", channelID: "ch-1", resourceID: "res-1")
        let good = ["x-goog-channel-token": "tok-123", "x-goog-channel-id": "ch-1", "x-goog-resource-id": "res-1"]
        var wrongToken = good
        wrongToken["x-goog-channel-token"] = "tok-124"
        XCTAssertEqual(refusalCode { try google.verify(headers: wrongToken, body: Data()) }, "invalid_signature")
        var wrongChannel = good
        wrongChannel["x-goog-channel-id"] = "ch-2"
        XCTAssertEqual(refusalCode { try google.verify(headers: wrongChannel, body: Data()) }, "unknown_channel")
        var wrongResource = good
        wrongResource["x-goog-resource-id"] = "res-2"
        XCTAssertEqual(refusalCode { try google.verify(headers: wrongResource, body: Data()) }, "unknown_channel")
        XCTAssertEqual(refusalCode { try google.verify(headers: [:], body: Data()) }, "missing_signature")
    }

    func testManifestVectorsVerifyWithTheHostImplementation() throws {
        for product in ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify"] {
            let registry = PluginRegistry()
            registry.load(path: try BuildProducts.plugin(product))
            let spec = try XCTUnwrap(registry.plugins.first?.manifest.webhooks, product)
            try WebhookVerifier.verify(try XCTUnwrap(spec.testVector, product), spec: spec)
        }
    }

    func testStandardWebhooksKnownAnswerAndRotation() {
        let body = Data(#"{"test": 2432232314}"#.utf8)
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        XCTAssertEqual(StandardWebhooks.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secrets: [secret]),
                       "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let other = StandardWebhooks.makeSecret()
        XCTAssertTrue(other.hasPrefix("whsec_"))
        let both = StandardWebhooks.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secrets: [other, secret])
        XCTAssertEqual(both.split(separator: " ").count, 2)
        XCTAssertTrue(both.hasSuffix(" v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))
    }

    func testEventPatterns() {
        XCTAssertTrue(EventPattern("github.issues.*")!.matches("github.issues.opened"))
        XCTAssertFalse(EventPattern("github.issues.*")!.matches("github.issue_comment.created"))
        XCTAssertTrue(EventPattern("*")!.matches("slack.message"))
        XCTAssertTrue(EventPattern("github.*.opened")!.matches("github.pull_request.opened"))
        XCTAssertFalse(EventPattern("github.push")!.matches("github.push.extra"))
        XCTAssertTrue(EventPattern.matchesAny([], "anything"))
        XCTAssertNil(EventPattern("github issues"))
        XCTAssertNil(EventPattern(""))
    }

    func testRetryScheduleGrowsWithJitterHonoursRetryAfterAndEnds() {
        var settings = WebhookSettings()
        settings.retryBase = .seconds(1)
        settings.retryCap = .seconds(60)
        settings.maxAttempts = 4
        let schedule = RetrySchedule(settings: settings)
        for _ in 0..<20 {
            let first = schedule.delay(afterAttempt: 1, retryAfter: nil)!
            let third = schedule.delay(afterAttempt: 3, retryAfter: nil)!
            XCTAssertTrue((500...1000).contains(first), "\(first)")
            XCTAssertTrue((2000...4000).contains(third), "\(third)")
        }
        XCTAssertEqual(schedule.delay(afterAttempt: 1, retryAfter: .seconds(30)), 30_000)
        XCTAssertEqual(schedule.delay(afterAttempt: 1, retryAfter: .seconds(3600)), 60_000, "Retry-After is capped")
        XCTAssertNil(schedule.delay(afterAttempt: 4, retryAfter: nil), "the fourth failure of four is the last")
        XCTAssertEqual(RetrySchedule.parseRetryAfter("12"), .seconds(12))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(RetrySchedule.parseRetryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now), .milliseconds(20_000))
        XCTAssertNil(RetrySchedule.parseRetryAfter("later"))
    }
}
