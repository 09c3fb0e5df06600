import HTTPTypes

/// Header names the API reads or sends beyond the ones HTTPTypes knows.
extension HTTPField.Name {
    /// The client's key for a retry-safe request (draft-ietf-httpapi-idempotency-key-header).
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Set on an answer sent again to a repeat of an idempotent request.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// A key's budget and where it stands (draft-ietf-httpapi-ratelimit-headers).
    static let rateLimitPolicy = HTTPField.Name("RateLimit-Policy")!
    static let rateLimit = HTTPField.Name("RateLimit")!
}
