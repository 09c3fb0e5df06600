/// What a claim of an `Idempotency-Key` found (see `IdempotencyStore`).
public enum IdempotencyClaim: Sendable, Equatable {
    /// The key is this request's: it runs, and completes or releases the claim.
    case claimed
    /// Another request holds the key: still running (no response) or answered.
    case held(IdempotencyRecord)
}
