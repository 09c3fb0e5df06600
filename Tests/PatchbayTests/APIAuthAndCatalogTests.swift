import PatchbayServices
import PatchbayWire
import XCTest

/// Keys, scopes, the catalog, the plugin list and the OpenAPI document, over real HTTP.
final class APIAuthAndCatalogTests: XCTestCase {
    var host: TestHost!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "BrokenPluginWrongMajor"])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testHealthNeedsNoKeyButTheAPIDoes() async throws {
        let health = try await host.request("GET", "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json["status"], "ok")

        let noKey = try await host.request("GET", "/v1/catalog")
        XCTAssertEqual(noKey.status, 401)
        XCTAssertEqual(noKey.errorCode, "missing_api_key")
        XCTAssertEqual(noKey.headers["www-authenticate"], "Bearer")

        let badKey = try await host.request("GET", "/v1/catalog", key: "pb_notreal_notreal")
        XCTAssertEqual(badKey.status, 401)
        XCTAssertEqual(badKey.errorCode, "invalid_api_key")

        // A real prefix with a wrong secret is just as invalid.
        let key = try await host.key()
        let tampered = String(key.dropLast()) + (key.last == "a" ? "b" : "a")
        let reply1 = try await host.request("GET", "/v1/catalog", key: tampered)
        XCTAssertEqual(reply1.status, 401)
    }

    func testScopesAreEnforcedAndTheMissingScopeIsNamed() async throws {
        let readOnly = try await host.key(scopes: [.integrationsRead])
        let reply2 = try await host.request("GET", "/v1/catalog", key: readOnly)
        XCTAssertEqual(reply2.status, 200)
        let write = try await host.request("POST", "/v1/connections", key: readOnly,
                                           json: ["provider": "slack", "credentials": ["bot_token": "xoxb-1"]])
        XCTAssertEqual(write.status, 403)
        XCTAssertEqual(write.errorCode, "missing_scope")
        XCTAssertEqual(write.errorField, "integrations:write")

        let admin = try await host.key(scopes: [.admin])
        let reply3 = try await host.request("POST", "/v1/connections", key: admin,
                                              json: ["provider": "slack", "credentials": ["bot_token": "xoxb-1"]])
        XCTAssertEqual(reply3.status, 201)
    }

    func testCatalogListsFiltersCountsAndShowsOneEntry() async throws {
        let key = try await host.key()
        let list = try await host.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(list.status, 200)
        XCTAssertEqual(list.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["slack"])
        XCTAssertEqual(list.json["counts"]?["communication"], 1)
        XCTAssertEqual(list.json["data"]?.arrayValue?.first?["connected"], false)

        let reply4 = try await host.request("GET", "/v1/catalog?category=commerce", key: key)
        XCTAssertEqual(reply4.json["data"]?.arrayValue?.count, 0)
        let reply5 = try await host.request("GET", "/v1/catalog?status=connected", key: key)
        XCTAssertEqual(reply5.json["data"]?.arrayValue?.count, 0)
        let badStatus = try await host.request("GET", "/v1/catalog?status=weird", key: key)
        XCTAssertEqual(badStatus.status, 400)
        XCTAssertEqual(badStatus.errorField, "status")

        _ = try await host.connectSlack(key: key)
        let connected = try await host.request("GET", "/v1/catalog?status=connected", key: key)
        XCTAssertEqual(connected.json["data"]?.arrayValue?.first?["id"], "slack")

        let slack = try await host.request("GET", "/v1/catalog/slack", key: key)
        XCTAssertEqual(slack.status, 200)
        XCTAssertEqual(slack.json["auth_type"], "bearer")
        XCTAssertEqual(slack.json["connected"], true)
        XCTAssertEqual(slack.json["supports_discovery"], true)
        XCTAssertEqual(slack.json["webhook_scheme"], "slack_v0")
        XCTAssertEqual(Set(slack.json["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []),
                       ["auth_test", "post_message", "list_channels", "list_users"])
        XCTAssertEqual(slack.json["credential_fields"]?.arrayValue?.first?["name"], "bot_token")
        XCTAssertGreaterThanOrEqual(slack.json["packs"]?.arrayValue?.count ?? 0, 1)

        let missing = try await host.request("GET", "/v1/catalog/nope", key: key)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errorCode, "not_found")
    }

    func testPluginListShowsRefusedPluginsWithTheirReason() async throws {
        let key = try await host.key()
        let plugins = try await host.request("GET", "/v1/plugins", key: key).json["data"]?.arrayValue ?? []
        XCTAssertEqual(plugins.count, 2)
        let refused = plugins.first { $0["status"] == "disabled" }
        XCTAssertTrue(refused?["reason"]?.stringValue?.contains("ABI major mismatch") == true)
        XCTAssertEqual(refused?["isolation"], "in_process", "a refused plugin says where it was to run")
        let slack = plugins.first { $0["status"] == "enabled" }
        XCTAssertEqual(slack?["id"], "slack")
        XCTAssertEqual(slack?["isolation"], "in_process")
        XCTAssertEqual(slack?["crashes"], 0)
        XCTAssertEqual(slack?["last_crash"], .null)
        XCTAssertEqual(slack?["quarantined"], false)
    }

    func testOpenAPIDocumentMatchesTheRoutes() async throws {
        let document = try await host.request("GET", "/openapi.json")
        XCTAssertEqual(document.status, 200)
        XCTAssertEqual(document.json["openapi"], "3.1.0")
        let paths = document.json["paths"]?.objectValue ?? [:]
        XCTAssertTrue(paths.keys.contains("/v1/connections/{id}/actions/{action}/invoke"))
        XCTAssertGreaterThanOrEqual(paths.count, 10)
        // Every documented operation is routed: none answers "route_not_found".
        let key = try await host.key()
        for (path, operations) in paths {
            for method in operations.objectValue?.keys ?? [:].keys {
                let concrete = path.replacingOccurrences(of: "{id}", with: "x").replacingOccurrences(of: "{action}", with: "y")
                    .replacingOccurrences(of: "{provider}", with: "z").replacingOccurrences(of: "{object}", with: "w")
                let reply = try await host.request(method.uppercased(), concrete, key: key, body: method == "get" ? nil : "{}")
                XCTAssertNotEqual(reply.errorCode, "route_not_found", "\(method) \(path)")
            }
        }
        // And an undocumented one is not.
        let unknown = try await host.request("GET", "/v1/nothing-here", key: key)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "route_not_found")
    }
}
