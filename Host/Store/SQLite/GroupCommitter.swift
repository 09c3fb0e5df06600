import GRDB
import Synchronization

/// Runs the store's writes so that concurrent callers share one commit.
///
/// With `synchronous = FULL` every commit waits for the disk (an fsync of the WAL, a few
/// hundred microseconds here), and SQLite has one writer, so committing each write alone caps
/// the whole host at a few thousand writes per second however many cores it has. Instead,
/// writes that arrive while a commit is in progress queue up and all go into the next
/// transaction: one fsync for the batch.
///
/// A write asked for `Durability.outlivesProcess` commits without waiting for the disk when
/// its whole batch asked for that; a batch with any `onDisk` write is synced, and takes the
/// relaxed writes committed before it to disk with it (the WAL is synced as a whole).
///
/// Guarantees are those of a write on its own:
/// - a caller resumes only once the transaction holding its write is committed and, unless
///   it asked for less, on disk;
/// - each write that shares a batch runs in its own savepoint, so one that throws is rolled
///   back alone, its caller gets the error, and the others in the batch still commit;
/// - if the commit itself fails, every caller in that batch gets the error and nothing of the
///   batch is kept.
final class GroupCommitter: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending {
        let work: Work
        let durability: Durability
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Bounds how long one transaction holds the write lock, so another process (the CLI
    /// creating a key) is not starved behind a long batch.
    private let maxBatch = 256
    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// The writer's `synchronous` setting, changed only by the one drain running at a time.
    private let syncsCommits = Mutex(true)

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }
    private let metrics = StoreMetrics(store: "sqlite", group: "write")

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        // GRDB's pool sets `synchronous = NORMAL` on its writer when it turns WAL on, after
        // `prepareDatabase` has run: commits would reach the disk only at the next checkpoint.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Runs `body` in the next shared transaction and returns what it returned.
    func write<T: Sendable>(_ durability: Durability, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = ValueBox<T>()
        try await enqueue(durability) { db in
            let value = try body(db)
            result.value.withLock { $0 = value }
        }
        return result.value.withLock { $0 }!
    }

    private func enqueue(_ durability: Durability, _ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain: Bool = state.withLock { state in
                state.queue.append(Pending(work: work, durability: durability, continuation: continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let batch = nextBatch() {
            let outcomes = ResultBox(count: batch.count)
            let syncs = batch.contains { $0.durability == .onDisk }
            let started = ContinuousClock.now
            do {
                try await writer.writeWithoutTransaction { db in
                    try self.syncCommits(syncs, db)
                    try db.inTransaction {
                        // A lone write needs no savepoint: if it fails, so does the transaction, alone.
                        guard batch.count > 1 else {
                            try batch[0].work(db)
                            return .commit
                        }
                        for (index, pending) in batch.enumerated() {
                            do {
                                try Self.inSavepoint(db, pending.work)
                            } catch let aborted as AbortedBatch {
                                throw aborted.cause
                            } catch {
                                outcomes.fail(index, error)
                            }
                        }
                        return .commit
                    }
                }
                metrics.committed(writes: batch.count, duration: .now - started)
                for (index, pending) in batch.enumerated() {
                    pending.continuation.resume(with: outcomes.result(index))
                }
            } catch {
                for pending in batch {
                    pending.continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Sets whether the next commit waits for the disk. A connection setting, so it is only
    /// changed when it differs, outside any transaction.
    private func syncCommits(_ syncs: Bool, _ db: Database) throws {
        guard syncs != syncsCommits.withLock({ $0 }) else { return }
        try db.cachedStatement(sql: syncs ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL").execute()
        syncsCommits.withLock { $0 = syncs }
    }

    /// Runs one write of a shared transaction in a savepoint, so that a write that throws is
    /// undone alone. The statements are cached: GRDB's `inSavepoint` compiles `SAVEPOINT` and
    /// `RELEASE` anew for every write, which cost more than a webhook event's insert.
    ///
    /// Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction. The
    /// batch's other writes must not then run outside any transaction, so that case throws
    /// `AbortedBatch` and the whole batch fails.
    private static func inSavepoint(_ db: Database, _ work: Work) throws {
        try db.cachedStatement(sql: "SAVEPOINT batched_write").execute()
        do {
            try work(db)
        } catch {
            guard db.isInsideTransaction else { throw AbortedBatch(cause: error) }
            try db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT batched_write").execute()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT batched_write").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT batched_write").execute()
    }

    /// The writes queued so far (up to `maxBatch`), or nil when there are none, in which case
    /// the next caller starts a new drain.
    private func nextBatch() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.draining = false
                return nil
            }
            let batch = Array(state.queue.prefix(maxBatch))
            state.queue.removeFirst(batch.count)
            return batch
        }
    }
}

/// A write failed in a way that ended the shared transaction: every write of the batch fails with `cause`.
private struct AbortedBatch: Error {
    let cause: any Error
}

/// A write's result, set inside the transaction and read once its commit is on disk.
private final class ValueBox<T: Sendable>: Sendable {
    let value = Mutex<T?>(nil)
}

/// Per-write errors collected inside the transaction closure, which GRDB may run on its own
/// queue; read only after that closure has returned.
private final class ResultBox: Sendable {
    private let errors: Mutex<[(any Error)?]>

    init(count: Int) {
        errors = Mutex(Array(repeating: nil, count: count))
    }

    func fail(_ index: Int, _ error: any Error) {
        errors.withLock { $0[index] = error }
    }

    func result(_ index: Int) -> Result<Void, any Error> {
        errors.withLock { $0[index] }.map { .failure($0) } ?? .success(())
    }
}
