import Foundation

/// One listener's view of a channel: notifications are kept from `listen` until read, so none
/// is missed between a read of the store and the next wait. One task waits on it at a time.
///
/// Waiting parks a continuation that `deliver` resumes; nothing polls, and the only timer is
/// the one for the caller's deadline.
public final class NotifierSubscription: AsyncSequence, @unchecked Sendable {
    public typealias Element = Notification

    public struct Notification: Sendable, Equatable {
        public let channel: NotifierChannel
        public let payload: String?
    }

    /// Unread notifications beyond this many drop the oldest: a listener re-reads the store on
    /// waking anyway, so a backlog only needs to say that something happened.
    static let keep = 64

    public let channel: NotifierChannel
    private let ended: @Sendable (ObjectIdentifier) -> Void
    private let lock = NSLock()
    private var unread: [String?] = []
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Notification?, Never>)?
    private var waits: UInt64 = 0
    private var cancelled = false

    /// `ended` is called once the subscription is cancelled or dropped, so its notifier can forget it.
    public init(channel: NotifierChannel, ended: @escaping @Sendable (ObjectIdentifier) -> Void) {
        self.channel = channel
        self.ended = ended
    }

    deinit {
        ended(ObjectIdentifier(self))
    }

    /// Hands a notification to the listener: to its waiting task, or kept for its next wait.
    /// Repeats of an unread payload are coalesced.
    public func deliver(_ payload: String?) {
        lock.withLock {
            guard !cancelled else { return }
            if let waiter {
                self.waiter = nil
                waiter.continuation.resume(returning: Notification(channel: channel, payload: payload))
            } else if !unread.contains(payload) {
                if unread.count == Self.keep { unread.removeFirst() }
                unread.append(payload)
            }
        }
    }

    /// The next notification, oldest first; nil once `deadline` has passed, the waiting task
    /// is cancelled, or the subscription is.
    public func next(until deadline: ContinuousClock.Instant? = nil) async -> Notification? {
        let id: UInt64 = lock.withLock {
            waits &+= 1
            return waits
        }
        if let kept = takeUnread() { return kept }
        let timer = deadline.map { deadline in
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                self.endWait(id)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.withLock {
                    if let first = unread.first {
                        unread.removeFirst()
                        continuation.resume(returning: Notification(channel: channel, payload: first))
                    } else if cancelled || Task.isCancelled || deadline.map({ ContinuousClock.now >= $0 }) == true {
                        continuation.resume(returning: nil)
                    } else {
                        precondition(waiter == nil, "one task waits on a subscription at a time")
                        waiter = (id, continuation)
                    }
                }
            }
        } onCancel: {
            endWait(id)
        }
    }

    /// Whether a task is parked waiting for the next notification.
    var isWaiting: Bool { lock.withLock { waiter != nil } }

    /// Waits until notified (true) or until `deadline` (false); all unread notifications are
    /// taken at once, since the caller re-reads the store for all of them.
    public func wait(until deadline: ContinuousClock.Instant) async -> Bool {
        guard await next(until: deadline) != nil else { return false }
        lock.withLock { unread.removeAll() }
        return true
    }

    /// Takes every unread notification without waiting: true if there was any. For a listener
    /// that checks now and then rather than parking a task.
    public func takeAll() -> Bool {
        lock.withLock {
            guard !unread.isEmpty else { return false }
            unread.removeAll()
            return true
        }
    }

    /// Ends the subscription: a waiting task gets nil, later notifications are not kept.
    public func cancel() {
        lock.withLock {
            cancelled = true
            unread.removeAll()
            if let waiter {
                self.waiter = nil
                waiter.continuation.resume(returning: nil)
            }
        }
        ended(ObjectIdentifier(self))
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(subscription: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let subscription: NotifierSubscription

        public mutating func next() async -> Notification? {
            await subscription.next()
        }
    }

    private func takeUnread() -> Notification? {
        lock.withLock {
            guard !unread.isEmpty else { return nil }
            return Notification(channel: channel, payload: unread.removeFirst())
        }
    }

    private func endWait(_ id: UInt64) {
        lock.withLock {
            guard let waiter, waiter.id == id else { return }
            self.waiter = nil
            waiter.continuation.resume(returning: nil)
        }
    }
}
