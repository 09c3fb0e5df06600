import Synchronization

/// A clock that stands still until it is advanced: tests drive retries, backoff, leases and
/// timeouts by moving it past a due time, and check that nothing happened just before.
///
/// Its wall time and its monotonic time move together. A sleeper wakes when `advance` reaches
/// its deadline, or with `CancellationError` when its task is cancelled. `sleepers(atLeast:)`
/// and `sleeper(dueIn:)` let a test wait until the code under test is parked before it moves
/// time, so advancing never races the sleep it means to end. Those waits give up after a limit
/// of real time and throw `ManualClockWaitTimeout`: code that never parks (a broken retry, a
/// wait it skipped) fails the test that waits for it instead of hanging it.
public final class ManualClock: HostClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let id: UInt64
        let what: String
        let isMet: @Sendable ([ContinuousClock.Instant]) -> Bool
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var offset: Duration = .zero
        let startWallMillis: Int64
        var lastID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var watchers: [Watcher] = []
        /// Watchers whose limit ran out before they were registered.
        var expired: Set<UInt64> = []

        /// Takes the watchers whose condition the parked sleepers meet.
        mutating func satisfiedWatchers() -> [Watcher] {
            let deadlines = sleepers.map(\.deadline)
            let ready = watchers.filter { $0.isMet(deadlines) }
            watchers.removeAll { $0.isMet(deadlines) }
            return ready
        }
    }

    private let origin = ContinuousClock.now
    private let state: Mutex<State>

    /// Starts at `wallMillis` since the epoch (a fixed moment by default, so stored times are
    /// the same on every run).
    public init(wallMillis: Int64 = 1_767_225_600_000) {
        state = Mutex(State(startWallMillis: wallMillis))
    }

    /// The start plus the whole milliseconds advanced so far, counted exactly (dividing the
    /// duration goes through a `Double`, which drops a millisecond from long advances).
    public var wallMillis: Int64 {
        state.withLock { state in
            let (seconds, attoseconds) = state.offset.components
            return state.startWallMillis + seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        }
    }

    public var now: ContinuousClock.Instant { state.withLock { origin + $0.offset } }

    /// How many tasks are asleep on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// How long from now each sleeper has left to sleep, soonest first.
    public var sleepersDueIn: [Duration] {
        state.withLock { state in
            let now = origin + state.offset
            return state.sleepers.map { $0.deadline - now }.sorted()
        }
    }

    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        let id = state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Start { case due, cancelled, parked([Watcher]) }
                let start: Start = state.withLock { state in
                    if origin + state.offset >= deadline { return .due }
                    if Task.isCancelled { return .cancelled }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return .parked(state.satisfiedWatchers())
                }
                switch start {
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .parked(let watchers): for watcher in watchers { watcher.continuation.resume() }
                }
            }
        } onCancel: {
            let sleeper: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves both times forward by `duration` and wakes every sleeper whose deadline it reaches.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a clock does not go back")
        let woken: [Sleeper] = state.withLock { state in
            state.offset += duration
            let now = origin + state.offset
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks are asleep on this clock; throws
    /// `ManualClockWaitTimeout` if they are not within `limit` of real time.
    public func sleepers(atLeast count: Int, within limit: Duration = .seconds(10)) async throws {
        try await wait(for: "at least \(count) sleeper\(count == 1 ? "" : "s")", within: limit) { $0.count >= count }
    }

    /// Returns once a task is asleep until exactly `delay` from now, as a wait of that length
    /// started now is; throws `ManualClockWaitTimeout` if none is within `limit` of real time.
    /// Tells one wait from the others parked beside it (a worker's sweep, an attempt's deadline).
    public func sleeper(dueIn delay: Duration, within limit: Duration = .seconds(10)) async throws {
        let deadline = now + delay
        try await wait(for: "a sleeper due in \(delay)", within: limit) { $0.contains(deadline) }
    }

    private func wait(for what: String, within limit: Duration,
                      until isMet: @escaping @Sendable ([ContinuousClock.Instant]) -> Bool) async throws {
        let id = state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        // Real time, not this clock's: nobody may be moving this one.
        let timer = Task { [weak self] in
            try await Task.sleep(for: limit)
            self?.expire(id, limit: limit)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enum Start { case met, expired(ManualClockWaitTimeout), waiting }
            let start: Start = state.withLock { state in
                if isMet(state.sleepers.map(\.deadline)) { return .met }
                if state.expired.remove(id) != nil { return .expired(timeout(what, limit: limit, state: state)) }
                state.watchers.append(Watcher(id: id, what: what, isMet: isMet, continuation: continuation))
                return .waiting
            }
            switch start {
            case .met: continuation.resume()
            case .expired(let error): continuation.resume(throwing: error)
            case .waiting: break
            }
        }
    }

    /// Ends the wait `id` with `ManualClockWaitTimeout`, or marks it so that it ends as soon as it is registered.
    private func expire(_ id: UInt64, limit: Duration) {
        let ended: (Watcher, ManualClockWaitTimeout)? = state.withLock { state in
            guard let index = state.watchers.firstIndex(where: { $0.id == id }) else {
                state.expired.insert(id)
                return nil
            }
            let watcher = state.watchers.remove(at: index)
            return (watcher, timeout(watcher.what, limit: limit, state: state))
        }
        if let (watcher, error) = ended { watcher.continuation.resume(throwing: error) }
    }

    private func timeout(_ what: String, limit: Duration, state: State) -> ManualClockWaitTimeout {
        let now = origin + state.offset
        return ManualClockWaitTimeout(awaited: what, limit: limit, sleepersDueIn: state.sleepers.map { $0.deadline - now }.sorted())
    }
}
