public import PatchbayModel

/// The answers to requests sent with an `Idempotency-Key`, so that a client's retry gets the
/// first answer instead of doing the work again, on whichever replica it lands. A key is the
/// account's own: one row per (account, key), claimed by the first request and completed with
/// its answer. Rows are never updated once completed, and go when they expire.
public protocol IdempotencyStore: Sendable {
    /// Claims `claim`'s key for its request: inserts the row, or takes over one that has expired
    /// or whose request has been running since before `staleBefore` (its host stopped before it
    /// answered). Otherwise the row as it is: the claim of a request still running, or an answer.
    func claimIdempotencyKey(_ claim: IdempotencyRecord, staleBefore: Millis) async throws -> IdempotencyClaim
    /// Keeps the answer of the request holding the claim `claimToken`; false when that claim was
    /// taken over or released meanwhile, in which case nothing is written.
    func completeIdempotencyKey(accountID: String, key: String, claimToken: String, response: StoredResponse) async throws -> Bool
    /// Drops the claim `claimToken` holds, for a request that left nothing to repeat: the next
    /// request with the key runs as if it were the first.
    func releaseIdempotencyKey(accountID: String, key: String, claimToken: String) async throws
    /// Removes up to `limit` rows that expired before `cutoff`; returns how many were removed.
    func pruneIdempotencyKeys(expiredBefore cutoff: Millis, limit: Int) async throws -> Int
}
