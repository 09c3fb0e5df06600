/// Shopify's leaky bucket for REST calls: 40 calls of room, leaking 2 per second. A call
/// that finds the bucket full is refused with 429; every answer reports the level as
/// `X-Shopify-Shop-Api-Call-Limit: <used>/40`. Times are instants of the fake's clock.
struct FakeShopifyBucket {
    static let capacity = 40.0
    static let leakPerSecond = 2.0

    private var level = 0.0
    /// When `level` was last worked out; nil while nothing has been poured in.
    private var updated: ContinuousClock.Instant?

    /// Takes room for one call. False when the bucket is full and the call must be refused.
    mutating func admit(now: ContinuousClock.Instant) -> Bool {
        leak(now: now)
        guard level + 1 <= Self.capacity else { return false }
        level += 1
        return true
    }

    mutating func fill(now: ContinuousClock.Instant) {
        level = Self.capacity
        updated = now
    }

    /// Seconds until one call fits again, as Shopify's `Retry-After` says it.
    func secondsUntilRoom() -> Double {
        max(1 / Self.leakPerSecond, (level + 1 - Self.capacity) / Self.leakPerSecond)
    }

    /// The header value, e.g. `3/40`.
    var header: String { "\(Int(level.rounded(.up)))/\(Int(Self.capacity))" }

    private mutating func leak(now: ContinuousClock.Instant) {
        if let updated { level = max(0, level - (now - updated) / .seconds(1) * Self.leakPerSecond) }
        updated = now
    }
}
