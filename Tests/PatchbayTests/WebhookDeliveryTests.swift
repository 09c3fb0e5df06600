import Crypto
import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// Subscriptions and delivery: push to a local agent URL that succeeds, fails, stalls,
/// throttles or goes away; dead letters, retry and replay; secret rotation; pull with a cursor.
/// The host runs on a clock the tests move: a retry, a timeout or the end of a long-poll
/// happens only when a test advances it.
final class WebhookDeliveryTests: XCTestCase {
    var clock: ManualClock!
    var host: TestHost!
    var key: String!
    var admin: String!
    var agent: FakeAgentReceiver!
    var worker: Task<Void, any Error>?
    var endpointPath: String!
    var endpointID: String!
    var githubSecret: String!
    var agentID: String!

    override func setUp() async throws {
        clock = ManualClock()
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], clock: clock)
        key = try await host.key()
        admin = try await host.key(scopes: [.admin])
        agent = try await FakeAgentReceiver.start()
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        endpointPath = "/hooks/github/\(endpointID!)"
        githubSecret = try XCTUnwrap(endpoint["secret"]?.stringValue)
        agentID = try await host.createSubscriber(name: "triage-bot")
    }

    override func tearDown() async throws {
        worker?.cancel()
        _ = await worker?.result
        await agent.stop()
        try await host.stop()
    }

    @discardableResult
    func github(_ event: String, action: String, delivery: String) async throws -> TestHost.Reply {
        let body = #"{"action":"\#(action)","number":1}"#
        let reply = try await host.send(endpointPath, headers: ProviderWebhooks.github(secret: githubSecret, event: event,
                                                                                        delivery: delivery, body: body), body: body)
        XCTAssertEqual(reply.status, 200, reply.body)
        return reply
    }

    func subscribe(_ body: [String: JSONValue]) async throws -> JSONValue {
        let reply = try await host.request("POST", "/v1/webhooks/subscriptions", key: key, json: .object(body))
        guard reply.status == 201 else { throw TestHostError.unexpected("subscribe: \(reply.status) \(reply.body)") }
        return reply.json
    }

    func pushSubscription(events: [String] = []) async throws -> (id: String, secret: String) {
        let created = try await subscribe(["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "url": .string(agent.url),
                                           "events": .array(events.map(JSONValue.string))])
        return (try XCTUnwrap(created["id"]?.stringValue), try XCTUnwrap(created["secret"]?.stringValue))
    }

    func deliveries(_ query: String = "") async throws -> [JSONValue] {
        try await host.request("GET", "/v1/webhooks/deliveries?\(query)", key: admin).json["data"]?.arrayValue ?? []
    }

    func waitForDeliveries(_ query: String = "", until condition: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        try await host.waitForDeliveries(key: admin, query, until: condition)
    }

    /// Waits until the delivery worker has leased, found nothing to send and parked on the
    /// notifier: whatever it was woken for has been sent or found not to be sendable.
    func waitForIdleWorker() async throws {
        let notifier = try XCTUnwrap(host.patchbay.notifier as? InProcessNotifier)
        try await eventually("the delivery worker to wait") { notifier.waitingChannels.contains(.deliveriesDue) }
    }

    /// Waits until the worker is idle and asleep on the clock until its next retry or sweep,
    /// so that advancing the clock is what decides whether it sends again.
    func waitForParkedWorker() async throws {
        try await waitForIdleWorker()
        try await clock.sleepers(atLeast: 1)
    }

    /// Moves the clock on by `step` each time the worker parks, until the agent has received
    /// `count` requests: retries come due without the test waiting for them.
    func advanceUntilReceived(_ count: Int, step: Duration = .seconds(2)) async throws {
        for _ in 0..<20 where agent.requests.count < count {
            try await waitForParkedWorker()
            clock.advance(by: step)
            _ = await agent.waitForRequests(agent.requests.count + 1)
        }
    }

    /// Checks a delivery's Standard Webhooks signature with `secret`, as a receiver would.
    func verifies(_ request: RecordedRequest, secret: String) -> Bool {
        guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
              let signatures = request.headers["webhook-signature"] else { return false }
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let expected = "v1," + Data(HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(request.body)".utf8), using: key))
            .base64EncodedString()
        return signatures.split(separator: " ").contains { $0 == expected }
    }

    // MARK: Push

    func testPushDeliversSignedEventsThatMatchTheFilter() async throws {
        let (_, secret) = try await pushSubscription(events: ["github.issues.*"])
        worker = host.startDeliveryWorker()
        try await github("issues", action: "opened", delivery: "g-1")
        try await github("pull_request", action: "opened", delivery: "g-2")
        let received = await agent.waitForRequests(1)
        XCTAssertEqual(received.count, 1)
        let request = try XCTUnwrap(received.first)
        XCTAssertTrue(request.headers["webhook-id"]?.hasPrefix("msg_") == true)
        XCTAssertNotNil(Int(request.headers["webhook-timestamp"] ?? ""))
        XCTAssertTrue(verifies(request, secret: secret), "signed per Standard Webhooks")
        XCTAssertFalse(verifies(request, secret: StandardWebhooksSecret.other))
        let payload = try WireCoding.decode(JSONValue.self, from: Data(request.body.utf8))
        XCTAssertEqual(payload["type"], "github.issues.opened")
        XCTAssertEqual(payload["provider_event_id"], "g-1")
        XCTAssertEqual(payload["data"]?["action"], "opened")
        let done = try await waitForDeliveries { $0.first?["status"] == "succeeded" }
        XCTAssertEqual(done.count, 1, "the pull_request event matched no pattern")
        XCTAssertEqual(done.first?["id"]?.stringValue, request.headers["webhook-id"])
    }

    /// The worker sleeps until its sweep interval unless the notifier wakes it; an event with a
    /// push delivery must wake it, so a long interval adds no latency.
    func testAnEventWithAPushDeliveryWakesTheWorkerAtOnce() async throws {
        _ = try await pushSubscription(events: ["github.issues.*"])
        worker = host.startDeliveryWorker { $0.sweepInterval = .seconds(60) }
        try await waitForIdleWorker()  // the worker has found nothing and waits
        try await github("pull_request", action: "opened", delivery: "g-wake-0")  // no delivery: nothing to wake it for
        try await github("issues", action: "opened", delivery: "g-wake-1")
        let received = await agent.waitForRequests(1, timeout: .seconds(5))
        XCTAssertEqual(received.count, 1, "the delivery waited for the 60 s sweep")
    }

    /// A retry the worker scheduled wakes it when it comes due, without a notification and
    /// long before the sweep.
    func testAWorkerWakesForItsOwnRetryWithoutWaitingForTheSweep() async throws {
        _ = try await pushSubscription()
        agent.script([FakeAgentReceiver.Answer(status: 500)], otherwise: FakeAgentReceiver.Answer(status: 200))
        worker = host.startDeliveryWorker { $0.sweepInterval = .seconds(60) }
        try await github("issues", action: "opened", delivery: "g-own-retry")
        _ = await agent.waitForRequests(1)
        XCTAssertEqual(agent.requests.count, 1)
        try await waitForParkedWorker()
        // The first retry is due 25 to 50 ms after the failure (half of the 50 ms base, plus jitter).
        clock.advance(by: .milliseconds(24))
        XCTAssertEqual(clock.sleeperCount, 1, "the worker woke before its retry was due")
        clock.advance(by: .milliseconds(26))
        let received = await agent.waitForRequests(2)
        XCTAssertEqual(received.count, 2, "the retry waited for the 60 s sweep")
    }

    func testFailuresAreRetriedWithTheSameWebhookIdAndRetryAfterIsHonoured() async throws {
        _ = try await pushSubscription()
        agent.script([FakeAgentReceiver.Answer(status: 500),
                      FakeAgentReceiver.Answer(status: 200, delay: .seconds(60)),  // past the 30 s delivery timeout
                      FakeAgentReceiver.Answer(status: 429, headers: ["Retry-After": "1"])],
                     otherwise: FakeAgentReceiver.Answer(status: 200))
        worker = host.startDeliveryWorker {
            $0.deliveryTimeout = .seconds(30)
            $0.sweepInterval = .seconds(60)
        }
        try await github("issues", action: "closed", delivery: "g-3")
        _ = await agent.waitForRequests(1)
        XCTAssertEqual(agent.requests.count, 1)
        try await waitForParkedWorker()
        clock.advance(by: .milliseconds(50))  // the first retry's latest due time
        _ = await agent.waitForRequests(2)
        XCTAssertEqual(agent.requests.count, 2)
        // The stalled answer: the delivery timeout is the one sleeper until it runs out.
        try await clock.sleepers(atLeast: 1)
        clock.advance(by: .milliseconds(29_999))
        XCTAssertEqual(clock.sleeperCount, 1, "the delivery timed out early")
        clock.advance(by: .milliseconds(1))
        try await waitForParkedWorker()
        clock.advance(by: .milliseconds(100))  // the second retry's latest due time
        _ = await agent.waitForRequests(3)
        XCTAssertEqual(agent.requests.count, 3)
        try await waitForParkedWorker()
        // Retry-After: 1 holds the next attempt back for a whole second of the host's clock.
        clock.advance(by: .milliseconds(999))
        XCTAssertEqual(clock.sleeperCount, 1, "Retry-After: 1 was not honoured")
        clock.advance(by: .milliseconds(1))
        let received = await agent.waitForRequests(4)
        XCTAssertEqual(received.count, 4)
        XCTAssertEqual(Set(received.compactMap { $0.headers["webhook-id"] }).count, 1, "every attempt carries the same webhook-id")
        let delivery = try await waitForDeliveries { $0.first?["status"] == "succeeded" }
        let id = try XCTUnwrap(delivery.first?["id"]?.stringValue)
        let detail = try await host.request("GET", "/v1/webhooks/deliveries/\(id)", key: admin)
        let attempts = try XCTUnwrap(detail.json["attempts_detail"]?.arrayValue)
        XCTAssertEqual(attempts.map { $0["status_code"] }, [500, .null, 429, 200])
        XCTAssertEqual(attempts[1]["error"], "timed out")
        let times = attempts.compactMap { $0["attempted_at"]?.stringValue }.compactMap(Self.parseTime)
        XCTAssertEqual(times[3].timeIntervalSince(times[2]), 1, accuracy: 0.001, "Retry-After: 1 waited a second")
    }

    func testGoneDisablesTheSubscriptionAndEnablingResumesIt() async throws {
        let (subscription, _) = try await pushSubscription()
        agent.script([FakeAgentReceiver.Answer(status: 410)])
        worker = host.startDeliveryWorker()
        try await github("issues", action: "opened", delivery: "g-4")
        _ = try await waitForDeliveries { $0.first?["status"] == "dead" }
        let stopped = try await host.request("GET", "/v1/webhooks/subscriptions/\(subscription)", key: key)
        XCTAssertEqual(stopped.json["status"], "disabled")
        XCTAssertNotEqual(stopped.json["disabled_reason"], .null)

        // A gone agent is sent nothing more until its subscription is enabled again.
        try await github("issues", action: "edited", delivery: "g-5")
        try await waitForIdleWorker()  // woken by the event, it found nothing to send
        XCTAssertEqual(agent.requests.count, 1)
        let enabled = try await host.request("POST", "/v1/webhooks/subscriptions/\(subscription)/enable", key: key)
        XCTAssertEqual(enabled.json["status"], "active")
        try await github("issues", action: "reopened", delivery: "g-6")
        let received = await agent.waitForRequests(2)
        XCTAssertEqual(received.count, 2)
        XCTAssertTrue(received.last?.body.contains(#""provider_event_id":"g-6""#) == true, received.last?.body ?? "")
    }

    func testDeadLettersCanBeRetriedAndEventsReplayed() async throws {
        let (subscription, _) = try await pushSubscription()
        agent.script([], otherwise: FakeAgentReceiver.Answer(status: 503))
        worker = host.startDeliveryWorker {
            $0.maxAttempts = 3
            $0.deliveryTimeout = .seconds(30)  // longer than the steps the clock is moved by
        }
        try await github("issues", action: "opened", delivery: "g-6")
        try await advanceUntilReceived(3)
        let dead = try await waitForDeliveries("status=dead") { $0.count == 1 }
        XCTAssertEqual(dead.first?["attempts"], 3)
        XCTAssertEqual(dead.first?["last_status_code"], 503)
        XCTAssertEqual(agent.requests.count, 3)
        let deadID = try XCTUnwrap(dead.first?["id"]?.stringValue)

        agent.script([], otherwise: FakeAgentReceiver.Answer(status: 200))
        let retried = try await host.request("POST", "/v1/webhooks/deliveries/\(deadID)/retry", key: admin)
        XCTAssertEqual(retried.status, 202, retried.body)
        _ = try await waitForDeliveries("status=succeeded") { $0.count == 1 }
        XCTAssertEqual(agent.requests.last?.headers["webhook-id"], deadID, "a retry keeps the webhook-id")
        let again = try await host.request("POST", "/v1/webhooks/deliveries/\(deadID)/retry", key: admin)
        XCTAssertEqual(again.status, 409)

        let eventID = try XCTUnwrap(dead.first?["event_id"]?.stringValue)
        let replayed = try await host.request("POST", "/v1/webhooks/events/\(eventID)/replay", key: admin,
                                              json: ["subscription_id": .string(subscription)])
        XCTAssertEqual(replayed.status, 202, replayed.body)
        let replayID = try XCTUnwrap(replayed.json["data"]?.arrayValue?.first?["id"]?.stringValue)
        XCTAssertNotEqual(replayID, deadID, "a replay is a new message")
        let received = await agent.waitForRequests(5)
        XCTAssertEqual(received.last?.headers["webhook-id"], replayID)

        let other = try await host.key(account: "globex", scopes: [.admin])
        let foreignRetry = try await host.request("POST", "/v1/webhooks/deliveries/\(deadID)/retry", key: other)
        XCTAssertEqual(foreignRetry.status, 404)
        let foreignReplay = try await host.request("POST", "/v1/webhooks/events/\(eventID)/replay", key: other)
        XCTAssertEqual(foreignReplay.status, 404)
        let notAdmin = try await host.request("POST", "/v1/webhooks/events/\(eventID)/replay", key: key)
        XCTAssertEqual(notAdmin.status, 403)
    }

    func testRotationSignsWithBothSecretsDuringTheOverlap() async throws {
        let (subscription, old) = try await pushSubscription()
        let rotated = try await host.request("POST", "/v1/webhooks/subscriptions/\(subscription)/rotate-secret", key: key,
                                             json: ["overlap_seconds": 3600])
        let new = try XCTUnwrap(rotated.json["secret"]?.stringValue)
        XCTAssertNotEqual(new, old)
        let shown = try await host.request("GET", "/v1/webhooks/subscriptions/\(subscription)", key: key)
        XCTAssertFalse(shown.body.contains(new))
        worker = host.startDeliveryWorker()
        try await github("issues", action: "opened", delivery: "g-7")
        let received = await agent.waitForRequests(1)
        let request = try XCTUnwrap(received.first)
        XCTAssertTrue(verifies(request, secret: new))
        XCTAssertTrue(verifies(request, secret: old), "the old secret stays valid during the overlap")

        let ended = try await host.request("POST", "/v1/webhooks/subscriptions/\(subscription)/rotate-secret", key: key,
                                           json: ["overlap_seconds": 0])
        let newest = try XCTUnwrap(ended.json["secret"]?.stringValue)
        try await github("issues", action: "closed", delivery: "g-8")
        let next = await agent.waitForRequests(2)
        XCTAssertEqual(next.count, 2)
        XCTAssertTrue(verifies(next[1], secret: newest))
        XCTAssertFalse(verifies(next[1], secret: new))
        let bad = try await host.request("POST", "/v1/webhooks/subscriptions/\(subscription)/rotate-secret", key: key,
                                         json: ["overlap_seconds": -1])
        XCTAssertEqual(bad.status, 400)
    }

    func testSubscriptionInputIsCheckedAndScopedToTheAccount() async throws {
        let cases: [([String: JSONValue], String)] = [
            (["endpoint_id": .string(endpointID)], "agent_id"),
            (["agent_id": "", "endpoint_id": .string(endpointID)], "agent_id"),
            (["agent_id": 7, "endpoint_id": .string(endpointID)], "agent_id"),
            (["agent_id": .string(agentID)], "endpoint_id"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "provider": "github"], "endpoint_id"),
            (["agent_id": .string(agentID), "provider": "postgres"], "provider"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "events": ["github issues"]], "events[0]"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "events": "github.*"], "events"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "delivery": "push"], "url"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "url": "ftp://x"], "url"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "delivery": "pull", "url": .string(agent.url)], "url"),
            (["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "delivery": "email"], "delivery"),
        ]
        for (body, field) in cases {
            let reply = try await host.request("POST", "/v1/webhooks/subscriptions", key: key, json: .object(body))
            XCTAssertEqual(reply.status, 400, "\(body): \(reply.body)")
            XCTAssertEqual(reply.errorField, field, "\(body)")
        }
        let other = try await host.key(account: "globex")
        let foreign = try await host.request("POST", "/v1/webhooks/subscriptions", key: other,
                                             json: ["agent_id": .string(agentID), "endpoint_id": .string(endpointID)])
        XCTAssertEqual(foreign.status, 404)
        let ownAgentForeignEndpoint = try await host.request("POST", "/v1/webhooks/subscriptions", key: other, json: [
            "agent_id": .string(try await host.createSubscriber(account: "globex", name: "globex-bot")), "endpoint_id": .string(endpointID)])
        XCTAssertEqual(ownAgentForeignEndpoint.status, 404)
        XCTAssertEqual(ownAgentForeignEndpoint.errorField, nil, "the endpoint, not the agent, is unknown")
        let listed = try await host.request("GET", "/v1/webhooks/subscriptions", key: other)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "nothing half-written")
        let (subscription, _) = try await pushSubscription()
        let peek = try await host.request("GET", "/v1/webhooks/subscriptions/\(subscription)", key: other)
        XCTAssertEqual(peek.status, 404)
        let pull = try await host.request("GET", "/v1/agents/\(agentID!)/events", key: other)
        XCTAssertEqual(pull.status, 404)
        XCTAssertEqual(pull.errorField, "agent_id")
        let deleted = try await host.request("DELETE", "/v1/webhooks/subscriptions/\(subscription)", key: other)
        XCTAssertEqual(deleted.status, 404)
    }

    func testSubscriptionsBelongToTheCallersAgents() async throws {
        let othersAgent = try await host.createSubscriber(account: "globex", name: "globex-bot")
        for agent in ["agt_unknown", "a b", othersAgent] {
            let reply = try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                                               json: ["agent_id": .string(agent), "endpoint_id": .string(endpointID)])
            XCTAssertEqual(reply.status, 404, "\(agent): \(reply.body)")
            XCTAssertEqual(reply.json["error"]?["code"]?.stringValue, "not_found")
            XCTAssertEqual(reply.errorField, "agent_id", agent)
        }
        let listed = try await host.request("GET", "/v1/webhooks/subscriptions", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0)
    }

    func testDeletingAnAgentDeletesItsSubscriptionsAndGivesUpItsDeliveries() async throws {
        let (subscription, _) = try await pushSubscription()
        let pulling = try await host.createSubscriber(name: "reader")
        _ = try await subscribe(["agent_id": .string(pulling), "provider": "github"])
        let bystander = try await host.createSubscriber(name: "bystander")
        _ = try await subscribe(["agent_id": .string(bystander), "provider": "github"])
        try await github("issues", action: "opened", delivery: "d-1")
        let pending = try await deliveries("status=pending")
        XCTAssertEqual(pending.count, 1)

        let writer = try await host.key(scopes: [.skillsWrite])
        let deleted = try await host.request("DELETE", "/v1/agents/\(agentID!)", key: writer)
        XCTAssertEqual(deleted.status, 200, deleted.body)
        let gone = try await host.request("GET", "/v1/webhooks/subscriptions/\(subscription)", key: key)
        XCTAssertEqual(gone.status, 404)
        let dead = try await deliveries("status=dead")
        XCTAssertEqual(dead.map { $0["id"] }, pending.map { $0["id"] }, "the held delivery is given up, not sent later")
        worker = host.startDeliveryWorker()
        try await github("issues", action: "closed", delivery: "d-2")
        try await waitForIdleWorker()  // woken by the event, it found nothing to send
        let received = agent.requests
        XCTAssertEqual(received.count, 0, "nothing goes to a deleted agent")

        let removed = try await host.request("DELETE", "/v1/agents/\(pulling)", key: writer)
        XCTAssertEqual(removed.status, 200)
        let pull = try await host.request("GET", "/v1/agents/\(pulling)/events", key: key)
        XCTAssertEqual(pull.status, 404)
        let remaining = try await host.request("GET", "/v1/webhooks/subscriptions", key: key)
        XCTAssertEqual(remaining.json["data"]?.arrayValue?.map { $0["agent_id"]?.stringValue }, [bystander],
                       "other agents keep their subscriptions")
    }

    // MARK: Pull

    func testPullReadsWithACursorAndLongPolls() async throws {
        let reader = try await host.createSubscriber(name: "reader")
        _ = try await subscribe(["agent_id": .string(reader), "provider": "github", "events": ["github.issues.*"]])
        try await github("issues", action: "opened", delivery: "p-1")
        try await github("push", action: "", delivery: "p-2")
        try await github("issues", action: "closed", delivery: "p-3")

        let first = try await host.request("GET", "/v1/agents/\(reader)/events?limit=1", key: key)
        XCTAssertEqual(first.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, ["p-1"])
        let cursor = try XCTUnwrap(first.json["next_cursor"]?.stringValue)
        let second = try await host.request("GET", "/v1/agents/\(reader)/events?cursor=\(cursor)", key: key)
        XCTAssertEqual(second.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, ["p-3"], "the push event is filtered out")
        let end = try XCTUnwrap(second.json["next_cursor"]?.stringValue)
        let empty = try await host.request("GET", "/v1/agents/\(reader)/events?cursor=\(end)", key: key)
        XCTAssertEqual(empty.json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(empty.json["next_cursor"]?.stringValue, end)

        // A long-poll is answered as soon as a matching event lands: the host's clock, which
        // would end the wait, stands still.
        let (polled, pollKey) = (try XCTUnwrap(host), try XCTUnwrap(key))
        async let waited = polled.request("GET", "/v1/agents/\(reader)/events?cursor=\(end)&wait=10", key: pollKey)
        let notifier = try XCTUnwrap(host.patchbay.notifier as? InProcessNotifier)
        try await eventually("the long-poll to wait") { notifier.waitingChannels.contains { $0.name.hasPrefix("webhook_events:") } }
        try await github("issues", action: "reopened", delivery: "p-4")
        let reply = try await waited
        XCTAssertEqual(reply.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, ["p-4"])

        for query in ["cursor=abc", "wait=31", "limit=0"] {
            let bad = try await host.request("GET", "/v1/agents/\(reader)/events?\(query)", key: key)
            XCTAssertEqual(bad.status, 400, query)
        }
        let unknown = try await host.request("GET", "/v1/agents/nobody/events", key: key)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorField, "agent_id")
        let quiet = try await host.createSubscriber(name: "quiet")
        let unsubscribed = try await host.request("GET", "/v1/agents/\(quiet)/events", key: key)
        XCTAssertEqual(unsubscribed.status, 404, "an agent without pull subscriptions has nothing to pull")
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

private enum StandardWebhooksSecret {
    static let other = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
}
