import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
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
        let clock = ManualClock()
        let registry = PluginRegistry(clock: PluginClock(clock))
        registry.load(path: try BuildProducts.plugin("PatchbaySlack"))
        let slack = try XCTUnwrap(registry.plugin("slack"))
        let provider = FakeGate()
        defer { provider.release() }
        let slowHTTP = PluginCallContext { _ in
            await provider.hold()
            return HTTPResponseMessage(status: 200, body: #"{"ok":true,"team":"t","team_id":"T","user":"u","user_id":"U"}"#)
        }
        // One channel per library per process: count from here, other tests may have called it.
        let ignoredBefore = slack.ignoredCompletions
        let answered = ManagedFlag()
        let call = Task {
            defer { answered.set() }
            return await slack.call(.invoke, PluginCall(action: "auth_test", input: [:]), context: slowHTTP, timeout: .milliseconds(150))
        }
        let asked = await provider.waitUntilHolding(1)
        XCTAssertTrue(asked, "the plugin never asked the provider")
        // The call's deadline is watched on the registry's clock, and on nothing else.
        try await clock.sleepers(atLeast: 1)

        clock.advance(by: .milliseconds(149))
        XCTAssertEqual(clock.sleeperCount, 1, "the deadline woke early")
        XCTAssertFalse(answered.isSet, "the call ended before its deadline")

        clock.advance(by: .milliseconds(1))
        let reply = await call.value
        guard case .failure(let error) = reply else { return XCTFail("expected a timeout") }
        XCTAssertEqual(error.code, "upstream_timeout", "the plugin was waiting on the provider when its deadline passed")
        XCTAssertEqual(slack.ignoredCompletions, ignoredBefore, "nothing came back from the plugin yet")

        // The provider answers late: the plugin completes the call the host already answered,
        // which is dropped and counted, and the plugin keeps serving new calls.
        provider.release()
        try await eventually("the plugin's late completion") { slack.ignoredCompletions == ignoredBefore + 1 }
        let next = await slack.call(.invoke, PluginCall(action: "auth_test", input: [:]), context: slowHTTP, timeout: .seconds(5))
        guard case .success = next else { return XCTFail("plugin should still answer after a timed-out call") }
        XCTAssertEqual(slack.ignoredCompletions, ignoredBefore + 1)
        XCTAssertEqual(clock.sleeperCount, 0, "a deadline is still watched with no call in flight")
    }

    func testDefaultScanLoadsOnlyShippedProviders() throws {
        let files = PluginRegistry.pluginFiles(in: BuildProducts.directory, onlyShipped: true)
        XCTAssertTrue(files.contains { $0.hasSuffix("libPatchbaySlack.so") })
        XCTAssertFalse(files.contains { $0.contains("BrokenPlugin") })
        let everything = PluginRegistry.pluginFiles(in: BuildProducts.directory, onlyShipped: false)
        XCTAssertTrue(everything.contains { $0.contains("BrokenPlugin") })
    }
}
