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

    /// Calls the plugin's `crash` action, which ends its worker.
    private func crash(_ connection: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let crashed = try await invoke(connection, "crash")
        XCTAssertEqual(crashed.status, 502, crashed.body, file: file, line: line)
        XCTAssertEqual(crashed.errorCode, "plugin_crashed", crashed.body, file: file, line: line)
    }

    /// The crashed worker's restart is asleep on `clock` for exactly `backoff`: 1 ms before it
    /// runs out a ping still waits for a worker, and once it has, the new worker answers it.
    private func restarts(after backoff: Duration, _ connection: String, clock: ManualClock,
                          file: StaticString = #filePath, line: UInt = #line) async throws {
        try await clock.sleeper(dueIn: backoff)
        clock.advance(by: backoff - .milliseconds(1))
        let parked = clock.sleeperCount
        let answered = ManagedFlag()
        let (host, key) = (host!, key!)
        let ping = Task {
            defer { answered.set() }
            return try await host.request("POST", "/v1/connections/\(connection)/actions/ping/invoke", key: key, json: ["input": [:]])
        }
        defer { ping.cancel() }
        // The ping's deadline is asleep on the clock beside the backoff.
        try await clock.sleepers(atLeast: parked + 1)
        XCTAssertTrue(clock.sleepersDueIn.contains(.milliseconds(1)), "the restart no longer waited 1 ms before its backoff ran out",
                      file: file, line: line)
        XCTAssertFalse(answered.isSet, "a worker answered before the backoff ran out", file: file, line: line)
        clock.advance(by: .milliseconds(1))
        let reply = try await ping.value
        XCTAssertEqual(reply.status, 200, "the worker did not come back: \(reply.body)", file: file, line: line)
    }

    /// The plugin's line of `GET /v1/plugins`.
    private func status(of id: String) async throws -> JSONValue? {
        let plugins = try await host.request("GET", "/v1/plugins", key: key)
        return plugins.json["data"]?.arrayValue?.first { $0["id"]?.stringValue == id }
    }

    private func slackStillWorks() async throws {
        let slack = try await connect("slack", credentials: ["bot_token": .string(FakeSlack.sandboxToken)])
        let reply = try await invoke(slack, "auth_test")
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    func testACrashFailsOnlyItsCallAndTheWorkerComesBackAfterTheFirstBackoff() async throws {
        let clock = ManualClock()
        try await start(isolated: ["BrokenPluginCrashes"], clock: clock)
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
        try await restarts(after: .milliseconds(100), crashes, clock: clock)
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
        let clock = ManualClock()
        try await start(isolated: ["BrokenPluginCrashes"], clock: clock)
        let crashes = try await connect("broken-crashes")
        let first = try await invoke(crashes, "ping")
        XCTAssertEqual(first.status, 200, first.body)

        // Only the call in flight at the crash fails; the worker restarts after a backoff
        // (100 ms for a first crash), and the calls sent meanwhile wait for it.
        try await crash(crashes)
        try await clock.sleeper(dueIn: .milliseconds(100))
        let parked = clock.sleeperCount
        let (host, key) = (host!, key!)
        let calls = Task {
            try await withThrowingTaskGroup(of: TestHost.Reply.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await host.request("POST", "/v1/connections/\(crashes)/actions/ping/invoke", key: key, json: ["input": [:]])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        // Waiting for the worker, their deadlines asleep on the clock.
        try await clock.sleepers(atLeast: parked + 1)
        clock.advance(by: .milliseconds(100))
        let replies = try await calls.value
        XCTAssertEqual(replies.count, 5)
        for reply in replies {
            XCTAssertEqual(reply.status, 200, "a call made while the worker restarted: \(reply.body)")
        }
    }

    func testACallWaitingForARestartingWorkerEndsAtItsDeadline() async throws {
        // Every start of the worker after the first waits at a gate the test opens.
        let worker = try GatedWorker { waitAtGate, worker in
            """
            started="$(dirname "$0")/started"
            if [ -e "$started" ]; then \(waitAtGate); else touch "$started"; fi
            exec '\(worker)' "$@"
            """
        }
        defer { worker.remove() }
        let clock = ManualClock()
        host = try await TestHost.start(plugins: [], pluginTimeout: .milliseconds(800), clock: clock)
        key = try await host.key()
        let status = host.patchbay.registry.load(path: try BuildProducts.plugin("BrokenPluginCrashes"),
                                                 isolation: .process(worker: worker.path))
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        defer { host.patchbay.registry.stopWorkers() }
        let crashes = try await connect("broken-crashes")

        try await crash(crashes)
        // The backoff runs out and the next worker starts, held at the gate.
        try await clock.sleeper(dueIn: .milliseconds(100))
        clock.advance(by: .milliseconds(100))
        // The call waits for the next worker, and its deadline on the host's clock.
        let waited = try await host.invokeUntilItsDeadline(crashes, "ping", key: key, clock: clock, deadline: .milliseconds(800))
        // Answered while the worker is still held: the call did not wait for it.
        XCTAssertEqual(waited.errorCode, "plugin_timeout", "a call waits for the worker no longer than its deadline: \(waited.body)")

        worker.open()
        // This one waits for the worker as it comes up, within its deadline, which the clock leaves be.
        let again = try await invoke(crashes, "ping")
        XCTAssertEqual(again.status, 200, again.body)
    }

    /// Crashes the plugin, waits out the first backoff (100 ms), crashes it again and waits out
    /// the doubled one (200 ms), then crashes it a third time `sinceFirst` after the first crash.
    private func crashThrice(_ connection: String, thirdAfter sinceFirst: Duration, clock: ManualClock) async throws {
        try await crash(connection)
        try await restarts(after: .milliseconds(100), connection, clock: clock)
        try await crash(connection)
        try await restarts(after: .milliseconds(200), connection, clock: clock)
        clock.advance(by: sinceFirst - .milliseconds(300))
        try await crash(connection)
    }

    func testThreeCrashesWithinAMinuteQuarantineThePluginWithTheReason() async throws {
        let clock = ManualClock()
        try await start(isolated: ["BrokenPluginCrashes"], clock: clock)
        let crashes = try await connect("broken-crashes")
        // The third crash 1 ms before the first leaves the window of 60 s.
        try await crashThrice(crashes, thirdAfter: .seconds(60) - .milliseconds(1), clock: clock)
        // Counted before the crashed call was answered: no wait for the status to catch up.
        let status = try await status(of: "broken-crashes")
        XCTAssertEqual(status?["status"], "disabled", "\(String(describing: status))")
        XCTAssertTrue(status?["reason"]?.stringValue?.contains("quarantined after 3 crashes") == true, "\(String(describing: status))")
        XCTAssertEqual(status?["quarantined"], true)
        XCTAssertEqual(status?["crashes"], 3)
        XCTAssertEqual(status?["isolation"], "process")
        let refused = try await invoke(crashes, "ping")
        XCTAssertEqual(refused.status, 502, refused.body)
        XCTAssertEqual(refused.errorCode, "plugin_quarantined")
        try await slackStillWorks()
    }

    func testCrashesSpreadOverMoreThanAMinuteDoNotQuarantineThePlugin() async throws {
        let clock = ManualClock()
        try await start(isolated: ["BrokenPluginCrashes"], clock: clock)
        let crashes = try await connect("broken-crashes")
        // The third crash comes as the first leaves the window: two crashes are in it.
        try await crashThrice(crashes, thirdAfter: .seconds(60), clock: clock)
        let status = try await status(of: "broken-crashes")
        XCTAssertEqual(status?["status"], "enabled", "\(String(describing: status))")
        XCTAssertEqual(status?["quarantined"], false)
        XCTAssertEqual(status?["crashes"], 3, "every crash since the plugin loaded")
        // The backoff follows the crashes in the window: the second step again.
        try await restarts(after: .milliseconds(200), crashes, clock: clock)
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
