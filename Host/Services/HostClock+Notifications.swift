import PatchbayClock
import PatchbayStore

extension HostClock {
    /// Waits until `subscription` is notified (true) or this clock reaches `deadline` (false),
    /// taking every unread notification, as `NotifierSubscription.wait(until:)` does.
    func wait(on subscription: NotifierSubscription, until deadline: ContinuousClock.Instant) async -> Bool {
        // The system clock's instants are the subscription's own: its timer does, without a race of two tasks.
        if self is SystemClock { return await subscription.wait(until: deadline) }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await subscription.wait() }
            group.addTask {
                try? await self.sleep(until: deadline)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
