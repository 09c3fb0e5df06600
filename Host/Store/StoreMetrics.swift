import Metrics

/// The store's series (see docs/operations.md). Recorded through swift-metrics, so the store
/// knows no backend; `serve` chooses one.
enum StoreMetrics {
    /// One shared commit of a group committer: how long it took and how many writes it carried.
    /// `store` is `sqlite` or `postgres`; `group` names what the writes were (PostgreSQL groups
    /// the inbox and the notifier apart; SQLite has one committer for every write).
    static func committed(store: String, group: String, writes: Int, duration: Duration) {
        let dimensions = [("store", store), ("group", group)]
        Timer(label: "patchbay_store_commit_duration_seconds", dimensions: dimensions).record(duration: duration)
        Recorder(label: "patchbay_store_commit_batch_size", dimensions: dimensions).record(writes)
    }
}
