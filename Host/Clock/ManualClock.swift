import Synchronization

/// A clock that stands still until it is advanced: tests drive retries, backoff, leases and
/// timeouts by moving it past a due time, and check that nothing happened just before.
///
/// Its wall time and its monotonic time move together. A sleeper wakes when `advance` reaches
/// its deadline, or with `CancellationError` when its task is cancelled. `sleepers(atLeast:)`
/// lets a test wait until the code under test is parked before it moves time, so advancing
/// never races the sleep it means to end.
public final class ManualClock: HostClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let count: Int
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var offset: Duration = .zero
        var wallMillis: Int64
        var lastID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var watchers: [Watcher] = []

        /// Takes the watchers whose count of parked sleepers is reached.
        mutating func satisfiedWatchers() -> [Watcher] {
            let count = sleepers.count
            let ready = watchers.filter { $0.count <= count }
            watchers.removeAll { $0.count <= count }
            return ready
        }
    }

    private let origin = ContinuousClock.now
    private let state: Mutex<State>

    /// Starts at `wallMillis` since the epoch (a fixed moment by default, so stored times are
    /// the same on every run).
    public init(wallMillis: Int64 = 1_767_225_600_000) {
        state = Mutex(State(wallMillis: wallMillis))
    }

    public var wallMillis: Int64 { state.withLock { $0.wallMillis } }

    public var now: ContinuousClock.Instant { state.withLock { origin + $0.offset } }

    /// How many tasks are asleep on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

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
            state.wallMillis += Int64(duration / .milliseconds(1))
            let now = origin + state.offset
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks are asleep on this clock.
    public func sleepers(atLeast count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { state in
                guard state.sleepers.count < count else { return true }
                state.watchers.append(Watcher(count: count, continuation: continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
