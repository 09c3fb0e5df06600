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
        try await assertChecksPages("uptime", host: host, key: key)
    }

    func testTestConnectionUsesThePluginsCheck() async throws {
        let connection = try await connect()
        let reply = try await host.request("POST", "/v1/connections/\(connection)/test", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["success"], true, reply.body)
        XCTAssertTrue(reply.json["message"]?.stringValue?.hasPrefix("The site answered") == true, reply.body)
    }

    func testBadInputIsRefusedBeforeThePluginAndAnUnreachableSiteIsAnError() async throws {
        try await assertRefusesBadInputAndReportsAnUnreachableSite("uptime", host: host, key: key)
    }

    func testASiteURLThatIsNotHTTPIsRefusedAtConnect() async throws {
        let reply = try await host.request("POST", "/v1/connections", key: key,
                                           json: ["provider": "uptime", "config": ["site_url": "ftp://example.com"]])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.errorField, "config.site_url")
    }
}
