@testable import PatchbayStore
import XCTest

/// What every `Notifier` keeps (see its contract), checked against one implementation:
/// subscriptions are made on `listener` and notifications sent through `sender`, the same
/// notifier in one process, two replicas' notifiers for a shared one. Delivery may be
/// asynchronous, so a check that nothing arrived first waits until a probe listening to the
/// same notification has heard it.
struct NotifierContract {
    let listener: any Notifier
    let sender: any Notifier
    /// How many channels the listening notifier still holds subscriptions for.
    let channelCount: () -> Int

    func aWaitingListenerIsWokenByANotification() async throws {
        let subscription = listener.listen(.deliveriesDue)
        async let woken = subscription.wait(until: .now + .seconds(30))
        await subscription.parked()
        await sender.notify(.deliveriesDue)
        let wasWoken = await woken
        XCTAssertTrue(wasWoken, "woken by the notification: the 30 s deadline would have answered false")
    }

    func aNotificationSentBeforeTheWaitIsKept() async {
        let subscription = listener.listen(.webhookEvents(accountID: "acct_1"))
        let probe = listener.listen(.webhookEvents(accountID: "acct_1"))
        // Sent after `listen` and before `wait`: between a read of the store and the wait.
        await sender.notify(.webhookEvents(accountID: "acct_1"))
        let arrived = await probe.wait(until: .now + .seconds(10))
        XCTAssertTrue(arrived)
        let woken = await subscription.wait(until: .now)
        XCTAssertTrue(woken, "kept since listen, even with the deadline already passed")
        let again = await subscription.wait(until: .now)
        XCTAssertFalse(again, "taken by the first wait")
    }

    func aWaitEndsAtItsDeadlineAndOnCancellation() async throws {
        let subscription = listener.listen(.agentLive("agent_1"))
        let started = ContinuousClock.now
        let woken = await subscription.wait(until: .now + .milliseconds(100))
        XCTAssertFalse(woken)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(100))

        let waiting = Task { await subscription.next() }
        await subscription.parked()
        waiting.cancel()
        let cancelled = await waiting.value
        XCTAssertNil(cancelled, "a cancelled task stops waiting")
        await sender.notify(.agentLive("agent_1"), payload: "3")
        let next = await subscription.next(until: .now + .seconds(10))
        XCTAssertEqual(next?.payload, "3", "cancelling one wait leaves the subscription listening")
    }

    func channelsAreSeparateAndRepeatsCoalesce() async {
        let mine = listener.listen(.webhookEvents(accountID: "acct_1"))
        let other = listener.listen(.webhookEvents(accountID: "acct_2"))
        let marker = listener.listen(.webhookEvents(accountID: "acct_3"))
        for _ in 0..<3 { await sender.notify(.webhookEvents(accountID: "acct_1"), payload: "done") }
        await sender.notify(.webhookEvents(accountID: "acct_1"), payload: "again")
        await sender.notify(.webhookEvents(accountID: "acct_3"))
        // Notifications reach a listener in the order they were sent: once the marker, sent
        // last, is here, the four before it are here too, unread. Reading earlier would race
        // the repeats' arrival rather than test their coalescing.
        let markerArrived = await marker.wait(until: .now + .seconds(10))
        XCTAssertTrue(markerArrived)
        var received: [String?] = []
        while let notification = await mine.next(until: .now + .seconds(10)) {
            received.append(notification.payload)
            if notification.payload == "again" { break }
        }
        XCTAssertEqual(received, ["done", "again"], "three repeats of an unread payload are one")
        let otherWoken = await other.wait(until: .now)
        XCTAssertFalse(otherWoken, "another account's channel heard nothing")
    }

    func anEndedSubscriptionIsForgottenAndHearsNothing() async {
        let cancelled = listener.listen(.deliveriesDue)
        let probe = listener.listen(.deliveriesDue)
        cancelled.cancel()
        await sender.notify(.deliveriesDue)
        let arrived = await probe.wait(until: .now + .seconds(10))
        XCTAssertTrue(arrived)
        let woken = await cancelled.wait(until: .now)
        XCTAssertFalse(woken)
        probe.cancel()
        do {
            _ = listener.listen(.agentLive("agent_2"))  // dropped at once
        }
        XCTAssertEqual(channelCount(), 0, "cancelled and dropped subscriptions leave nothing behind")
    }

    func everyListenerOfAChannelIsWoken() async {
        let listeners = (0..<50).map { _ in listener.listen(.deliveriesDue) }
        await withTaskGroup(of: Bool.self) { group in
            for listener in listeners { group.addTask { await listener.wait(until: .now + .seconds(30)) } }
            for listener in listeners { await listener.parked() }
            await sender.notify(.deliveriesDue)
            let woken = await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            XCTAssertEqual(woken, 50)
        }
    }
}

extension NotifierSubscription {
    /// Returns once a task is parked waiting on this subscription, so a notification sent next
    /// wakes that wait rather than being kept for a later one. Fails after 10 s.
    func parked(file: StaticString = #filePath, line: UInt = #line) async {
        let deadline = ContinuousClock.now + .seconds(10)
        while !isWaiting {
            guard ContinuousClock.now < deadline else { return XCTFail("nothing waited on the subscription", file: file, line: line) }
            await Task.yield()
        }
    }
}
