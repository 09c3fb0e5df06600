@testable import PatchbayStore
import XCTest

/// The in-process notifier: a waiting listener is resumed by `notify`, not by a poll; what is
/// sent between a read and a wait is kept; waits end at their deadline or on cancellation;
/// channels are separate and repeats coalesce; a subscription is forgotten once it ends.
final class NotifierTests: XCTestCase {
    let notifier = InProcessNotifier()

    func testAWaitingListenerIsWokenByANotification() async throws {
        let subscription = notifier.listen(.deliveriesDue)
        let started = ContinuousClock.now
        async let woken = subscription.wait(until: .now + .seconds(30))
        try await Task.sleep(for: .milliseconds(50))
        await notifier.notify(.deliveriesDue)
        let wasWoken = await woken
        XCTAssertTrue(wasWoken)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5), "woken by the notification, not the 30 s deadline")
    }

    func testANotificationSentBeforeTheWaitIsKept() async {
        let subscription = notifier.listen(.webhookEvents(accountID: "acct_1"))
        // Sent after `listen` and before `wait`: between a read of the store and the wait.
        await notifier.notify(.webhookEvents(accountID: "acct_1"))
        let woken = await subscription.wait(until: .now)
        XCTAssertTrue(woken, "kept since listen, even with the deadline already passed")
        let again = await subscription.wait(until: .now)
        XCTAssertFalse(again, "taken by the first wait")
    }

    func testAWaitEndsAtItsDeadlineAndOnCancellation() async throws {
        let subscription = notifier.listen(.agentLive("agent_1"))
        let started = ContinuousClock.now
        let woken = await subscription.wait(until: .now + .milliseconds(100))
        XCTAssertFalse(woken)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(100))

        let waiting = Task { await subscription.next() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        let cancelled = await waiting.value
        XCTAssertNil(cancelled, "a cancelled task stops waiting")
        await notifier.notify(.agentLive("agent_1"), payload: "3")
        let next = await subscription.next(until: .now + .seconds(5))
        XCTAssertEqual(next?.payload, "3", "cancelling one wait leaves the subscription listening")
    }

    func testChannelsAreSeparateAndRepeatsCoalesce() async {
        let mine = notifier.listen(.oauthRefresh("conn_1"))
        let other = notifier.listen(.oauthRefresh("conn_2"))
        for _ in 0..<3 { await notifier.notify(.oauthRefresh("conn_1"), payload: "done") }
        await notifier.notify(.oauthRefresh("conn_1"), payload: "again")
        var received: [String?] = []
        while let notification = await mine.next(until: .now) { received.append(notification.payload) }
        XCTAssertEqual(received, ["done", "again"], "three repeats of an unread payload are one")
        let otherWoken = await other.wait(until: .now)
        XCTAssertFalse(otherWoken, "another connection's channel heard nothing")
    }

    func testAnEndedSubscriptionIsForgottenAndHearsNothing() async {
        let cancelled = notifier.listen(.deliveriesDue)
        cancelled.cancel()
        await notifier.notify(.deliveriesDue)
        let woken = await cancelled.wait(until: .now)
        XCTAssertFalse(woken)
        do {
            _ = notifier.listen(.agentLive("agent_2"))  // dropped at once
        }
        XCTAssertEqual(notifier.channelCount, 0, "cancelled and dropped subscriptions leave nothing behind")
    }

    func testEveryListenerOfAChannelIsWoken() async {
        let listeners = (0..<50).map { _ in notifier.listen(.deliveriesDue) }
        await withTaskGroup(of: Bool.self) { group in
            for listener in listeners { group.addTask { await listener.wait(until: .now + .seconds(30)) } }
            try? await Task.sleep(for: .milliseconds(50))
            await notifier.notify(.deliveriesDue)
            let woken = await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            XCTAssertEqual(woken, 50)
        }
    }
}
