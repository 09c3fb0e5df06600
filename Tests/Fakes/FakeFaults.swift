/// Misbehaviour a test has asked a fake upstream to show on its next requests: rate limits,
/// slow answers and error answers. Not thread-safe by itself; the owning fake guards it.
struct FakeFaults: Sendable {
    /// What one request draws from the queued misbehaviour.
    struct Draw: Sendable {
        /// Answer 429 with this `Retry-After` (seconds) instead of handling the request.
        var throttleRetryAfter: Int?
        /// Answer with this provider error instead of handling the request.
        var failure: String?
        /// Hold the answer back this long, in seconds.
        var delay: Double?
    }

    private var throttleRemaining = 0
    private var throttleRetryAfter = 1
    private var failureRemaining = 0
    private var failureError = ""
    private var delayRemaining = 0
    private var delaySeconds = 0.0

    mutating func throttle(_ count: Int, retryAfter: Int) {
        throttleRemaining = max(0, count)
        throttleRetryAfter = max(0, retryAfter)
    }

    mutating func fail(_ count: Int, error: String) {
        failureRemaining = max(0, count)
        failureError = error
    }

    mutating func delay(_ count: Int, seconds: Double) {
        delayRemaining = max(0, count)
        delaySeconds = max(0, seconds)
    }

    mutating func clear() {
        self = FakeFaults()
    }

    /// Takes what applies to the next request. A throttled request does not use up a queued
    /// failure: the client is expected to retry it, and the retry meets the failure.
    mutating func draw() -> Draw {
        var draw = Draw()
        if throttleRemaining > 0 {
            throttleRemaining -= 1
            draw.throttleRetryAfter = throttleRetryAfter
        } else if failureRemaining > 0 {
            failureRemaining -= 1
            draw.failure = failureError
        }
        if delayRemaining > 0 {
            delayRemaining -= 1
            draw.delay = delaySeconds
        }
        return draw
    }
}
