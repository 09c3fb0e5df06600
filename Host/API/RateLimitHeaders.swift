import Hummingbird
import PatchbayServices

/// The rate limit headers of draft-ietf-httpapi-ratelimit-headers, in its structured-field form:
/// `RateLimit-Policy: "per-key";q=600;w=60` and `RateLimit: "per-key";r=12;t=42`.
enum RateLimitHeaders {
    static let policyName = "\"per-key\""

    static func fields(_ limit: APIRateLimit) -> HTTPFields {
        [
            ResponseHeader.rateLimitPolicy.name: "\(policyName);q=\(limit.quota);w=\(limit.windowSeconds)",
            ResponseHeader.rateLimit.name: "\(policyName);r=\(limit.remaining);t=\(limit.resetSeconds)",
        ]
    }

    /// The 429 for a key whose budget is spent, saying when the next window starts.
    static func refusal(_ limit: APIRateLimit) -> APIError {
        var error = APIError(status: .tooManyRequests, code: "rate_limited",
                             message: "this API key made its \(limit.quota) requests for this \(limit.windowSeconds)-second window; retry after \(limit.resetSeconds) seconds")
        error.retryAfter = limit.resetSeconds
        error.headers = fields(limit)
        return error
    }
}
