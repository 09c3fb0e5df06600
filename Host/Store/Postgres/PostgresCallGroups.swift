import Synchronization

/// Lets concurrent calls on one replica share one round trip to the database: calls that arrive
/// while a group is in progress queue up and all go into the next group, which `run` performs
/// at once, as `GroupCommitter` does for SQLite.
///
/// The inbox uses it so that one account's writes, which are serial (the advisory lock that
/// keeps sequences in commit order is held until commit), share one lock wait, one statement
/// and one WAL flush per group instead of one each per delivery. The webhook route reads and
/// the notifier's wake-ups use it so that those made at once cost one statement.
///
/// A caller resumes only once its group has run, with its own call's result; if the group
/// fails as a whole, every caller of that group gets the error.
final class PostgresCallGroups<Call: Sendable, Outcome: Sendable>: Sendable {
    /// Performs a group of calls and answers each call's outcome, in order.
    typealias Run = @Sendable ([Call]) async throws -> [Result<Outcome, any Error>]

    private struct Pending {
        let call: Call
        let continuation: CheckedContinuation<Outcome, any Error>
    }

    /// Bounds a group, so that no group holds an account's inbox lock for long.
    private let maxCalls: Int
    private let metrics: StoreMetrics
    private let state = Mutex(State())

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    /// `name` says what the groups are, in the store's metrics.
    init(name: String, maxCalls: Int = 128) {
        metrics = StoreMetrics(store: "postgres", group: name)
        self.maxCalls = maxCalls
    }

    /// Performs `call` in the next group, which `run` performs.
    func perform(_ call: Call, run: @escaping Run) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain: Bool = state.withLock { state in
                state.queue.append(Pending(call: call, continuation: continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { Task { await self.drain(run: run) } }
        }
    }

    private func drain(run: @escaping Run) async {
        while let group = next() {
            let started = ContinuousClock.now
            do {
                let results = try await run(group.map(\.call))
                metrics.committed(writes: group.count, duration: .now - started)
                for (pending, result) in zip(group, results) { pending.continuation.resume(with: result) }
            } catch {
                for pending in group { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// The calls waiting now, up to `maxCalls`; nil (and draining ends) when there are none.
    private func next() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.draining = false
                return nil
            }
            let group = Array(state.queue.prefix(maxCalls))
            state.queue.removeFirst(group.count)
            return group
        }
    }
}
