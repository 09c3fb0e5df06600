import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// Pull long-polls wait on the notifier: one held by a replica is answered as soon as another
/// replica stores an event, and an idle one reads the store only when it starts and ends.
final class PullWakeUpTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var endpointPath: String!
    var githubSecret: String!
    var reader: String!

    /// A host with a GitHub endpoint and an agent subscribed to it, on `clock` if one is given.
    private func start(clock: ManualClock? = nil) async throws {
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], countingStore: true, clock: clock)
        key = try await host.key()
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        endpointPath = "/hooks/github/\(try XCTUnwrap(endpoint["id"]?.stringValue))"
        githubSecret = try XCTUnwrap(endpoint["secret"]?.stringValue)
        reader = try await host.createSubscriber(name: "reader")
        let subscribed = try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                                                json: ["agent_id": .string(reader), "provider": "github"])
        XCTAssertEqual(subscribed.status, 201, subscribed.body)
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    func github(delivery: String) async throws {
        let body = #"{"action":"opened","number":1}"#
        let reply = try await host.send(endpointPath, headers: ProviderWebhooks.github(secret: githubSecret, event: "issues",
                                                                                        delivery: delivery, body: body), body: body)
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    func testALongPollOnOneReplicaIsAnsweredWithin100msOfAnEventStoredOnAnother() async throws {
        // On real time: the goal is a latency, and a poll the notifier failed to wake still ends.
        try await start()
        let replica = try await TestHost.start(plugins: ["PatchbayGitHub"], reusing: host)
        var latencies: [Duration] = []
        var cursor = "0"
        let notifier = try XCTUnwrap(host.patchbay.notifier as? InProcessNotifier)
        for round in 0..<5 {
            let listening = notifier.channelCount
            let (path, key) = ("/v1/agents/\(try XCTUnwrap(reader))/events?cursor=\(cursor)&wait=10", try XCTUnwrap(self.key))
            let poll = Task {
                let reply = try await replica.request("GET", path, key: key)
                return (reply, ContinuousClock.now)
            }
            // The poll listens before it reads, so once it listens it is at most one read from waiting.
            let deadline = ContinuousClock.now + .seconds(10)
            while notifier.channelCount <= listening, ContinuousClock.now < deadline { await Task.yield() }
            XCTAssertGreaterThan(notifier.channelCount, listening, "the poll never listened")
            try await github(delivery: "wake-\(round)")
            let stored = ContinuousClock.now  // acknowledged, so committed
            let (reply, answered) = try await poll.value
            XCTAssertEqual(reply.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, [.string("wake-\(round)")], reply.body)
            cursor = try XCTUnwrap(reply.json["next_cursor"]?.stringValue)
            latencies.append(max(.zero, answered - stored))
        }
        try await replica.stopServer()
        let worst = try XCTUnwrap(latencies.max())
        print("pull long-poll answered after the event was acknowledged: \(latencies.map { $0.formatted(.units(allowed: [.milliseconds])) })")
        // The goal is 100 ms; the margin is for a loaded machine. Without the shared notifier
        // the replica answers only when its 10 s wait is over.
        XCTAssertLessThan(worst, .milliseconds(1000), "\(latencies)")
    }

    func testAnIdleLongPollReadsTheStoreOnlyWhenItStartsAndEnds() async throws {
        // The wait is on the host's clock: held to its last millisecond, answered at its end.
        let clock = ManualClock()
        try await start(clock: clock)
        let store = try XCTUnwrap(host.patchbay.store as? CountingStore)
        let (scansBefore, callsBefore) = (store.calls["webhookEvents"] ?? 0, store.total)
        let answered = ManagedFlag()
        let poll = Task { [host, key, reader] in
            defer { answered.set() }
            return try await host!.request("GET", "/v1/agents/\(reader!)/events?wait=1", key: key!)
        }
        try await clock.sleeper(dueIn: .seconds(1))
        clock.advance(by: .milliseconds(999))
        XCTAssertFalse(answered.isSet, "answered before the wait was over")
        clock.advance(by: .milliseconds(1))
        let reply = try await poll.value
        XCTAssertEqual(reply.json["data"]?.arrayValue?.count, 0, reply.body)
        let scans = (store.calls["webhookEvents"] ?? 0) - scansBefore
        let calls = store.total - callsBefore
        print("store calls during an idle 1 s long-poll: \(calls) (\(scans) event reads)")
        XCTAssertEqual(scans, 2, "one read before the wait and one at its end")
        XCTAssertLessThanOrEqual(calls, 10, "a handful of calls, not one per 20 ms")
        let notifier = try XCTUnwrap(host.patchbay.notifier as? InProcessNotifier)
        XCTAssertEqual(notifier.channelCount, 1, "the answered poll stopped listening: only the host's own listener for revoked keys is left")
        XCTAssertTrue(notifier.isListened(.apiKeyChanged))
    }
}
