import Synchronization

/// Holds a fake's answer to one request until the test releases it, so a test can act while
/// a call is in flight (fill a disk, stop a host) knowing the upstream has the request and
/// has not answered, without guessing how long that takes.
public final class FakeGate: Sendable {
    private struct State {
        var arrived = false
        var released = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether a request has reached the fake and its answer is being held.
    public var isHolding: Bool {
        state.withLock { $0.arrived && !$0.released }
    }

    /// Lets the held answer go, and any later one through this gate at once. A test releases
    /// in `defer` too, so a failing test does not leave the fake's server waiting.
    public func release() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.released = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Called by the fake with the request in hand: marks it arrived, then waits for `release()`.
    func hold() async {
        await withCheckedContinuation { continuation in
            let released = state.withLock { state -> Bool in
                state.arrived = true
                if !state.released { state.waiters.append(continuation) }
                return state.released
            }
            if released { continuation.resume() }
        }
    }
}
