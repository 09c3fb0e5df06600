import Synchronization

/// Holds a fake's answers until the test releases them, so a test can act while calls are in
/// flight (fill a disk, stop a host, let other callers line up) knowing the upstream has the
/// requests and has not answered, without guessing how long that takes.
public final class FakeGate: Sendable {
    private struct State {
        var released = false
        /// Requests waiting here for `release()`.
        var held: [CheckedContinuation<Void, Never>] = []
        /// Tests waiting for a number of held requests, by ticket.
        var watchers: [Int: (count: Int, continuation: CheckedContinuation<Bool, Never>)] = [:]
        /// Tickets whose time ran out before their watcher was registered.
        var expired: Set<Int> = []
        var nextTicket = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether a request has reached the fake and its answer is being held.
    public var isHolding: Bool {
        holding > 0
    }

    /// How many requests are being held here now.
    public var holding: Int {
        state.withLock { $0.held.count }
    }

    /// Waits until `count` requests are being held at once; false when that has not happened
    /// within `timeout`, so a test that expected them fails rather than hangs.
    public func waitUntilHolding(_ count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let ticket = state.withLock { state -> Int in
            state.nextTicket += 1
            return state.nextTicket
        }
        let timer = Task { [weak self] in
            // Cancelled once the watcher is answered: nothing to expire then.
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.expire(ticket)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let answer = state.withLock { state -> Bool? in
                if state.held.count >= count { return true }
                if state.expired.remove(ticket) != nil { return false }
                state.watchers[ticket] = (count, continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Lets the held answers go, and any later one through this gate at once. A test releases
    /// in `defer` too, so a failing test does not leave the fake's server waiting.
    public func release() {
        let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.released = true
            defer { state.held.removeAll() }
            return state.held
        }
        held.forEach { $0.resume() }
    }

    /// Called by the fake (or a test standing in for an upstream) with the request in hand:
    /// counts it held, then waits for `release()`.
    public func hold() async {
        await withCheckedContinuation { continuation in
            let (released, reached) = state.withLock { state -> (Bool, [CheckedContinuation<Bool, Never>]) in
                guard !state.released else { return (true, []) }
                state.held.append(continuation)
                let reached = state.watchers.filter { $0.value.count <= state.held.count }
                reached.keys.forEach { state.watchers.removeValue(forKey: $0) }
                return (false, reached.values.map(\.continuation))
            }
            if released { continuation.resume() }
            reached.forEach { $0.resume(returning: true) }
        }
    }

    private func expire(_ ticket: Int) {
        let watcher = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let watcher = state.watchers.removeValue(forKey: ticket) else {
                state.expired.insert(ticket)
                return nil
            }
            return watcher.continuation
        }
        watcher?.resume(returning: false)
    }
}
