import Foundation
import PostgresNIO

/// Lets concurrent `storeInboundEvents` calls on one replica share one transaction.
///
/// An account's inbox writes are serial (the advisory lock that keeps sequences in commit
/// order is held until commit), so storing each delivery alone caps an account at one WAL
/// flush per event however many requests arrive at once. Instead, calls that arrive while a
/// transaction is in progress queue up and all go into the next one: one lock wait and one
/// flush for the batch, as `GroupCommitter` does for SQLite.
///
/// Guarantees are those of a call on its own: a caller resumes only once the transaction
/// holding its events has committed; each call runs in a savepoint of its own, so one that
/// fails is rolled back alone and its caller gets the error while the others commit; if the
/// commit itself fails, every caller of that transaction gets the error and nothing is kept.
final class PostgresInboxCommitter: @unchecked Sendable {
    typealias Batch = (events: [InboundEvent], payloads: [String])

    private struct Pending {
        let batch: Batch
        let continuation: CheckedContinuation<[InboundOutcome], Error>
    }

    /// Bounds how many calls share one transaction, so that no transaction holds an account's
    /// inbox lock for long.
    private let maxCalls = 128
    private let lock = NSLock()
    private var queue: [Pending] = []
    private var draining = false

    /// Stores a group of calls in one transaction and answers each call's outcome, in order.
    typealias Run = @Sendable ([Batch]) async throws -> [Result<[InboundOutcome], Error>]

    /// Stores `batch` in the next shared transaction, which `run` performs.
    func store(_ batch: Batch, run: @escaping Run) async throws -> [InboundOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain: Bool = lock.withLock {
                queue.append(Pending(batch: batch, continuation: continuation))
                defer { draining = true }
                return !draining
            }
            if startDrain { Task { await self.drain(run: run) } }
        }
    }

    private func drain(run: @escaping Run) async {
        while let group = next() {
            do {
                let results = try await run(group.map(\.batch))
                for (pending, result) in zip(group, results) { pending.continuation.resume(with: result) }
            } catch {
                for pending in group { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// The calls waiting now, up to `maxCalls`; nil (and draining ends) when there are none.
    private func next() -> [Pending]? {
        lock.withLock {
            guard !queue.isEmpty else {
                draining = false
                return nil
            }
            let group = Array(queue.prefix(maxCalls))
            queue.removeFirst(group.count)
            return group
        }
    }
}
