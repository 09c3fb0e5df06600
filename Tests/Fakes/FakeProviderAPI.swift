/// A fake provider API with the controls every one of them offers a test, through its
/// `controls`: what a throttled, held or failed answer looks like is each provider's own.
public protocol FakeProviderAPI: FakeUpstream {
    associatedtype Grant: Sendable
    var controls: FakeControls<Grant> { get }
}

extension FakeProviderAPI {
    /// Makes `token` invalid: calls with it are refused as the provider refuses an unknown token.
    public func revokeToken(_ token: String) {
        controls.revokeToken(token)
    }

    /// The next `count` requests answer HTTP 429 with `Retry-After: retryAfter`, in the
    /// provider's own rate-limit format.
    public func throttleNext(_ count: Int, retryAfter: Int) {
        controls.throttle(count, retryAfter: retryAfter)
    }

    /// The answers to the next `count` requests are held back `seconds` before being sent.
    public func delayNext(_ count: Int, seconds: Double) {
        controls.delay(count, seconds: seconds)
    }

    /// The answers to the next `count` requests not yet held wait until the test releases the
    /// gate returned, which also tells how many of them have arrived.
    public func holdNext(_ count: Int = 1) -> FakeGate {
        controls.hold(count)
    }

    /// Drops any throttling, delays, holds and failures still queued.
    public func clearBehaviours() {
        controls.clear()
    }

    /// Every request received since the start or the last `reset()`, oldest first.
    public var requests: [RecordedRequest] {
        controls.requests
    }

    /// Forgets the recorded requests.
    public func reset() {
        controls.reset()
    }
}

extension FakeProviderAPI where Grant == Void {
    /// Makes `token` valid for this fake.
    public func addToken(_ token: String) {
        controls.addToken(token, grant: ())
    }
}
