import NIOCore
import PatchbayClock
import Synchronization

/// The host's own bound on requests in flight to one upstream (scheme, host and port), and the
/// queue in front of it. A call beyond the limit waits for a slot at most a given time, so the
/// wait is this host's to name (`egress_queue_timeout`) instead of surfacing from the HTTP
/// client's pool as a connect failure. Waiting calls are queued per caller (a connection) and
/// served round-robin across callers: a burst from one waits behind itself, not in front of
/// everyone else. A waiting call costs one continuation and one sleeping timer task.
final class EgressQueue: Sendable {
    private let state = Mutex(State())
    /// What the wait for a slot is timed on.
    private let clock: any HostClock

    init(clock: any HostClock) {
        self.clock = clock
    }

    private struct State {
        var upstreams: [String: Upstream] = [:]
        var lastTicket = 0
        /// Tickets handed out whose call has not yet reached the queue, and those of them that
        /// timed out or were cancelled before it did.
        var pending: Set<Int> = []
        var abandoned: Set<Int> = []
    }

    private struct Waiter {
        let ticket: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct Upstream {
        var inFlight = 0
        var waiting: [String: CircularBuffer<Waiter>] = [:]
        /// Callers with waiting calls, the next to be served first.
        var turns: CircularBuffer<String> = []

        var isIdle: Bool { inFlight == 0 && turns.isEmpty }

        mutating func takeSlot(limit: Int) -> Bool {
            guard inFlight < limit, turns.isEmpty else { return false }
            inFlight += 1
            return true
        }

        mutating func enqueue(_ waiter: Waiter, caller: String) {
            if waiting[caller] == nil { turns.append(caller) }
            waiting[caller, default: []].append(waiter)
        }

        /// The first waiter of the caller whose turn it is; that caller goes to the back.
        mutating func next() -> Waiter? {
            guard let caller = turns.popFirst() else { return nil }
            let waiter = waiting[caller]?.popFirst()
            if waiting[caller]?.isEmpty ?? true {
                waiting[caller] = nil
            } else {
                turns.append(caller)
            }
            return waiter
        }

        mutating func remove(_ ticket: Int, caller: String) -> Waiter? {
            guard let index = waiting[caller]?.firstIndex(where: { $0.ticket == ticket }) else { return nil }
            let waiter = waiting[caller]?.remove(at: index)
            if waiting[caller]?.isEmpty ?? true {
                waiting[caller] = nil
                if let turn = turns.firstIndex(of: caller) { turns.remove(at: turn) }
            }
            return waiter
        }
    }

    /// Takes one of `limit` slots for `upstream`, waiting at most `wait`; false when the wait
    /// ran out or the task was cancelled. A true answer must be paired with one `release`.
    func acquire(_ upstream: String, caller: String, limit: Int, wait: Duration) async -> Bool {
        let ticket: Int? = state.withLock { state in
            if state.upstreams[upstream, default: Upstream()].takeSlot(limit: limit) { return nil }
            state.lastTicket += 1
            state.pending.insert(state.lastTicket)
            return state.lastTicket
        }
        guard let ticket else { return true }
        let clock = clock
        let timer = Task { [weak self] in
            try? await clock.sleep(for: wait)
            if !Task.isCancelled { self?.abandon(ticket, upstream: upstream, caller: caller) }
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answer: Bool? = state.withLock { state in
                    state.pending.remove(ticket)
                    if state.abandoned.remove(ticket) != nil { return false }
                    if state.upstreams[upstream, default: Upstream()].takeSlot(limit: limit) { return true }
                    state.upstreams[upstream, default: Upstream()].enqueue(Waiter(ticket: ticket, continuation: continuation), caller: caller)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            abandon(ticket, upstream: upstream, caller: caller)
        }
    }

    /// Gives a slot back: to the next waiting call in turn, or to the pool.
    func release(_ upstream: String) {
        let next: Waiter? = state.withLock { state in
            // Mutated in place: a copy of the state would copy its queues on every release.
            guard state.upstreams[upstream] != nil else { return nil }
            let next = state.upstreams[upstream]?.next()
            if next == nil { state.upstreams[upstream]?.inFlight -= 1 }
            if state.upstreams[upstream]?.isIdle == true { state.upstreams[upstream] = nil }
            return next
        }
        next?.continuation.resume(returning: true)
    }

    private func abandon(_ ticket: Int, upstream: String, caller: String) {
        let waiter: Waiter? = state.withLock { state in
            if state.pending.remove(ticket) != nil {
                state.abandoned.insert(ticket)
                return nil
            }
            let waiter = state.upstreams[upstream]?.remove(ticket, caller: caller)
            if state.upstreams[upstream]?.isIdle == true { state.upstreams[upstream] = nil }
            return waiter
        }
        waiter?.continuation.resume(returning: false)
    }
}
