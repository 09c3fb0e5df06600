import Foundation
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayWire
import XCTest

/// The loader against real shared libraries built by the package: each broken plugin is
/// refused with its precise reason, and the good plugin keeps working beside them.
final class PluginLoaderTests: XCTestCase {
    func testBrokenPluginsAreRefusedWithReasonsAndTheHostKeepsServing() async throws {
        let registry = PluginRegistry()
        let slack = registry.load(path: try BuildProducts.plugin("PatchbaySlack"))
        XCTAssertEqual(slack.state, .enabled)

        let cases: [(product: String, reason: String)] = [
            ("BrokenPluginWrongMajor", "ABI major mismatch: plugin was built for 2.x, this host speaks 1.x"),
            ("BrokenPluginNewerMinor", "ABI minor too new: plugin needs a host with ABI 1.3 or later, this host provides 1.2"),
            ("BrokenPluginTooSmall", "pb_plugin_descriptor.struct_size is 40 bytes; ABI 1.0 needs at least 48"),
            ("BrokenPluginNoEntry", "missing symbol pb_plugin_info"),
            ("BrokenPluginBadManifest", "actions[0].input_schema.type: must be one of"),
            ("BrokenPluginBadManifest", "actions[1].name: repeats the action \"ping\""),
            ("BrokenPluginDuplicateId", "duplicate provider id \"slack\""),
            ("BrokenPluginMissingFields", "invalid manifest: /auth: is required"),
        ]
        for (product, reason) in cases {
            let status = registry.load(path: try BuildProducts.plugin(product))
            XCTAssertEqual(status.state, .disabled, product)
            XCTAssertTrue(status.reason?.contains(reason) == true, "\(product): \(status.reason ?? "no reason")")
        }
        let missing = registry.load(path: "/nonexistent/libNothing.so")
        XCTAssertEqual(missing.state, .disabled)
        XCTAssertTrue(missing.reason?.hasPrefix("dlopen failed:") == true, missing.reason ?? "")

        // Every attempt is listed; only Slack is enabled, and it is the real one, not the impostor.
        XCTAssertEqual(registry.statuses.count, 10)
        XCTAssertEqual(registry.plugins.map(\.id), ["slack"])
        XCTAssertEqual(registry.plugin("slack")?.manifest.version, "1.0.0")

        // The surviving plugin still answers calls.
        let reply = await registry.plugin("slack")!.call(.invoke, PluginCall(action: "no_such_action"), context: .offline,
                                                        timeout: .seconds(5))
        guard case .failure(let error) = reply else { return XCTFail("expected a failure for an unknown action") }
        XCTAssertEqual(error.code, "unknown_action")
    }

    func testCallsThatNeedTheNetworkFailCleanlyWithoutEgress() async throws {
        let registry = PluginRegistry()
        registry.load(path: try BuildProducts.plugin("PatchbaySlack"))
        let reply = await registry.plugin("slack")!.call(.invoke, PluginCall(action: "auth_test", input: [:]),
                                                        context: .offline, timeout: .seconds(5))
        guard case .failure(let error) = reply else { return XCTFail("expected failure") }
        XCTAssertEqual(error.code, "egress_unavailable")
    }

    func testAPluginCallThatOutlivesItsTimeoutIsAnsweredOnceAndTheLateCompletionIgnored() async throws {
        let registry = PluginRegistry()
        registry.load(path: try BuildProducts.plugin("PatchbaySlack"))
        let lateAnswer = ManagedFlag()
        let slowHTTP = PluginCallContext { _ in
            try? await Task.sleep(for: .milliseconds(600))
            lateAnswer.set()
            return HTTPResponseMessage(status: 200, body: #"{"ok":true,"team":"t","team_id":"T","user":"u","user_id":"U"}"#)
        }
        let started = ContinuousClock.now
        let reply = await registry.plugin("slack")!.call(.invoke, PluginCall(action: "auth_test", input: [:]),
                                                        context: slowHTTP, timeout: .milliseconds(150))
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(550))
        guard case .failure(let error) = reply else { return XCTFail("expected a timeout") }
        XCTAssertEqual(error.code, "upstream_timeout", "the plugin was waiting on the provider when its deadline passed")
        // Let the plugin's late completion arrive; the host must drop it without crashing,
        // and the plugin must keep serving new calls.
        try await eventually("the provider's late answer") { lateAnswer.isSet }
        let next = await registry.plugin("slack")!.call(.invoke, PluginCall(action: "auth_test", input: [:]),
                                                       context: slowHTTP, timeout: .seconds(5))
        guard case .success = next else { return XCTFail("plugin should still answer after a timed-out call") }
    }

    func testDefaultScanLoadsOnlyShippedProviders() throws {
        let files = PluginRegistry.pluginFiles(in: BuildProducts.directory, onlyShipped: true)
        XCTAssertTrue(files.contains { $0.hasSuffix("libPatchbaySlack.so") })
        XCTAssertFalse(files.contains { $0.contains("BrokenPlugin") })
        let everything = PluginRegistry.pluginFiles(in: BuildProducts.directory, onlyShipped: false)
        XCTAssertTrue(everything.contains { $0.contains("BrokenPlugin") })
    }
}
