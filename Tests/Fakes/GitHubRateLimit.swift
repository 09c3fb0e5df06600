/// One caller's core rate-limit window, as the `x-ratelimit-*` headers report it.
struct GitHubRateLimit: Sendable {
    /// 5,000 requests an hour for a token, 60 for anonymous callers.
    var limit: Int
    var used: Int
    /// Unix seconds when the window resets.
    var reset: Int

    var remaining: Int { max(0, limit - used) }

    var headers: [(String, String)] {
        [
            ("x-ratelimit-limit", String(limit)),
            ("x-ratelimit-remaining", String(remaining)),
            ("x-ratelimit-used", String(used)),
            ("x-ratelimit-reset", String(reset)),
            ("x-ratelimit-resource", "core"),
        ]
    }
}
