public import PatchbayClock
import Synchronization

/// One listener's view of a channel: notifications are kept from `listen` until read, so none
/// is missed between a read of the store and the next wait. One task waits on it at a time.
///
/// Waiting parks a continuation that `deliver` resumes; nothing polls, and the only timer is
/// the one for the caller's deadline.
public final class NotifierSubscription: AsyncSequence, Sendable {
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
    private let state = Mutex(State())

    private struct State {
        var unread: [String?] = []
        var waiter: (id: UInt64, continuation: CheckedContinuation<Notification?, Never>)?
        var waits: UInt64 = 0
        var cancelled = false
    }

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
        state.withLock { state in
            guard !state.cancelled else { return }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.continuation.resume(returning: Notification(channel: channel, payload: payload))
            } else if !state.unread.contains(payload) {
                if state.unread.count == Self.keep { state.unread.removeFirst() }
                state.unread.append(payload)
            }
        }
    }

    /// The next notification, oldest first; nil once `clock` has reached `deadline`, the waiting
    /// task is cancelled, or the subscription is.
    public func next(until deadline: ContinuousClock.Instant? = nil, on clock: any HostClock = SystemClock()) async -> Notification? {
        let id: UInt64 = state.withLock { state in
            state.waits &+= 1
            return state.waits
        }
        if let kept = takeUnread() { return kept }
        let timer = deadline.map { deadline in
            Task {
                try? await clock.sleep(until: deadline)
                self.endWait(id)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    if let first = state.unread.first {
                        state.unread.removeFirst()
                        continuation.resume(returning: Notification(channel: channel, payload: first))
                    } else if state.cancelled || Task.isCancelled || deadline.map({ clock.now >= $0 }) == true {
                        continuation.resume(returning: nil)
                    } else {
                        precondition(state.waiter == nil, "one task waits on a subscription at a time")
                        state.waiter = (id, continuation)
                    }
                }
            }
        } onCancel: {
            endWait(id)
        }
    }

    /// Whether a task is parked waiting for the next notification.
    var isWaiting: Bool { state.withLock { $0.waiter != nil } }

    /// Waits until notified (true) or until `clock` reaches `deadline`, if any, or the waiting
    /// task is cancelled (false); all unread notifications are taken at once, since the caller
    /// re-reads the store for all of them.
    public func wait(until deadline: ContinuousClock.Instant? = nil, on clock: any HostClock = SystemClock()) async -> Bool {
        guard await next(until: deadline, on: clock) != nil else { return false }
        state.withLock { $0.unread.removeAll() }
        return true
    }

    /// Takes every unread notification without waiting: true if there was any. For a listener
    /// that checks now and then rather than parking a task.
    public func takeAll() -> Bool {
        state.withLock { state in
            guard !state.unread.isEmpty else { return false }
            state.unread.removeAll()
            return true
        }
    }

    /// Ends the subscription: a waiting task gets nil, later notifications are not kept.
    public func cancel() {
        state.withLock { state in
            state.cancelled = true
            state.unread.removeAll()
            if let waiter = state.waiter {
                state.waiter = nil
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
        state.withLock { state in
            guard !state.unread.isEmpty else { return nil }
            return Notification(channel: channel, payload: state.unread.removeFirst())
        }
    }

    private func endWait(_ id: UInt64) {
        state.withLock { state in
            guard let waiter = state.waiter, waiter.id == id else { return }
            state.waiter = nil
            waiter.continuation.resume(returning: nil)
        }
    }
}
