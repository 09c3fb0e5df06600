/// Misbehaviour a test has asked a fake upstream to show on its next requests: rate limits,
/// slow or held answers and error answers. Not thread-safe by itself; the owning fake guards it.
struct FakeFaults: Sendable {
    /// What one request draws from the queued misbehaviour.
    struct Draw: Sendable {
        /// Answer 429 with this `Retry-After` (seconds) instead of handling the request.
        var throttleRetryAfter: Int?
        /// The status of that answer: 429, or 403 as GitHub answers when its primary limit is spent.
        var throttleStatus = 429
        /// Answer with this provider error instead of handling the request.
        var failure: String?
        /// How the answer is held back.
        var hold = FakeHold()
    }

    private var throttleRemaining = 0
    private var throttleRetryAfter = 1
    private var throttleStatus = 429
    private var failureRemaining = 0
    private var failureError = ""
    private var delayRemaining = 0
    private var delaySeconds = 0.0
    private var gates: [FakeGate] = []

    mutating func throttle(_ count: Int, retryAfter: Int, status: Int) {
        throttleRemaining = max(0, count)
        throttleRetryAfter = max(0, retryAfter)
        throttleStatus = status
    }

    mutating func fail(_ count: Int, error: String) {
        failureRemaining = max(0, count)
        failureError = error
    }

    mutating func delay(_ count: Int, seconds: Double) {
        delayRemaining = max(0, count)
        delaySeconds = max(0, seconds)
    }

    /// The next `count` requests not yet held wait at `gate`.
    mutating func hold(_ count: Int, at gate: FakeGate) {
        gates += Array(repeating: gate, count: max(0, count))
    }

    /// Drops what is queued and lets any held answer go.
    mutating func clear() {
        gates.forEach { $0.release() }
        self = FakeFaults()
    }

    /// Takes what applies to the next request. A throttled request does not use up a queued
    /// failure: the client is expected to retry it, and the retry meets the failure.
    mutating func draw() -> Draw {
        var draw = Draw()
        if throttleRemaining > 0 {
            throttleRemaining -= 1
            draw.throttleRetryAfter = throttleRetryAfter
            draw.throttleStatus = throttleStatus
        } else if failureRemaining > 0 {
            failureRemaining -= 1
            draw.failure = failureError
        }
        if delayRemaining > 0 {
            delayRemaining -= 1
            draw.hold.delay = .seconds(delaySeconds)
        }
        if !gates.isEmpty {
            draw.hold.gate = gates.removeFirst()
        }
        return draw
    }
}
