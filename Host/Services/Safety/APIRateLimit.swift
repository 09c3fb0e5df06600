/// Where a key stands in its budget after a request was counted: what the `RateLimit` and
/// `RateLimit-Policy` headers say, and whether the request may go on.
public struct APIRateLimit: Sendable, Equatable {
    /// Requests per window.
    public var quota: Int
    public var windowSeconds: Int
    /// Requests left in the current window after this one.
    public var remaining: Int
    /// Seconds until the current window ends, rounded up.
    public var resetSeconds: Int
    /// False once the budget is spent: the request is refused with 429.
    public var allowed: Bool
}
