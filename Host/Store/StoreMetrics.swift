import Metrics

/// The series of one group committer (see docs/operations.md): each shared commit, how long it
/// took and how many writes it carried. Recorded through swift-metrics, so the store knows no
/// backend; `serve` chooses one. The handles are made once, with the committer: a commit is
/// the store's most frequent event, and making a handle costs a registry lookup.
struct StoreMetrics: Sendable {
    private let duration: Timer
    private let batchSize: Recorder

    /// `store` is `sqlite` or `postgres`; `group` names what the writes are (PostgreSQL groups
    /// the inbox and the notifier apart; SQLite has one committer for every write).
    init(store: String, group: String) {
        let dimensions = [("store", store), ("group", group)]
        duration = Timer(label: "patchbay_store_commit_duration_seconds", dimensions: dimensions)
        batchSize = Recorder(label: "patchbay_store_commit_batch_size", dimensions: dimensions)
    }

    func committed(writes: Int, duration elapsed: Duration) {
        duration.record(duration: elapsed)
        batchSize.record(writes)
    }
}
