import Synchronization

/// Bounds operations by one fixed time, `limit`, with one timer for all of them: an operation
/// costs a task to run it in and a lock to register it, instead of a task for the operation, a
/// task sleeping until its deadline and a task waiting for either, as every store operation
/// would otherwise pay on the hot path.
///
/// Every deadline is `limit` after its registration, so they expire in the order they were
/// registered: the pending ones are a queue, and one sleeping task waits for the first of them,
/// dropping the finished ones it passes. It exists only while something is pending.
///
/// The caller answers by `limit` even when the operation does not: a lease from a pool whose
/// connections hang does not always end on cancellation, so the operation runs in a task of
/// its own, is cancelled at the deadline and left to finish on its own.
///
/// The deadlines run on real time, not the host's clock: they bound the wait for the database,
/// a peer on the network, as the driver's own timeouts of the same `connect_timeout` do. On a
/// `ManualClock` every operation in flight would park a sleeper beside the ones a test counts
/// and waits for, and a test that moves the clock (past a lease, or up to the wall time) would
/// fail whatever operation was under way as one the database did not answer.
final class PostgresDeadlines: Sendable {
    let limit: Duration
    private let state = Mutex(State())

    private struct State {
        /// Pending deadlines in the order they expire; those before `head` are gone.
        var queue: [(expiresAt: ContinuousClock.Instant, outcome: any ExpiringOutcome)] = []
        var head = 0
        var sleeping = false
    }

    init(limit: Duration) {
        self.limit = limit
    }

    /// The operation's result, or `PostgresDeadlineExceeded` once `limit` has passed first. A
    /// cancelled caller cancels the operation and answers when it ends or at the deadline.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = DeadlineOutcome<T>()
        let work = Task {
            do {
                outcome.finish(.success(try await operation()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        outcome.started(work)
        register(outcome)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { outcome.wait($0) }
        } onCancel: {
            work.cancel()
        }
    }

    private func register(_ outcome: any ExpiringOutcome) {
        let startSleeping: Bool = state.withLock { state in
            state.queue.append((.now + limit, outcome))
            defer { state.sleeping = true }
            return !state.sleeping
        }
        if startSleeping { Task { await self.expire() } }
    }

    /// Sleeps until the first pending deadline, expires what is due, and ends when nothing is pending.
    private func expire() async {
        while true {
            var due: [any ExpiringOutcome] = []
            let wake: ContinuousClock.Instant? = state.withLock { state in
                let now = ContinuousClock.now
                while state.head < state.queue.count {
                    let (expiresAt, outcome) = state.queue[state.head]
                    if !outcome.isFinished {
                        guard expiresAt <= now else { return expiresAt }
                        due.append(outcome)
                    }
                    state.head += 1
                }
                state.queue.removeAll(keepingCapacity: true)
                state.head = 0
                state.sleeping = false
                return nil
            }
            for outcome in due { outcome.expire() }
            guard let wake else { return }
            compact()
            try? await Task.sleep(until: wake, clock: .continuous)
        }
    }

    /// Drops the entries already passed once they are most of the queue, so a queue that never
    /// empties under steady load does not grow.
    private func compact() {
        state.withLock { state in
            guard state.head > 1024, state.head * 2 > state.queue.count else { return }
            state.queue.removeFirst(state.head)
            state.head = 0
        }
    }
}

struct PostgresDeadlineExceeded: Error {}

/// What the deadline queue holds of an operation, whatever its result type.
private protocol ExpiringOutcome: AnyObject, Sendable {
    var isFinished: Bool { get }
    /// Answers the caller with `PostgresDeadlineExceeded` and cancels the operation, unless it finished first.
    func expire()
}

/// The first of an operation's result and its deadline, handed to the waiting caller once,
/// whichever of the operation and the caller's wait comes first.
private final class DeadlineOutcome<T: Sendable>: ExpiringOutcome, Sendable {
    private let state = Mutex(State())

    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var finished = false
        /// The task running the operation, cancelled at the deadline; set before the deadline is registered.
        var work: Task<Void, Never>?
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Called once, with the task running the operation, before the deadline is registered.
    func started(_ work: Task<Void, Never>) {
        state.withLock { $0.work = work }
    }

    /// Called once by the caller: resumed at once when the outcome is already known.
    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let known: Result<T, any Error>? = state.withLock { state in
            if state.result == nil { state.continuation = continuation }
            return state.result
        }
        if let known { continuation.resume(with: known) }
    }

    /// Settles the outcome unless something settled it first; true when this did.
    @discardableResult
    func finish(_ outcome: Result<T, any Error>) -> Bool {
        let (settled, waiting): (Bool, CheckedContinuation<T, any Error>?) = state.withLock { state in
            guard !state.finished else { return (false, nil) }
            state.finished = true
            defer { state.continuation = nil }
            if state.continuation == nil { state.result = outcome }
            return (true, state.continuation)
        }
        waiting?.resume(with: outcome)
        return settled
    }

    func expire() {
        if finish(.failure(PostgresDeadlineExceeded())) { state.withLock { $0.work }?.cancel() }
    }
}
