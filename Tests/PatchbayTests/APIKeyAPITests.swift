import Foundation
import PatchbayServices
import PatchbayWire
import XCTest

/// API keys over the API: created once in the open, listed by prefix and scopes, revoked at
/// once; every route enforces its scope and names the one missing.
final class APIKeyAPITests: XCTestCase {
    var host: TestHost!
    var admin: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        admin = try await host.key(scopes: [.admin])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testCreateShowsTheKeyOnceListShowsPrefixAndScopesRevokeStopsIt() async throws {
        let created = try await host.request("POST", "/v1/api-keys", key: admin, json: ["scopes": ["integrations:read"]])
        XCTAssertEqual(created.status, 201, created.body)
        let key = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        XCTAssertTrue(key.hasPrefix(try XCTUnwrap(created.json["prefix"]?.stringValue) + "_"))
        XCTAssertEqual(created.json["scopes"], ["integrations:read"])

        let works = try await host.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(works.status, 200)

        let list = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 2)
        XCTAssertFalse(list.body.contains(key), "the key is shown once, at creation")
        XCTAssertFalse(list.body.contains(admin))
        let secretPart = String(key.split(separator: "_")[2])
        XCTAssertFalse(list.body.contains(secretPart))
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal"] {
            guard let bytes = FileManager.default.contents(atPath: host.dataDirectory + "/" + file) else { continue }
            XCTAssertNil(bytes.range(of: Data(secretPart.utf8)), "\(file) holds a key's secret")
        }

        let revoked = try await host.request("DELETE", "/v1/api-keys/\(id)", key: admin)
        XCTAssertEqual(revoked.status, 200)
        XCTAssertNotEqual(revoked.json["revoked_at"], .null)
        let refused = try await host.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(refused.errorCode, "invalid_api_key")
    }

    func testAKeyRevokedOnOneReplicaIsRefusedByAnotherThatJustAcceptedIt() async throws {
        let replica = try await TestHost.start(reusing: host)
        let created = try await host.request("POST", "/v1/api-keys", key: admin, json: ["scopes": ["integrations:read"]])
        let key = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let accepted = try await replica.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(accepted.status, 200, "the replica has just verified the key")

        let revoked = try await host.request("DELETE", "/v1/api-keys/\(id)", key: admin)
        XCTAssertEqual(revoked.status, 200)
        let refused = try await replica.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(refused.status, 401, "the revocation reached the replica through the notifier")
        XCTAssertEqual(refused.errorCode, "invalid_api_key")
        try await replica.stopServer()
    }

    func testScopesAreEnforcedAndTheMissingOneIsNamed() async throws {
        let readOnly = try await host.key(scopes: [.integrationsRead])
        let cases: [(String, String, JSONValue?, String)] = [
            ("POST", "/v1/connections", ["provider": "slack", "credentials": ["bot_token": "xoxb-1"]], "integrations:write"),
            ("POST", "/v1/api-keys", ["scopes": ["integrations:read"]], "admin"),
            ("GET", "/v1/api-keys", nil, "admin"),
            ("DELETE", "/v1/api-keys/key_x", nil, "admin"),
            ("PUT", "/v1/oauth-apps/slack", ["client_id": "c"], "integrations:write"),
        ]
        for (method, path, body, scope) in cases {
            let reply: TestHost.Reply
            if let body {
                reply = try await host.request(method, path, key: readOnly, json: body)
            } else {
                reply = try await host.request(method, path, key: readOnly)
            }
            XCTAssertEqual(reply.status, 403, "\(method) \(path)")
            XCTAssertEqual(reply.errorCode, "missing_scope")
            XCTAssertEqual(reply.errorField, scope)
            XCTAssertTrue(reply.json["error"]?["message"]?.stringValue?.contains(scope) == true, reply.body)
        }
        let writeOnly = try await host.key(scopes: [.integrationsWrite])
        let reading = try await host.request("GET", "/v1/connections", key: writeOnly)
        XCTAssertEqual(reading.status, 403)
        XCTAssertEqual(reading.errorField, "integrations:read")
    }

    func testBadKeyRequestsAndAnotherAccountsKeys() async throws {
        let cases: [(String, String?)] = [
            (#"{"scopes": ["root"]}"#, "scopes[0]"),
            (#"{"scopes": "admin"}"#, "scopes"),
            (#"{"scopes": []}"#, "scopes"),
            (#"{}"#, "scopes"),
            (#"{"scopes": ["admin"], "name": "x"}"#, "name"),
            ("{nope", nil),
        ]
        for (body, field) in cases {
            let reply = try await host.request("POST", "/v1/api-keys", key: admin, body: body)
            XCTAssertEqual(reply.status, 400, body)
            XCTAssertEqual(reply.errorField, field, body)
        }
        let list = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 1, "no key was half-made")

        let otherAdmin = try await host.key(account: "other", scopes: [.admin])
        let mine = try XCTUnwrap(list.json["data"]?.arrayValue?.first?["id"]?.stringValue)
        let revoke = try await host.request("DELETE", "/v1/api-keys/\(mine)", key: otherAdmin)
        XCTAssertEqual(revoke.status, 404)
        let theirs = try await host.request("GET", "/v1/api-keys", key: otherAdmin)
        XCTAssertEqual(theirs.json["data"]?.arrayValue?.count, 1, "each account sees its own keys")
        let stillWorks = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertEqual(stillWorks.status, 200)
    }

    func testRevokingTheKeyMakingTheRequestNeedsForce() async throws {
        let list = try await host.request("GET", "/v1/api-keys", key: admin)
        let own = try XCTUnwrap(list.json["data"]?.arrayValue?.first?["id"]?.stringValue)

        let refused = try await host.request("DELETE", "/v1/api-keys/\(own)", key: admin)
        XCTAssertEqual(refused.status, 409)
        XCTAssertEqual(refused.errorCode, "deleting_own_key")
        let message = try XCTUnwrap(refused.json["error"]?["message"]?.stringValue)
        XCTAssertTrue(message.contains("force=true") && message.contains("another admin key"), message)
        let stillWorks = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertEqual(stillWorks.status, 200, "a refused revocation leaves the key working")

        // Another admin key of the account revokes it without force.
        let second = try await host.key(scopes: [.admin])
        let keys = try await host.request("GET", "/v1/api-keys", key: admin)
        let secondID = try XCTUnwrap(keys.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }.first { $0 != own })
        let byOther = try await host.request("DELETE", "/v1/api-keys/\(secondID)", key: admin)
        XCTAssertEqual(byOther.status, 200, byOther.body)
        let revokedKey = try await host.request("GET", "/v1/api-keys", key: second)
        XCTAssertEqual(revokedKey.status, 401)

        let forced = try await host.request("DELETE", "/v1/api-keys/\(own)?force=true", key: admin)
        XCTAssertEqual(forced.status, 200, forced.body)
        let lockedOut = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertEqual(lockedOut.status, 401)
    }
}
