import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PatchbayClock
import PatchbayFakes
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// Plugins loaded in the host process that misbehave without crashing: each fault becomes a
/// clear error on its own call, is recorded, and leaves the other providers serving. The host's
/// clock is moved by hand, so a call's deadline passes when the test says so.
final class PluginFaultTests: XCTestCase {
    var host: TestHost!
    var key: String!
    let clock = ManualClock()

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "BrokenPluginHangs", "BrokenPluginInvalidJSON", "BrokenPluginCompletesTwice"],
                                        pluginTimeout: .seconds(10), clock: clock)
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
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

    private func slackStillWorks() async throws {
        let slack = try await connect("slack", credentials: ["bot_token": .string(FakeSlack.sandboxToken)])
        let reply = try await invoke(slack, "auth_test")
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    func testAnActionsOwnTimeoutAppliesInsteadOfTheHosts() async throws {
        let hangs = try await connect("broken-hangs")
        let taken = try Self.callsTakenByHangs()
        let before = taken()
        // The action declares timeout_ms 200; the host's own default here is 10 s. The call's
        // deadline is asleep on the host's clock once the plugin has taken it.
        let reply = try await host.invokeUntilItsDeadline(hangs, "ping", key: key, clock: clock, deadline: .milliseconds(200)) {
            try await eventually("the plugin to take the call") { taken() > before }
        }
        XCTAssertEqual(reply.status, 502, reply.body)
        XCTAssertEqual(reply.errorCode, "plugin_timeout")
        XCTAssertTrue(reply.json["error"]?["message"]?.stringValue?.contains("0.2 seconds") == true, reply.body)
        let executions = try await host.request("GET", "/v1/executions?connection_id=\(hangs)", key: key)
        XCTAssertEqual(executions.json["data"]?.arrayValue?.map { $0["status"] }, ["failed"], "answered once: \(executions.body)")
        try await slackStillWorks()
    }

    func testAShortDeadlineIsKeptWhileALongerOneIsWaiting() async throws {
        let hangs = try await connect("broken-hangs")
        // A connection test runs the plugin's check under the host's 10 s timeout, so a deadline
        // 10 s away is being watched when the 200 ms action call starts.
        let taken = try Self.callsTakenByHangs()
        let before = taken()
        let tested = ManagedFlag()
        let check = Task { [host, key] in
            defer { tested.set() }
            return try await host!.request("POST", "/v1/connections/\(hangs)/test", key: key)
        }
        defer { check.cancel() }
        // The plugin has the connection test, so the host is watching its deadline.
        try await eventually("the plugin to take the connection test") { taken() > before }
        let call = Task { [host, key] in
            try await host!.request("POST", "/v1/connections/\(hangs)/actions/ping/invoke", key: key, json: ["input": [:]])
        }
        defer { call.cancel() }
        try await eventually("the plugin to take the action call") { taken() > before + 1 }

        clock.advance(by: .milliseconds(200))
        let reply = try await call.value
        XCTAssertEqual(reply.errorCode, "plugin_timeout", "the later deadline held up the earlier one: \(reply.body)")
        XCTAssertFalse(tested.isSet, "the connection test ended with the action's deadline")

        // The connection test's own deadline still holds, and ends it in its turn.
        clock.advance(by: .seconds(10) - .milliseconds(200))
        let outcome = try await check.value
        XCTAssertEqual(outcome.status, 200, outcome.body)
        XCTAssertEqual(outcome.json["success"], false, outcome.body)
        XCTAssertTrue(outcome.json["message"]?.stringValue?.contains("10.0 seconds") == true, outcome.body)
    }

    /// The count of calls the hangs plugin has taken, which its library exports: one library
    /// serves every host in this process, so the count is read from it rather than from a host.
    private static func callsTakenByHangs() throws -> @convention(c) () -> UInt64 {
        let path = try BuildProducts.plugin("BrokenPluginHangs")
        guard let library = dlopen(path, RTLD_NOW | RTLD_NOLOAD), let symbol = dlsym(library, "broken_hangs_calls_taken") else {
            throw TestHostError.unexpected("the hangs plugin is not loaded or exports no call count")
        }
        // The handle stays open: the host keeps the library loaded for the rest of the process anyway.
        return unsafeBitCast(symbol, to: (@convention(c) () -> UInt64).self)
    }

    func testCompletionsThatAreNotJSONBecomeClearErrorsOnTheirOwnCalls() async throws {
        let broken = try await connect("broken-invalid-json")
        let output = try await invoke(broken, "ping")
        XCTAssertEqual(output.status, 502, output.body)
        XCTAssertEqual(output.errorCode, "invalid_output")
        let failure = try await invoke(broken, "fail")
        XCTAssertEqual(failure.status, 502, failure.body)
        XCTAssertEqual(failure.errorCode, "plugin_error")
        XCTAssertTrue(failure.json["error"]?["message"]?.stringValue?.contains("unreadable error: not valid JSON") == true, failure.body)

        let executions = try await host.request("GET", "/v1/executions?connection_id=\(broken)", key: key)
        XCTAssertEqual(executions.json["data"]?.arrayValue?.map { $0["status"] }, ["failed", "failed"], executions.body)
        try await slackStillWorks()
    }

    func testASecondCompletionIsDroppedAndTheFirstAnswerStands() async throws {
        let twice = try await connect("broken-completes-twice")
        // One channel per library per process: count from here, other tests may have called it.
        let plugin = try XCTUnwrap(host.patchbay.registry.plugin("broken-completes-twice"))
        let before = plugin.ignoredCompletions
        for _ in 0..<3 {
            let reply = try await invoke(twice, "ping")
            XCTAssertEqual(reply.status, 200, reply.body)
            XCTAssertEqual(reply.json["output"]?["pong"], true)
        }
        XCTAssertEqual(plugin.ignoredCompletions - before, 3)
        try await slackStillWorks()
    }

    func testAnActionTimeoutOutsideTheAllowedRangeIsAManifestError() throws {
        var manifest = try XCTUnwrap(host.patchbay.registry.plugin("slack")?.manifest)
        manifest.actions[0].timeoutMs = 0
        manifest.actions[1].timeoutMs = ActionSpec.maxTimeoutMs + 1
        let problems = ManifestValidator.problems(in: manifest).map(\.path)
        XCTAssertTrue(problems.contains("actions[0].timeout_ms"), "\(problems)")
        XCTAssertTrue(problems.contains("actions[1].timeout_ms"), "\(problems)")
        manifest.actions[0].timeoutMs = 30_000
        manifest.actions[1].timeoutMs = nil
        XCTAssertTrue(ManifestValidator.problems(in: manifest).isEmpty)
    }
}
