import Foundation

/// Tells waiting readers (long-polling agents, the delivery worker) that the inbox changed,
/// so they look again at once instead of at their next poll.
final class InboxSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: UInt64 = 0

    func notify() {
        lock.withLock { generation &+= 1 }
    }

    var current: UInt64 { lock.withLock { generation } }

    /// Returns when something changed after `seen`, or when `timeout` has passed.
    func wait(after seen: UInt64, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while current == seen, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
