public import PatchbayModel

/// One `Idempotency-Key` of an account: which request claimed it and, once that request has
/// answered, the answer every repeat gets.
public struct IdempotencyRecord: Sendable, Equatable {
    public var accountID: String
    public var key: String
    /// A digest of the request (method, path and body), so a repeat is told apart from another
    /// request that reuses the key.
    public var fingerprint: String
    /// Random, chosen by the claiming request: only it completes or releases the claim.
    public var claimToken: String
    public var createdAt: Millis
    /// After this the key is free again, and the row is pruned.
    public var expiresAt: Millis
    /// Nil while the claiming request runs.
    public var response: StoredResponse?

    public init(accountID: String, key: String, fingerprint: String, claimToken: String, createdAt: Millis, expiresAt: Millis,
                response: StoredResponse? = nil) {
        self.accountID = accountID
        self.key = key
        self.fingerprint = fingerprint
        self.claimToken = claimToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.response = response
    }
}
