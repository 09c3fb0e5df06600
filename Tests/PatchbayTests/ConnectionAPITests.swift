import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Connections through the HTTP API: validation, secrecy, tenancy, paging, updates, deletion.
final class ConnectionAPITests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testBadInputGetsAPreciseFourHundredAndWritesNothing() async throws {
        let cases: [(body: String, code: String, field: String?)] = [
            ("{not json", "malformed_json", nil),
            ("[1,2]", "validation_failed", nil),
            (#"{"provider": 42}"#, "validation_failed", "provider"),
            (#"{"credentials": {"bot_token": "xoxb-1"}}"#, "validation_failed", "provider"),
            (#"{"provider": "nope", "credentials": {}}"#, "unknown_provider", "provider"),
            // Without credentials an OAuth provider starts OAuth, which needs the account's OAuth app.
            (#"{"provider": "slack"}"#, "oauth_app_not_configured", "provider"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxp-user-token"}}"#, "validation_failed", "credentials.bot_token"),
            (#"{"provider": "slack", "credentials": {"bot_token": 12}}"#, "validation_failed", "credentials.bot_token"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxb-1", "extra": "x"}}"#, "validation_failed", "credentials.extra"),
            (#"{"provider": "slack", "credentials": "xoxb-1"}"#, "validation_failed", "credentials"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxb-1"}, "config": {"default_channel": 5}}"#,
             "validation_failed", "config.default_channel"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxb-1"}, "config": {"surprise": true}}"#,
             "validation_failed", "config.surprise"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxb-1"}, "labl": "typo"}"#, "validation_failed", "labl"),
            (#"{"provider": "slack", "credentials": {"bot_token": "xoxb-1"}, "label": "  "}"#, "validation_failed", "label"),
        ]
        for (body, code, field) in cases {
            let reply = try await host.request("POST", "/v1/connections", key: key, body: body)
            XCTAssertEqual(reply.status, 400, body)
            XCTAssertEqual(reply.errorCode, code, body)
            XCTAssertEqual(reply.errorField, field, body)
            XCTAssertFalse(reply.body.contains("xoxp-user-token"), "an error must not echo a secret")
        }
        let list = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0, "nothing may be half-written")
    }

    func testCreatedConnectionNeverShowsItsSecretAndTheDatabaseHoldsNoPlaintext() async throws {
        let token = "xoxb-plaintext-canary-\(UUID().uuidString)"
        host.fakes.slack.addToken(token)
        let created = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "slack", "label": "Team Slack", "config": ["default_channel": "C0GENERAL"],
            "credentials": ["bot_token": .string(token)],
        ])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.json["status"], "active")
        XCTAssertEqual(created.json["label"], "Team Slack")
        XCTAssertEqual(created.json["has_credentials"], true)
        XCTAssertFalse(created.body.contains(token))
        let id = try XCTUnwrap(created.json["id"]?.stringValue)

        // Use it, so the token has passed through every layer.
        let invoked = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(invoked.status, 200)
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(token)")

        for path in ["/v1/connections/\(id)", "/v1/connections", "/v1/executions"] {
            let reply1 = try await host.request("GET", path, key: key)
            XCTAssertFalse(reply1.body.contains(token), path)
        }
        XCTAssertFalse(invoked.body.contains(token))

        // Search the bytes of the database and its write-ahead log.
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal"] {
            let path = host.dataDirectory + "/" + file
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            XCTAssertNil(bytes.range(of: Data(token.utf8)), "\(file) holds the plaintext token")
            XCTAssertNil(bytes.range(of: Data("plaintext-canary".utf8)), "\(file) holds part of the token")
        }
    }

    func testAnotherAccountGetsNotFoundForEverythingOfOurs() async throws {
        let id = try await host.connectSlack(key: key)
        let run = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        let executionID = try XCTUnwrap(run.json["id"]?.stringValue)

        let other = try await host.key(account: "globex")
        for (method, path) in [("GET", "/v1/connections/\(id)"), ("PATCH", "/v1/connections/\(id)"),
                               ("DELETE", "/v1/connections/\(id)"), ("POST", "/v1/connections/\(id)/test"),
                               ("POST", "/v1/connections/\(id)/actions/auth_test/invoke"),
                               ("GET", "/v1/executions/\(executionID)")] {
            let reply = try await host.request(method, path, key: other, body: method == "GET" ? nil : #"{"input":{}}"#)
            XCTAssertEqual(reply.status, method == "PATCH" ? 400 : 404, "\(method) \(path): \(reply.body)")
        }
        let patch = try await host.request("PATCH", "/v1/connections/\(id)", key: other, json: ["label": "mine now"])
        XCTAssertEqual(patch.status, 404)
        let reply2 = try await host.request("GET", "/v1/connections", key: other)
        XCTAssertEqual(reply2.json["data"]?.arrayValue?.count, 0)
        let reply3 = try await host.request("GET", "/v1/executions", key: other)
        XCTAssertEqual(reply3.json["data"]?.arrayValue?.count, 0)
        let reply4 = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(reply4.json["label"], "Slack")
    }

    func testListingIsNewestFirstWithCursorsAndFilters() async throws {
        var ids: [String] = []
        for index in 0..<5 { ids.append(try await host.connectSlack(key: key, label: "workspace \(index)")) }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let query = "/v1/connections?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await host.request("GET", query, key: key)
            XCTAssertEqual(page.status, 200)
            seen += page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(seen, ids.reversed())

        _ = try await host.request("DELETE", "/v1/connections/\(ids[0])", key: key)
        let reply5 = try await host.request("GET", "/v1/connections?status=revoked", key: key)
        XCTAssertEqual(reply5.json["data"]?.arrayValue?.count, 1)
        let reply6 = try await host.request("GET", "/v1/connections?status=active&provider=slack", key: key)
        XCTAssertEqual(reply6
            .json["data"]?.arrayValue?.count, 4)

        for bad in ["?cursor=%%%", "?cursor=bm9wZQ", "?limit=0", "?limit=abc", "?status=sleeping"] {
            let reply = try await host.request("GET", "/v1/connections" + bad, key: key)
            XCTAssertEqual(reply.status, 400, bad)
        }
        let reply7 = try await host.request("GET", "/v1/connections?cursor=bm9wZQ", key: key)
        XCTAssertEqual(reply7.errorCode, "invalid_cursor")
    }

    func testTestConnectionReportsSuccessAndFailureAsResults() async throws {
        let id = try await host.connectSlack(key: key)
        let ok = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.json["success"], true)
        XCTAssertTrue(ok.json["message"]?.stringValue?.contains("Sandbox Co") == true)
        XCTAssertNotNil(ok.json["latency_ms"]?.intValue)

        host.fakes.slack.revokeToken(FakeSlack.sandboxToken)
        let failed = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(failed.status, 200)
        XCTAssertEqual(failed.json["success"], false)
        XCTAssertTrue(failed.json["message"]?.stringValue?.contains("invalid_auth") == true)
    }

    func testNewCredentialsAndConfigTakeEffectOnTheNextCall() async throws {
        let id = try await host.connectSlack(key: key)
        host.fakes.slack.revokeToken(FakeSlack.sandboxToken)
        let reply8 = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(reply8.json["success"], false)

        let rotated = "xoxb-rotated-\(UUID().uuidString)"
        host.fakes.slack.addToken(rotated)
        let patched = try await host.request("PATCH", "/v1/connections/\(id)", key: key, json: [
            "label": "Renamed", "config": ["default_channel": "C0RANDOM"], "credentials": ["bot_token": .string(rotated)],
        ])
        XCTAssertEqual(patched.status, 200, patched.body)
        XCTAssertEqual(patched.json["label"], "Renamed")
        XCTAssertEqual(patched.json["config"]?["default_channel"], "C0RANDOM")
        XCTAssertFalse(patched.body.contains(rotated))
        let reply9 = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(reply9.json["success"], true)
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(rotated)")

        let badPatch = try await host.request("PATCH", "/v1/connections/\(id)", key: key,
                                              json: ["credentials": ["bot_token": "not-a-bot-token"]])
        XCTAssertEqual(badPatch.status, 400)
        let reply10 = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(reply10.json["success"], true,
                       "a refused update leaves the working credentials in place")
    }

    func testDeletingRevokesPurgesAndBlocksUse() async throws {
        let id = try await host.connectSlack(key: key)
        let writeOnly = try await host.key(scopes: [.integrationsWrite])
        let deleted = try await host.request("DELETE", "/v1/connections/\(id)", key: writeOnly)
        XCTAssertEqual(deleted.status, 200)
        XCTAssertEqual(deleted.json["status"], "revoked")
        XCTAssertEqual(deleted.json["has_credentials"], false)
        let invoke = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(invoke.status, 409)
        XCTAssertEqual(invoke.errorCode, "connection_revoked")
        let reply11 = try await host.request("PATCH", "/v1/connections/\(id)", key: key, json: ["label": "x"])
        XCTAssertEqual(reply11.status, 409)
        let reply12 = try await host.request("GET", "/v1/catalog/slack", key: key)
        XCTAssertEqual(reply12.json["connected"], false)
    }

    func testDiscoveryIsStoredAndServed() async throws {
        let id = try await host.connectSlack(key: key)
        let reply13 = try await host.request("GET", "/v1/connections/\(id)/schema", key: key)
        XCTAssertEqual(reply13.errorCode, "schema_not_discovered")
        let discovered = try await host.request("POST", "/v1/connections/\(id)/discover", key: key)
        XCTAssertEqual(discovered.status, 200, discovered.body)
        let objects = discovered.json["objects"]?.arrayValue ?? []
        XCTAssertEqual(Set(objects.compactMap { $0["name"]?.stringValue }), ["channel", "user", "message"])
        let channel = objects.first { $0["name"] == "channel" }
        XCTAssertEqual(channel?["fields"]?.arrayValue?.first { $0["name"] == "id" }?["primary_key"], true)
        XCTAssertTrue(discovered.json["relationships"]?.arrayValue?.contains { $0["from"] == "message" && $0["to"] == "channel" } == true)
        let stored = try await host.request("GET", "/v1/connections/\(id)/schema", key: key)
        XCTAssertEqual(stored.json["objects"], discovered.json["objects"])

        let user = try await host.request("GET", "/v1/connections/\(id)/schema/objects/user", key: key)
        XCTAssertEqual(user.json["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.first, "id")
        XCTAssertEqual(user.json["operations"]?.arrayValue?.first?["action"], "list_users")
        XCTAssertEqual(user.json["relationships"]?.arrayValue?.first?["from"], "message")
        let missing = try await host.request("GET", "/v1/connections/\(id)/schema/objects/invoice", key: key)
        XCTAssertEqual(missing.status, 404)
        let objectList = try await host.request("GET", "/v1/connections/\(id)/schema/objects", key: key)
        XCTAssertEqual(objectList.json["data"]?.arrayValue?.count, 3)
        let operations = try await host.request("GET", "/v1/connections/\(id)/schema/operations?object=message", key: key)
        XCTAssertEqual(operations.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue }, ["post_message"])
    }
}
