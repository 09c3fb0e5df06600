public import Logging

/// Picks the notifier that reaches every process sharing the store.
public enum StoreNotifier {
    /// `LISTEN/NOTIFY` when replicas may share the store (PostgreSQL); in-process otherwise,
    /// since a SQLite store has one host.
    public static func make(for store: any Store, logger: Logger = Logger(label: "patchbay.notifier")) async -> any Notifier {
        guard let store = store as? PostgresStore else { return InProcessNotifier() }
        return await PostgresNotifier(store: store, logger: logger)
    }
}
