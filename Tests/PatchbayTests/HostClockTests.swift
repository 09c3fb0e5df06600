import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayModel
@testable import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// A host started on a `ManualClock` has all its time on it: token refresh and its lease,
/// retention's cut-offs and heartbeats' staleness move only when the clock does, and each
/// happens at its due time, not a millisecond before.
final class HostClockTests: XCTestCase {
    let clock = ManualClock()
    var host: TestHost?

    override func tearDown() async throws {
        try await host?.stop()
    }

    /// A host on `clock` with a Slack connection whose access token lives an hour.
    private func startWithAnHourLongSlackToken() async throws -> (TestHost, key: String, FakeOAuth, id: String) {
        let host = try await TestHost.start(clock: clock)
        self.host = host
        let key = try await host.key()
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(3600)
        return (host, key, fake, try await host.connectWithOAuth("slack", key: key, fake: fake))
    }

    private func invoke(_ id: String, on host: TestHost, key: String) async throws -> TestHost.Reply {
        try await TokenRefreshTests.invoke(id, on: host, key: key)
    }

    /// A token is refreshed ahead of use once less than `TokenRefresher.refreshAhead` of its
    /// life is left by the host's clock.
    func testATokenIsRefreshedOnceTheHostClockEntersItsRefreshMargin() async throws {
        let (host, key, fake, id) = try await startWithAnHourLongSlackToken()
        let first = try XCTUnwrap(fake.lastAccessToken)

        // Exactly `refreshAhead` left: still used as it is.
        clock.advance(by: .milliseconds(3_600_000 - TokenRefresher.refreshAhead))
        let before = try await invoke(id, on: host, key: key)
        XCTAssertEqual(before.status, 200, before.body)
        XCTAssertEqual(fake.refreshCount, 0, "refreshed before its margin")
        clock.advance(by: .milliseconds(1))
        let at = try await invoke(id, on: host, key: key)
        XCTAssertEqual(at.status, 200, at.body)
        XCTAssertEqual(fake.refreshCount, 1)
        XCTAssertNotEqual(fake.lastAccessToken, first)
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(try XCTUnwrap(fake.lastAccessToken))")
    }

    /// A refresh lease left by a replica that died is taken over by a waiting call at its first
    /// look after the lease ran out, on the host's clock: it does not look again before then.
    func testARefreshLeaseIsTakenOverAtTheFirstLookAfterItRunsOut() async throws {
        let (host, key, fake, id) = try await startWithAnHourLongSlackToken()
        clock.advance(by: .milliseconds(3_600_000 - TokenRefresher.refreshAhead + 1))

        // The dead replica's lease is good for 999 ms more; the call looks again after 1 s.
        let now = clock.wallMillis
        let taken = try await host.patchbay.store.acquireRefreshLease(connectionID: id, owner: "dead-replica", now: now, until: now + 999)
        XCTAssertTrue(taken)
        let call = Task { try await TokenRefreshTests.invoke(id, on: host, key: key) }
        try await clock.sleepers(atLeast: 1)
        clock.advance(by: TokenRefresher.recheckInterval - .milliseconds(1))
        XCTAssertEqual(clock.sleeperCount, 1, "the waiting call looked again before its recheck was due")
        XCTAssertEqual(fake.refreshCount, 0)
        clock.advance(by: .milliseconds(1))
        let reply = try await call.value
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(fake.refreshCount, 1, "the lease was taken over and the token refreshed")
    }

    /// Retention prunes an execution at the first pass at which it is more than
    /// `executionDays` old by the host's clock.
    func testRetentionPrunesAnExecutionOnceTheHostClockPassesItsCutOff() async throws {
        var retention = RetentionSettings()
        retention.executionDays = 7
        // A pass at every move of the clock, so the pass runs at the exact times the test sets.
        retention.interval = .milliseconds(1)
        let host = try await TestHost.start(retention: retention, clock: clock)
        self.host = host
        let key = try await host.key()
        let slack = try await host.connectSlack(key: key)
        let invoked = try await host.request("POST", "/v1/connections/\(slack)/actions/post_message/invoke", key: key,
                                             json: ["input": ["channel": "#general", "text": "kept for a week"]])
        XCTAssertEqual(invoked.status, 200, invoked.body)
        let id = try XCTUnwrap(invoked.json["id"]?.stringValue)

        let pruning = Task { try await host.patchbay.retention.run() }
        try await clock.sleepers(atLeast: 1)
        clock.advance(by: .milliseconds(7 * 86_400_000))
        try await clock.sleepers(atLeast: 1)
        let kept = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(kept.status, 200, "pruned at the cut-off itself: \(kept.body)")
        clock.advance(by: .milliseconds(1))
        try await clock.sleepers(atLeast: 1)
        let pruned = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(pruned.status, 404, pruned.body)
        pruning.cancel()
        _ = await pruning.result
    }

    /// Another replica's running calls are marked interrupted by the heartbeat at which its own
    /// heartbeat is older than `instanceTimeout` by the host's clock; one a millisecond younger
    /// is left alone.
    func testAnotherInstanceIsGoneOnceItsHeartbeatIsOlderThanTheTimeout() async throws {
        // Other replicas open the same SQLite file.
        let host = try await TestHost.start(store: .sqlite, clock: clock)
        self.host = host
        let key = try await host.key()
        let slack = try await host.connectSlack(key: key)
        let account = try await host.patchbay.apiKeys.authenticate(key).accountID
        let settings = host.patchbay.settings
        let heartbeat = Millis(settings.instanceHeartbeat / .milliseconds(1))
        let timeout = Millis(settings.instanceTimeout / .milliseconds(1))

        let instance = host.patchbay.instance
        await instance.start()
        let beating = Task { try await instance.run() }
        try await clock.sleepers(atLeast: 1)
        // At the next beat, one replica's heartbeat is exactly the timeout old, the other's 1 ms older.
        let nextBeat = clock.wallMillis + heartbeat
        var executions: [String: String] = [:]
        for (name, heartbeatAt) in [("exactly", nextBeat - timeout), ("older", nextBeat - timeout - 1)] {
            let replica = try SQLiteStore(path: host.dataDirectory + "/patchbay.sqlite", clock: clock)
            let execution = ExecutionRecord(id: "exec_\(name)", accountID: account, connectionID: slack, provider: "slack",
                                            action: "post_message", status: .running, startedAt: clock.wallMillis)
            try await replica.insertExecution(execution, durability: .onDisk)
            try await replica.saveHostInstance(HostInstanceRecord(id: replica.instanceID, machine: "another-machine", pid: 1,
                                                                  startedAt: heartbeatAt, heartbeatAt: heartbeatAt))
            executions[name] = execution.id
        }
        let status = { (name: String) async throws -> ExecutionRecord.Status? in
            try await host.patchbay.store.execution(id: executions[name] ?? "", accountID: account)?.status
        }

        clock.advance(by: .milliseconds(heartbeat - 1))
        XCTAssertEqual(clock.sleeperCount, 1, "a heartbeat came before it was due")
        let early = try await status("older")
        XCTAssertEqual(early, .running)
        clock.advance(by: .milliseconds(1))
        try await clock.sleepers(atLeast: 1)
        let exactly = try await status("exactly")
        let older = try await status("older")
        XCTAssertEqual(exactly, .running, "a heartbeat exactly the timeout old is not stale")
        XCTAssertEqual(older, .interrupted)
        beating.cancel()
        _ = await beating.result
    }
}
