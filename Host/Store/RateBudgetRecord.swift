public import PatchbayModel

/// What a provider last said about one rate budget (a connection's, or an OAuth app's), shared
/// by every replica so that none spends what another has learnt is gone. Replicas keep their
/// own view of each budget and merge this record into it (see `RateBudgetStore`).
public struct RateBudgetRecord: Sendable, Equatable {
    /// The budget's key, chosen by the egress: provider, scope and whose budget it is.
    public var key: String
    /// No call is sent before this time: a throttled answer's `Retry-After`, a spent window's reset.
    public var notBefore: Millis
    /// Calls left in the provider's current window, and when the window resets.
    public var remaining: Int?
    public var resetAt: Millis?
    /// A leaky bucket's level and size as the provider last reported them (`used/max`).
    public var bucketUsed: Int?
    public var bucketMax: Int?
    /// When the provider said all this: a later observation replaces an earlier one.
    public var observedAt: Millis

    public init(key: String, notBefore: Millis = 0, remaining: Int? = nil, resetAt: Millis? = nil,
                bucketUsed: Int? = nil, bucketMax: Int? = nil, observedAt: Millis) {
        self.key = key
        self.notBefore = notBefore
        self.remaining = remaining
        self.resetAt = resetAt
        self.bucketUsed = bucketUsed
        self.bucketMax = bucketMax
        self.observedAt = observedAt
    }
}
