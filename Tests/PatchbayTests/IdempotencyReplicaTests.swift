import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Two hosts on one PostgreSQL database, as two replicas behind a load balancer: a retry that
/// lands on the other replica while the first call still runs waits for it there, and gets its
/// answer; the fake Slack is called once.
final class IdempotencyReplicaTests: XCTestCase {
    var first: TestHost!
    var second: TestHost!
    /// Both replicas' (the second keeps the first's): the waiting retry is seen asleep on it.
    let clock = ManualClock()

    private func start(sharedNotifier: Bool) async throws {
        first = try await TestHost.start(store: .postgres, clock: clock)
        second = try await TestHost.start(reusing: first, sharedNotifier: sharedNotifier)
    }

    override func tearDown() async throws {
        // The replica shares the first host's data directory and fakes, which `stop` removes.
        try await second?.stopServer()
        try await first?.stop()
    }

    func testARetryOnAnotherReplicaWaitsForTheFirstAndGetsItsAnswer() async throws {
        try await start(sharedNotifier: true)
        try await retryOnTheOtherReplica(notified: true)
    }

    /// Every notification between the replicas lost: the waiting retry still finds the answer
    /// by reading the key's row again.
    func testARetryFindsTheAnswerWithoutANotification() async throws {
        try await start(sharedNotifier: false)
        try await retryOnTheOtherReplica(notified: false)
    }

    /// `notified`: the first's answer reaches the retry through the notifier; otherwise only
    /// its next look at the key finds it.
    private func retryOnTheOtherReplica(notified: Bool) async throws {
        // Locals, so the call left running captures the replicas and not the test case.
        let first = try XCTUnwrap(self.first), second = try XCTUnwrap(self.second)
        let key = try await first.key()
        let slack = try await first.connectSlack(key: key)
        let path = "/v1/connections/\(slack)/actions/post_message/invoke"
        let body: JSONValue = ["input": ["channel": "#general", "text": "once across replicas"]]
        let headers = ["Idempotency-Key": "replica-retry"]
        let fakes = first.fakes
        let postCalls = { fakes.slack.requests.filter { $0.path.hasSuffix("chat.postMessage") }.count }

        let slow = fakes.slack.holdNext()
        defer { slow.release() }
        async let original = first.request("POST", path, key: key, json: body, headers: headers)
        let reached = await slow.waitUntilHolding(1)
        XCTAssertTrue(reached, "the first call did not reach Slack")
        async let retry = second.request("POST", path, key: key, json: body, headers: headers)
        // The retry finds the key taken and sleeps on the clock until its next look at the key.
        let poll = IdempotencySettings().pollInterval
        try await clock.sleeper(dueIn: poll)
        slow.release()
        let answered = try await original
        if !notified {
            XCTAssertTrue(clock.sleepersDueIn.contains(poll), "the retry stopped waiting with no notification and no look due")
            clock.advance(by: poll)
        }
        let retried = try await retry
        XCTAssertEqual(answered.status, 200, answered.body)
        XCTAssertEqual(retried.status, 200, retried.body)
        XCTAssertEqual(retried.headers["idempotent-replayed"], "true")
        XCTAssertEqual(retried.body, answered.body)
        XCTAssertEqual(postCalls(), 1)

        // Later retries get the same answer; another body under the key is refused on either replica.
        let later = try await second.request("POST", path, key: key, json: body, headers: headers)
        XCTAssertEqual(later.json["id"], answered.json["id"])
        let reused = try await first.request("POST", path, key: key, json: ["input": ["channel": "#general", "text": "other"]],
                                             headers: headers)
        XCTAssertEqual(reused.status, 422, reused.body)
        XCTAssertEqual(reused.errorCode, "idempotency_key_reused")
        XCTAssertEqual(fakes.slack.postedMessages.map(\.text), ["once across replicas"])
    }
}
