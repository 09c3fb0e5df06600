import Foundation
import GRDB

/// Runs the store's writes so that concurrent callers share one commit.
///
/// With `synchronous = FULL` every commit waits for the disk (an fsync of the WAL, a few
/// hundred microseconds here), and SQLite has one writer, so committing each write alone caps
/// the whole host at a few thousand writes per second however many cores it has. Instead,
/// writes that arrive while a commit is in progress queue up and all go into the next
/// transaction: one fsync for the batch.
///
/// Guarantees are those of a write on its own:
/// - a caller resumes only once the transaction holding its write is committed and on disk;
/// - each write that shares a batch runs in its own savepoint, so one that throws is rolled
///   back alone, its caller gets the error, and the others in the batch still commit;
/// - if the commit itself fails, every caller in that batch gets the error and nothing of the
///   batch is kept.
final class GroupCommitter: @unchecked Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending {
        let work: Work
        let continuation: CheckedContinuation<Void, Error>
    }

    /// Bounds how long one transaction holds the write lock, so another process (the CLI
    /// creating a key) is not starved behind a long batch.
    private let maxBatch = 256
    private let writer: DatabaseWriter
    private let lock = NSLock()
    private var queue: [Pending] = []
    private var draining = false

    init(writer: DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `body` in the next shared transaction and returns what it returned.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = ValueBox<T>()
        try await enqueue { db in result.value = try body(db) }
        return result.value!
    }

    private func enqueue(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain: Bool = lock.withLock {
                queue.append(Pending(work: work, continuation: continuation))
                defer { draining = true }
                return !draining
            }
            if startDrain {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let batch = nextBatch() {
            let outcomes = ResultBox(count: batch.count)
            do {
                try await writer.write { db in
                    // A lone write needs no savepoint: if it fails, so does the transaction, alone.
                    guard batch.count > 1 else { return try batch[0].work(db) }
                    for (index, pending) in batch.enumerated() {
                        do {
                            try db.inSavepoint {
                                try pending.work(db)
                                return .commit
                            }
                        } catch {
                            outcomes.fail(index, error)
                        }
                    }
                }
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

    /// The writes queued so far (up to `maxBatch`), or nil when there are none, in which case
    /// the next caller starts a new drain.
    private func nextBatch() -> [Pending]? {
        lock.withLock {
            guard !queue.isEmpty else {
                draining = false
                return nil
            }
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            return batch
        }
    }
}

/// A write's result, set inside the transaction and read once its commit is on disk.
private final class ValueBox<T>: @unchecked Sendable {
    var value: T?
}

/// Per-write errors collected inside the transaction closure, which GRDB may run on its own
/// queue; read only after that closure has returned.
private final class ResultBox: @unchecked Sendable {
    private var errors: [Error?]

    init(count: Int) {
        errors = Array(repeating: nil, count: count)
    }

    func fail(_ index: Int, _ error: Error) {
        errors[index] = error
    }

    func result(_ index: Int) -> Result<Void, Error> {
        errors[index].map { .failure($0) } ?? .success(())
    }
}
