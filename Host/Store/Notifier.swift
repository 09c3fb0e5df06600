/// Wakes whoever waits for a change in the store: pull long-polls for new events, the delivery
/// worker for due deliveries, MCP sessions for a new live version, refresh waiters for a
/// finished token refresh. In one process it is `InProcessNotifier`; replicas sharing a
/// PostgreSQL store can share one through `LISTEN/NOTIFY` behind this same protocol.
///
/// The contract every implementation keeps and every caller relies on:
/// - **Notify after the commit.** A notification announces a write that is already durable,
///   so a woken listener finds it; never send one from inside a transaction.
/// - **A notification means "look again", nothing more.** Listeners re-read the store after
///   waking. Notifications to one channel may be coalesced (several become one), and across
///   processes one may be lost (a dropped listening connection), so every listener also bounds
///   each wait with a deadline of its own and re-reads the store when it passes.
/// - **Listen before reading.** A subscription keeps what is sent from the moment `listen`
///   returns, so `listen`, read the store, then `wait` never misses a write that commits
///   between the read and the wait.
/// - Payloads are small hints (a version number), never secrets: a database sees them in clear.
public protocol Notifier: Sendable {
    /// Tells every current listener of `channel`, here and, for a shared implementation, on
    /// other replicas. Does not fail: a notification that cannot be sent is one that was lost.
    func notify(_ channel: NotifierChannel, payload: String?) async

    /// Starts listening on `channel`; end it with `cancel()` (or by dropping the subscription).
    func listen(_ channel: NotifierChannel) -> NotifierSubscription
}

extension Notifier {
    public func notify(_ channel: NotifierChannel) async {
        await notify(channel, payload: nil)
    }
}
