/// The budget of API requests each key has (`serve --api-rate-limit`, `--api-rate-window`).
public struct APIRateLimitSettings: Sendable {
    /// Requests one API key may make per window, counted across replicas; 0 turns the limit off.
    public var requests = 0
    /// The window the budget is counted in: fixed windows aligned to the clock, so every
    /// replica counts into the same one.
    public var window: Duration = .seconds(60)

    /// The largest budget a key may be given of its own (`APIKeyRecord.rateLimit`).
    public static let maxRequests = 1_000_000

    /// The longest window: the retention pass prunes counts older than this.
    public static let maxWindow: Duration = .seconds(3600)

    public init(requests: Int = 0, window: Duration = .seconds(60)) {
        self.requests = requests
        self.window = window
    }
}
