import Foundation
import PatchbayWire
import XCTest

/// The example plugin written in C, loaded and called exactly like the Swift ones: the ABI
/// is the contract, not the SDK.
final class UptimeProviderTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        // One test dials a closed loopback port, which a site URL may name only when allowed.
        host = try await TestHost.start(plugins: ["ExampleUptime", "PatchbaySlack"], allowEgress: ["127.0.0.0/8"])
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func connect(siteURL: String? = nil) async throws -> String {
        try await host.connectSite("uptime", key: key, siteURL: siteURL)
    }

    func check(_ connection: String, _ input: JSONValue) async throws -> TestHost.Reply {
        try await host.checkPath(connection, key: key, input)
    }

    func testTheCPluginLoadsWithItsManifestBesideTheSwiftOnes() async throws {
        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        XCTAssertEqual(plugins.status, 200, plugins.body)
        let uptime = plugins.json["data"]?.arrayValue?.first { $0["id"] == "uptime" }
        XCTAssertEqual(uptime?["status"], "enabled", plugins.body)
        let slack = plugins.json["data"]?.arrayValue?.first { $0["id"] == "slack" }
        XCTAssertEqual(slack?["status"], "enabled", plugins.body)

        let catalog = try await host.request("GET", "/v1/catalog/uptime", key: key)
        XCTAssertEqual(catalog.status, 200, catalog.body)
        XCTAssertEqual(catalog.json["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["check_path"])
    }

    func testCheckPathGoesThroughTheHostAndReportsStatusAndTime() async throws {
        let connection = try await connect()
        let up = try await check(connection, ["path": "/auth.test"])
        XCTAssertEqual(up.status, 200, up.body)
        XCTAssertEqual(up.json["output"]?["status"], 200)
        XCTAssertEqual(up.json["output"]?["up"], true)
        XCTAssertEqual(up.json["output"]?["path"], "/auth.test")
        XCTAssertNotNil(up.json["output"]?["elapsed_ms"]?.intValue)
        // The request really left through egress and is on the execution's record.
        XCTAssertEqual(up.json["requests"]?.arrayValue?.count, 1, up.body)

        let missing = try await check(connection, ["path": "/no-such-page"])
        XCTAssertEqual(missing.json["output"]?["status"], 404, missing.body)
        XCTAssertEqual(missing.json["output"]?["up"], false)

        let expected = try await check(connection, ["path": "/no-such-page", "expect_status": 404])
        XCTAssertEqual(expected.json["output"]?["up"], true, expected.body)
    }

    func testTestConnectionUsesThePluginsCheck() async throws {
        let connection = try await connect()
        let reply = try await host.request("POST", "/v1/connections/\(connection)/test", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["success"], true, reply.body)
        XCTAssertTrue(reply.json["message"]?.stringValue?.hasPrefix("The site answered") == true, reply.body)
    }

    func testBadInputIsRefusedBeforeThePluginAndAnUnreachableSiteIsAnError() async throws {
        let connection = try await connect()
        for input: JSONValue in [[:], ["path": "no-slash"], ["path": "/\"quote"], ["path": 5], ["path": "/", "expect_status": 42]] {
            let reply = try await check(connection, input)
            XCTAssertEqual(reply.status, 400, "\(input): \(reply.body)")
        }

        let closed = try await connect(siteURL: "http://127.0.0.1:1")
        let reply = try await check(closed, ["path": "/"])
        XCTAssertEqual(reply.status, 502, reply.body)
        XCTAssertEqual(reply.errorCode, "connection_failed", reply.body)
    }

    func testASiteURLThatIsNotHTTPIsRefusedAtConnect() async throws {
        let reply = try await host.request("POST", "/v1/connections", key: key,
                                           json: ["provider": "uptime", "config": ["site_url": "ftp://example.com"]])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.errorField, "config.site_url")
    }
}
