import Synchronization

/// What a test controls and sees of any fake provider API, kept in one place: the tokens it
/// accepts (each with what it grants: a login, a scope, or nothing more), misbehaviour queued
/// for its next requests, and the requests it received.
public final class FakeControls<Grant: Sendable>: Sendable {
    private struct State {
        var tokens: [String: Grant]
        var faults = FakeFaults()
        var log: [RecordedRequest] = []
    }

    private let state: Mutex<State>

    init(tokens: [String: Grant]) {
        state = Mutex(State(tokens: tokens))
    }

    func addToken(_ token: String, grant: Grant) {
        state.withLock { $0.tokens[token] = grant }
    }

    func revokeToken(_ token: String) {
        state.withLock { _ = $0.tokens.removeValue(forKey: token) }
    }

    func revokeAllTokens() {
        state.withLock { $0.tokens.removeAll() }
    }

    /// What `token` grants, or nil when the fake does not accept it.
    func grant(for token: String) -> Grant? {
        state.withLock { $0.tokens[token] }
    }

    func throttle(_ count: Int, retryAfter: Int, status: Int = 429) {
        state.withLock { $0.faults.throttle(count, retryAfter: retryAfter, status: status) }
    }

    func delay(_ count: Int, seconds: Double) {
        state.withLock { $0.faults.delay(count, seconds: seconds) }
    }

    func fail(_ count: Int, error: String) {
        state.withLock { $0.faults.fail(count, error: error) }
    }

    func hold(_ count: Int) -> FakeGate {
        let gate = FakeGate()
        state.withLock { $0.faults.hold(count, at: gate) }
        return gate
    }

    func clear() {
        state.withLock { $0.faults.clear() }
    }

    /// Keeps `request` in the log and takes the misbehaviour queued for it.
    func record(_ request: RecordedRequest) -> FakeFaults.Draw {
        state.withLock { state in
            state.log.append(request)
            return state.faults.draw()
        }
    }

    var requests: [RecordedRequest] {
        state.withLock { $0.log }
    }

    func reset() {
        state.withLock { $0.log.removeAll() }
    }
}
