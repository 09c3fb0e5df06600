import Synchronization

/// The notifier of a host that is alone on its store (SQLite): notifications go straight to
/// the subscriptions of this process, and are never lost. A notifier shared between replicas
/// can use one of these to hand what it receives to its own process's listeners.
public final class InProcessNotifier: Notifier, Sendable {
    private struct Listener {
        weak var subscription: NotifierSubscription?
    }

    private let listeners = Mutex<[NotifierChannel: [ObjectIdentifier: Listener]]>([:])

    public init() {}

    public func notify(_ channel: NotifierChannel, payload: String?) async {
        deliver(channel, payload: payload)
    }

    /// Hands a notification to this process's listeners of `channel`.
    public func deliver(_ channel: NotifierChannel, payload: String?) {
        let subscriptions = listeners.withLock { $0[channel]?.values.compactMap(\.subscription) ?? [] }
        for subscription in subscriptions { subscription.deliver(payload) }
    }

    /// Hands a notification without payload to every listener of every channel, for when
    /// notifications may have been lost: each listener looks again.
    public func deliverToEveryone() {
        let subscriptions = listeners.withLock { $0.values.flatMap { $0.values.compactMap(\.subscription) } }
        for subscription in subscriptions { subscription.deliver(nil) }
    }

    public func listen(_ channel: NotifierChannel) -> NotifierSubscription {
        let subscription = NotifierSubscription(channel: channel) { [weak self] id in self?.forget(id, on: channel) }
        listeners.withLock { $0[channel, default: [:]][ObjectIdentifier(subscription)] = Listener(subscription: subscription) }
        return subscription
    }

    /// Channels with listeners, for tests that check subscriptions are not left behind.
    var channelCount: Int { listeners.withLock { $0.count } }

    /// Whether anything listens on `channel`, for tests that check who listens.
    func isListened(_ channel: NotifierChannel) -> Bool { listeners.withLock { $0[channel] != nil } }

    /// Channels on which a listener's task is parked waiting, for tests that must know a
    /// waiter has looked, found nothing and gone idle before they act.
    var waitingChannels: Set<NotifierChannel> {
        let subscriptions = listeners.withLock { $0.values.flatMap { $0.values.compactMap(\.subscription) } }
        return Set(subscriptions.filter(\.isWaiting).map(\.channel))
    }

    private func forget(_ id: ObjectIdentifier, on channel: NotifierChannel) {
        listeners.withLock { listeners in
            listeners[channel]?.removeValue(forKey: id)
            if listeners[channel]?.isEmpty == true { listeners.removeValue(forKey: channel) }
        }
    }
}
