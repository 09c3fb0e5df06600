import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// Plugins in worker processes: a crash or a hang is contained, reported, and the host and
/// its other plugins keep serving.
final class PluginIsolationTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func tearDown() async throws {
        try await host?.stop()
    }

    private func start(isolated: [String], pluginTimeout: Duration = .seconds(10), clock: (any HostClock)? = nil) async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack"], isolated: isolated, pluginTimeout: pluginTimeout, clock: clock)
        key = try await host.key()
    }

    private func connect(_ provider: String, credentials: JSONValue = [:]) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key, json: ["provider": .string(provider), "credentials": credentials])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect \(provider): \(reply.status) \(reply.body)")
        }
        return id
    }

    private func invoke(_ connection: String, _ action: String) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: key, json: ["input": [:]])
    }

    /// Calls `action` until it answers 200, for up to `seconds`: a worker restarts after a backoff.
    private func eventually(_ connection: String, _ action: String, seconds: Double = 5) async throws -> TestHost.Reply {
        let deadline = Date().addingTimeInterval(seconds)
        var reply = try await invoke(connection, action)
        while reply.status != 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            reply = try await invoke(connection, action)
        }
        return reply
    }

    private func slackStillWorks() async throws {
        let slack = try await connect("slack", credentials: ["bot_token": .string(FakeSlack.sandboxToken)])
        let reply = try await invoke(slack, "auth_test")
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    func testACrashFailsOnlyItsCallAndTheWorkerComesBack() async throws {
        try await start(isolated: ["BrokenPluginCrashes"])
        let crashes = try await connect("broken-crashes")
        // The plugin prints to stdout before it answers; the protocol stream must not mind.
        let first = try await invoke(crashes, "ping")
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(first.json["output"]?["pong"], true)

        let crashed = try await invoke(crashes, "crash")
        XCTAssertEqual(crashed.status, 502, crashed.body)
        XCTAssertEqual(crashed.errorCode, "plugin_crashed")
        XCTAssertTrue(crashed.json["error"]?["message"]?.stringValue?.contains("signal 11") == true, crashed.body)
        XCTAssertEqual(crashed.json["error"]?["retryable"], true)
        let execution = try await host.request("GET", "/v1/executions/\(crashed.json["error"]?["execution_id"]?.stringValue ?? "")", key: key)
        XCTAssertEqual(execution.json["status"], "failed", execution.body)

        try await slackStillWorks()
        let again = try await eventually(crashes, "ping")
        XCTAssertEqual(again.status, 200, again.body)
        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        let status = plugins.json["data"]?.arrayValue?.first { $0["id"] == "broken-crashes" }
        XCTAssertEqual(status?["status"], "enabled", plugins.body)
        XCTAssertEqual(status?["isolation"], "process", plugins.body)
        XCTAssertEqual(status?["crashes"], 1, plugins.body)
        XCTAssertTrue(status?["last_crash"]?.stringValue?.contains("signal 11") == true, plugins.body)
        XCTAssertEqual(status?["quarantined"], false, plugins.body)
        let slack = plugins.json["data"]?.arrayValue?.first { $0["id"] == "slack" }
        XCTAssertEqual(slack?["isolation"], "in_process", plugins.body)
        XCTAssertEqual(slack?["crashes"], 0, plugins.body)
    }

    func testCallsThatArriveWhileTheWorkerRestartsWaitForIt() async throws {
        try await start(isolated: ["BrokenPluginCrashes"])
        let crashes = try await connect("broken-crashes")
        let first = try await invoke(crashes, "ping")
        XCTAssertEqual(first.status, 200, first.body)

        // Only the call in flight at the crash fails; the worker restarts after a backoff
        // (100 ms for a first crash), and the calls sent meanwhile wait for it.
        let crashed = try await invoke(crashes, "crash")
        XCTAssertEqual(crashed.errorCode, "plugin_crashed", crashed.body)
        let (host, key) = (host!, key!)
        let replies = try await withThrowingTaskGroup(of: TestHost.Reply.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await host.request("POST", "/v1/connections/\(crashes)/actions/ping/invoke", key: key, json: ["input": [:]])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for reply in replies {
            XCTAssertEqual(reply.status, 200, "a call made while the worker restarted: \(reply.body)")
        }
    }

    func testACallWaitingForARestartingWorkerEndsAtItsDeadline() async throws {
        // The worker runs behind a script that makes every start after the first take 3 s.
        let scratch = NSTemporaryDirectory() + "patchbay-slow-restart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let script = scratch + "/worker.sh"
        try """
            #!/bin/sh
            if [ -e '\(scratch)/started' ]; then sleep 3; else touch '\(scratch)/started'; fi
            exec '\(BuildProducts.directory)/patchbay-plugin-worker' "$@"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        let clock = ManualClock()
        host = try await TestHost.start(plugins: [], pluginTimeout: .milliseconds(800), clock: clock)
        key = try await host.key()
        let status = host.patchbay.registry.load(path: try BuildProducts.plugin("BrokenPluginCrashes"), isolation: .process(worker: script))
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        defer { host.patchbay.registry.stopWorkers() }
        let crashes = try await connect("broken-crashes")

        let crashed = try await invoke(crashes, "crash")
        XCTAssertEqual(crashed.errorCode, "plugin_crashed", crashed.body)
        // Past the crashed call's deadline its watcher ends, so the next call's deadline is watched anew.
        clock.advance(by: .milliseconds(800))
        // The call waits for the next worker, and its deadline on the host's clock.
        let waited = try await host.invokeUntilItsDeadline(crashes, "ping", key: key, clock: clock, deadline: .milliseconds(800))
        // Answered while the worker is still 3 s from starting: the call did not wait for it.
        XCTAssertEqual(waited.errorCode, "plugin_timeout", "a call waits for the worker no longer than its deadline: \(waited.body)")

        let again = try await eventually(crashes, "ping", seconds: 15)
        XCTAssertEqual(again.status, 200, again.body)
    }

    func testAPluginThatKeepsCrashingIsQuarantinedWithTheReason() async throws {
        try await start(isolated: ["BrokenPluginCrashes"])
        let crashes = try await connect("broken-crashes")
        for attempt in 1...3 {
            if attempt > 1 { _ = try await eventually(crashes, "ping") }
            let crashed = try await invoke(crashes, "crash")
            XCTAssertEqual(crashed.errorCode, "plugin_crashed", "crash \(attempt): \(crashed.body)")
        }
        try await eventually("the third crash quarantines the plugin") { [host, key] in
            let plugins = try? await host!.request("GET", "/v1/plugins", key: key!)
            return plugins?.json["data"]?.arrayValue?.first { $0["id"] == "broken-crashes" }?["status"] == "disabled"
        }
        let refused = try await invoke(crashes, "ping")
        XCTAssertEqual(refused.status, 502, refused.body)
        XCTAssertEqual(refused.errorCode, "plugin_quarantined")

        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        let status = plugins.json["data"]?.arrayValue?.first { $0["id"] == "broken-crashes" }
        XCTAssertEqual(status?["status"], "disabled", plugins.body)
        XCTAssertTrue(status?["reason"]?.stringValue?.contains("quarantined after 3 crashes") == true, plugins.body)
        XCTAssertEqual(status?["quarantined"], true, plugins.body)
        XCTAssertEqual(status?["crashes"], 3, plugins.body)
        XCTAssertEqual(status?["isolation"], "process", plugins.body)
        try await slackStillWorks()
    }

    func testAHungCallInAWorkerTimesOutAndTheWorkerStaysUsable() async throws {
        let clock = ManualClock()
        // The ping action declares timeout_ms 200, which replaces the host's 10 s.
        try await start(isolated: ["BrokenPluginHangs"], clock: clock)
        let hangs = try await connect("broken-hangs")
        for _ in 0..<2 {
            // The call is in flight, its deadline asleep on the host's clock.
            let reply = try await host.invokeUntilItsDeadline(hangs, "ping", key: key, clock: clock, deadline: .milliseconds(200))
            XCTAssertEqual(reply.status, 502, reply.body)
            XCTAssertEqual(reply.errorCode, "plugin_timeout")
        }
        try await slackStillWorks()
    }

    func testAPluginTheWorkerRefusesIsListedWithTheLoadersReason() async throws {
        try await start(isolated: ["BrokenPluginWrongMajor"])
        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        let refused = plugins.json["data"]?.arrayValue?.first { $0["path"]?.stringValue?.hasSuffix("libBrokenPluginWrongMajor.so") == true }
        XCTAssertEqual(refused?["status"], "disabled", plugins.body)
        XCTAssertTrue(refused?["reason"]?.stringValue?.contains("ABI major mismatch") == true, plugins.body)
        XCTAssertEqual(refused?["isolation"], "process", plugins.body)
        XCTAssertEqual(refused?["quarantined"], false, plugins.body)
        try await slackStillWorks()
    }
}
