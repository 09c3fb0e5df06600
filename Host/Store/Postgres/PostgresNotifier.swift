import Foundation
public import Logging
import PostgresNIO

/// The notifier of replicas that share a PostgreSQL store: `notify` is a `pg_notify` on the
/// database, and every replica, this one included, hears it on a connection of its own that
/// listens for as long as the notifier lives (`PostgresListeningConnection`).
///
/// One PostgreSQL channel, `patchbay`, carries every logical channel: the message is
/// `channel<TAB>payload`, or the channel alone when there is no payload, and each replica hands
/// it to its own listeners of that channel. A PostgreSQL channel per logical channel would need
/// a `LISTEN` round trip when a listener starts, but `listen` returns at once and must hear
/// everything sent after it returns ("listen before reading"): a notification sent before that
/// LISTEN reached the server would be missed. Logical channels are also one per account, agent
/// and connection, more than a connection should LISTEN to, and PostgreSQL cuts channel names
/// at 63 bytes. The price of one channel is that every replica receives every notification and
/// drops those nobody there listens to, which for hints of a few bytes is cheap.
///
/// A replica's own notifications come back through its listening connection like anyone
/// else's, so a listener here is woken once and the same way whichever replica sent it. One
/// that cannot be sent (the database cannot be reached) is logged and still wakes this
/// replica's listeners; the other replicas' listeners find the write at their own deadline.
///
/// PostgreSQL refuses a message of 8000 bytes or more. Payloads are hints of a few bytes; one
/// that would not fit is sent without its payload, with an error logged, so listeners still
/// wake and re-read the store. Channel names hold no tab: they are made of the host's own ids.
public final class PostgresNotifier: Notifier, Sendable {
    /// The PostgreSQL channel every notification travels on.
    static let channel = "patchbay"
    /// The longest message PostgreSQL takes, in bytes.
    static let messageLimit = 7999

    private let store: PostgresStore
    /// Notifications sent at once go out in one statement (and one commit) rather than one each.
    /// The inbox's do not come here: they travel in its own transaction (`messages(announcing:committedBy:)`).
    private let sends = PostgresCallGroups<String, Void>(name: "notify")
    private let local = InProcessNotifier()
    private let logger: Logger
    private let listening: Task<Void, Never>

    /// Shares `store`'s pool to send, and opens the listening connection, named
    /// `patchbay notifier <instance id>` in `pg_stat_activity`. Returns once it listens, or after
    /// the store's `connect_timeout` if it cannot yet: it keeps trying in the background, and
    /// wakes every listener when it gets there. Its waits run on the store's clock.
    public init(store: PostgresStore, logger: Logger = Logger(label: "patchbay.notifier")) async {
        self.store = store
        self.logger = logger
        let connection = PostgresListeningConnection(url: store.url, applicationName: "patchbay notifier \(store.instanceID)",
                                                     channel: Self.channel, logger: logger,
                                                     clock: store.clock) { [local] message in
            let (channel, payload) = Self.decode(message)
            local.deliver(channel, payload: payload)
        } listened: { [local] in
            local.deliverToEveryone()
        }
        listening = Task { await connection.run() }
        await connection.waitUntilListening(within: store.url.connectTimeout)
    }

    /// Stops listening and closes the listening connection.
    public func close() {
        listening.cancel()
    }

    deinit {
        listening.cancel()
    }

    public func notify(_ channel: NotifierChannel, payload: String?) async {
        var message = Self.encode(channel, payload: payload)
        if message.utf8.count > Self.messageLimit {
            logger.error("a notification is too long for PostgreSQL; it is sent without its payload", metadata: [
                "channel": "\(channel)", "bytes": "\(message.utf8.count)", "limit": "\(Self.messageLimit)",
            ])
            message = Self.encode(channel, payload: nil)
        }
        guard Self.canSend(channel, message) else {
            logger.error("a notifier channel name cannot be sent through PostgreSQL; only this replica's listeners are woken",
                         metadata: ["bytes": "\(channel.name.utf8.count)"])
            local.deliver(channel, payload: payload)
            return
        }
        do {
            try await sends.perform(message) { [store] messages in
                try await store.rows(PostgresNotifyStatement(channel: Self.channel, messages: messages))
                return messages.map { _ in .success(()) }
            }
        } catch {
            logger.warning("could not send a notification to the other replicas; only this one's listeners are woken",
                           metadata: ["channel": "\(channel)", "error": "\(error)"])
            local.deliver(channel, payload: payload)
        }
    }

    /// The messages that tell `channels` (without payloads) from within a transaction of
    /// `store`, so that its commit delivers them to every replica, this one included, as `notify`
    /// would after it. Nil when this notifier sends through another store, or when a channel
    /// cannot travel through PostgreSQL (`notify` then wakes this replica's listeners alone).
    func messages(announcing channels: [NotifierChannel], committedBy store: PostgresStore) -> [String]? {
        guard store === self.store else { return nil }
        let messages = channels.map { Self.encode($0, payload: nil) }
        return zip(channels, messages).allSatisfy(Self.canSend) ? messages : nil
    }

    public func listen(_ channel: NotifierChannel) -> NotifierSubscription {
        local.listen(channel)
    }

    /// Channels with listeners, for tests that check subscriptions are not left behind.
    var channelCount: Int { local.channelCount }

    /// Whether PostgreSQL takes `message` and this replica can tell its channel back.
    static func canSend(_ channel: NotifierChannel, _ message: String) -> Bool {
        message.utf8.count <= messageLimit && !channel.name.contains("\t")
    }

    static func encode(_ channel: NotifierChannel, payload: String?) -> String {
        payload.map { channel.name + "\t" + $0 } ?? channel.name
    }

    static func decode(_ message: String) -> (NotifierChannel, String?) {
        guard let tab = message.firstIndex(of: "\t") else { return (NotifierChannel(message), nil) }
        return (NotifierChannel(String(message[..<tab])), String(message[message.index(after: tab)...]))
    }
}
