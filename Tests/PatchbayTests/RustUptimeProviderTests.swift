import Foundation
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayTesting
import PatchbayWire
import XCTest

/// The example plugin written in Rust (Providers/Examples/RustUptime), built by cargo, loaded and
/// called through the host like any other. CI builds it before the suite, so there a missing
/// library fails these tests; elsewhere they are skipped until `cargo build` has run.
final class RustUptimeProviderTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        do {
            _ = try BuildProducts.plugin("ExampleRustUptime")
        } catch where ProcessInfo.processInfo.environment["CI"] != "true" {
            throw XCTSkip("\(error): cargo build --release --offline --manifest-path Providers/Examples/RustUptime/Cargo.toml --target-dir .build/rust")
        }
        // One test dials a closed loopback port, which a site URL may name only when allowed.
        host = try await TestHost.start(plugins: ["ExampleRustUptime"], allowEgress: ["127.0.0.0/8"])
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    func testTheRustPluginLoadsAndItsActionGoesThroughTheHost() async throws {
        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        let plugin = plugins.json["data"]?.arrayValue?.first { $0["id"] == "rust_uptime" }
        XCTAssertEqual(plugin?["status"], "enabled", plugins.body)

        try await assertChecksPages("rust_uptime", host: host, key: key)

        let connection = try await host.connectSite("rust_uptime", key: key)
        let test = try await host.request("POST", "/v1/connections/\(connection)/test", key: key)
        XCTAssertEqual(test.json["success"], true, test.body)
        XCTAssertTrue(test.json["message"]?.stringValue?.hasPrefix("The site answered ") == true, test.body)
    }

    func testBadInputIsRefusedAndAnUnreachableSiteIsAnError() async throws {
        try await assertRefusesBadInputAndReportsAnUnreachableSite("rust_uptime", host: host, key: key)
    }

    /// What the host's schema check would stop, called directly: the plugin checks again and
    /// answers each with its own error, exactly once.
    func testThePluginChecksWhatItIsGivenItself() async throws {
        let harness = try PluginHarness(path: try BuildProducts.plugin("ExampleRustUptime"))
        let site: JSONValue = ["site_url": "http://127.0.0.1:1"]
        let cases: [(String, JSONValue, String)] = [
            ("check_path", ["path": "/a b"], "invalid_input"),
            ("check_path", ["path": "/", "expect_status": 99], "invalid_input"),
            ("check_path", ["path": "/", "expect_status": 200.5], "invalid_input"),
            ("no_such_action", ["path": "/"], "unknown_action"),
        ]
        for (action, input, code) in cases {
            let reply = await harness.invoke(action, input: input, config: site)
            guard case .failure(let error) = reply else { XCTFail("\(action) \(input): \(reply)"); continue }
            XCTAssertEqual(error.code, code, "\(action) \(input)")
        }
    }

    func testTheGracefulStopReachesThePlugin() async throws {
        // A stopped library cannot serve again in this process, so stop a copy of it: another
        // file is another image, with statics of its own.
        let copy = NSTemporaryDirectory() + "patchbay-rust-uptime-\(UUID().uuidString).so"
        try FileManager.default.copyItem(atPath: try BuildProducts.plugin("ExampleRustUptime"), toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let log = CapturedLog()
        let registry = PluginRegistry(logger: log.logger)
        XCTAssertEqual(registry.load(path: copy).state, .enabled)
        await registry.shutdown()
        XCTAssertTrue(log.text.contains("rust_uptime stopping with 0 requests in flight"), log.text)
    }
}
