import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Credentials and URLs with a CR, LF, NUL or other control character are refused when they are
/// set, with the field named and the value never echoed, instead of being stored and failing
/// later as a misleading "could not reach".
final class ControlCharacterTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGitHub"])
        key = try await host.key(scopes: [.integrationsRead, .integrationsWrite, .skillsWrite])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    /// Each control character, inside a value that is otherwise what the field expects.
    static let tainted = ["\r\nX-Canary: 1", "\n", "\r", "\u{0}", "\t", "\u{1B}[0m", "\u{7F}"]

    func assertRefused(_ method: String, _ path: String, _ body: JSONValue, field: String,
                       file: StaticString = #filePath, line: UInt = #line) async throws {
        let reply = try await host.request(method, path, key: key, json: body)
        XCTAssertEqual(reply.status, 400, "\(body): \(reply.body)", file: file, line: line)
        XCTAssertEqual(reply.errorCode, "validation_failed", file: file, line: line)
        XCTAssertEqual(reply.errorField, field, file: file, line: line)
        XCTAssertFalse(reply.body.contains("Canary") || reply.body.contains("canary-value"), "the value is never echoed",
                       file: file, line: line)
    }

    func testCredentialsAreRefusedAtCreateAndUpdate() async throws {
        for bad in Self.tainted {
            try await assertRefused("POST", "/v1/connections", [
                "provider": "slack", "credentials": ["bot_token": .string("xoxb-canary-value" + bad)],
            ], field: "credentials.bot_token")
        }
        let listed = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "nothing was stored")

        let connection = try await host.connectSlack(key: key)
        for bad in Self.tainted {
            try await assertRefused("PATCH", "/v1/connections/\(connection)", [
                "credentials": ["signing_secret": .string("canary-value" + bad)],
            ], field: "credentials.signing_secret")
        }
        let test = try await host.request("POST", "/v1/connections/\(connection)/test", key: key)
        XCTAssertEqual(test.json["success"], true, "the stored token is unchanged: \(test.body)")
    }

    func testURLConfigIsRefused() async throws {
        for bad in ["\r\n", "\n", "\u{0}"] {
            try await assertRefused("POST", "/v1/connections", [
                "provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)],
                "config": ["base_url": .string("https://github.acme.com/api/v3" + bad)],
            ], field: "config.base_url")
        }
    }

    func testSubscriptionURLIsRefused() async throws {
        let agent = try await host.createAgent(key: key, name: "listener")
        for bad in Self.tainted {
            try await assertRefused("POST", "/v1/webhooks/subscriptions", [
                "agent_id": .string(agent), "provider": "github", "url": .string("http://127.0.0.1:9/events" + bad),
            ], field: "url")
        }
    }

    func testOAuthAppFieldsAreRefused() async throws {
        let good: [String: JSONValue] = ["client_id": "client", "client_secret": "secret", "redirect_uri": .string(host.callbackURL)]
        for field in ["client_id", "client_secret", "redirect_uri"] {
            for bad in Self.tainted {
                var body = good
                body[field] = .string((body[field]?.stringValue ?? "") + bad)
                try await assertRefused("PUT", "/v1/oauth-apps/slack", .object(body), field: field)
            }
        }
        let saved = try await host.request("PUT", "/v1/oauth-apps/slack", key: key, json: .object(good))
        XCTAssertEqual(saved.status, 200, saved.body)
        try await assertRefused("PUT", "/v1/oauth-apps/slack", ["redirect_uri": .string(host.callbackURL + "\r\n")], field: "redirect_uri")
        let kept = try await host.request("GET", "/v1/oauth-apps/slack", key: key)
        XCTAssertEqual(kept.json["redirect_uri"]?.stringValue, host.callbackURL, "an update that is refused changes nothing")
    }

    func testWebhookEndpointSecretIsRefused() async throws {
        let connection = try await host.connectSlack(key: key)
        for bad in ["\u{0}", "\u{1B}", "\u{7F}"] {
            try await assertRefused("POST", "/v1/webhooks/endpoints", [
                "connection_id": .string(connection), "secret": .string("canary-value" + bad + "tail"),
            ], field: "secret")
        }
    }
}
