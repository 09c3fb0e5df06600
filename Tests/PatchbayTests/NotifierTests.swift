@testable import PatchbayStore
import XCTest

/// The in-process notifier against the notifier contract: a waiting listener is resumed by
/// `notify`, not by a poll; what is sent between a read and a wait is kept; waits end at their
/// deadline or on cancellation; channels are separate and repeats coalesce; a subscription is
/// forgotten once it ends.
final class NotifierTests: XCTestCase {
    let notifier = InProcessNotifier()
    var contract: NotifierContract {
        NotifierContract(listener: notifier, sender: notifier, channelCount: { [notifier] in notifier.channelCount })
    }

    func testAWaitingListenerIsWokenByANotification() async throws { try await contract.aWaitingListenerIsWokenByANotification() }
    func testANotificationSentBeforeTheWaitIsKept() async { await contract.aNotificationSentBeforeTheWaitIsKept() }
    func testAWaitEndsAtItsDeadlineAndOnCancellation() async throws { try await contract.aWaitEndsAtItsDeadlineAndOnCancellation() }
    func testChannelsAreSeparateAndRepeatsCoalesce() async { await contract.channelsAreSeparateAndRepeatsCoalesce() }
    func testAnEndedSubscriptionIsForgottenAndHearsNothing() async { await contract.anEndedSubscriptionIsForgottenAndHearsNothing() }
    func testEveryListenerOfAChannelIsWoken() async { await contract.everyListenerOfAChannelIsWoken() }

    func testDeliveringToEveryoneWakesEveryChannelOnce() async {
        let listeners = [notifier.listen(.deliveriesDue), notifier.listen(.agentLive("agent_1")), notifier.listen(.agentLive("agent_1"))]
        notifier.deliverToEveryone()
        for listener in listeners {
            let woken = await listener.next(until: .now)
            XCTAssertEqual(woken.map { $0.payload == nil }, true, "woken without a payload")
            let again = await listener.next(until: .now)
            XCTAssertNil(again, "once")
        }
    }
}
