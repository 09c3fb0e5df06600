public import PatchbayModel

/// What the host keeps for credentials beyond the connection row: API key management,
/// per-account OAuth apps, authorizations in flight, token lifecycle with its refresh lease,
/// and the vault's canary, retired keys and every sealed value for re-encryption.
public protocol CredentialStore: Sendable {
    // API keys
    func apiKeys(accountID: String) async throws -> [APIKeyRecord]
    /// Marks the key revoked (once) and returns it; nil when the account has no such key.
    func revokeAPIKey(id: String, accountID: String, at: Millis) async throws -> APIKeyRecord?
    /// Sets the key's own rate limit (nil: the host's) and returns the key; nil when the account has no such key.
    func setAPIKeyRateLimit(id: String, accountID: String, rateLimit: Int?) async throws -> APIKeyRecord?

    // OAuth apps, one per account and provider
    func saveOAuthApp(_ app: OAuthAppRecord) async throws
    func oauthApp(accountID: String, provider: String) async throws -> OAuthAppRecord?
    func oauthApps(accountID: String) async throws -> [OAuthAppRecord]
    func deleteOAuthApp(accountID: String, provider: String) async throws -> Bool

    // Authorizations in flight
    /// Also drops states that expired before this one was created.
    func insertOAuthState(_ state: OAuthStateRecord) async throws
    /// By the hash of the `state` the provider sends back to the callback, which carries no
    /// account: the state names the account. So do `consumeOAuthState` and its id.
    func oauthState(id: String) async throws -> OAuthStateRecord?
    /// Deletes the state and returns it, atomically: of two concurrent callbacks, one wins.
    func consumeOAuthState(id: String) async throws -> OAuthStateRecord?

    // Token lifecycle
    func connectionAuth(connectionID: String, accountID: String) async throws -> ConnectionAuthRecord?
    /// Stores new credentials with their expiry in one transaction, makes the connection active
    /// and clears its status reason. With `leaseOwner`, only while that owner holds the refresh
    /// lease, which it releases; answers false when it does not (nothing is written then).
    func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                    at: Millis, leaseOwner: String?) async throws -> Bool
    /// Sets a non-active status with the reason shown to clients, releasing `leaseOwner`'s lease.
    func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                             at: Millis, leaseOwner: String?) async throws
    /// Takes the connection's refresh lease unless someone holds an unexpired one.
    func acquireRefreshLease(connectionID: String, owner: String, now: Millis, until: Millis) async throws -> Bool
    func releaseRefreshLease(connectionID: String, owner: String) async throws

    // Vault
    func vaultCanary() async throws -> String?
    func saveVaultCanary(_ sealed: String, at: Millis) async throws
    /// Sealed values, from every column in `SealedColumn.all`, whose key id is not `keyID`, at most `limit`.
    func sealedSecrets(notUnderKey keyID: String, limit: Int) async throws -> [SealedSecret]
    /// How many sealed values each key id holds, per kind, over every column in `SealedColumn.all`.
    func sealedSecretCounts() async throws -> [String: [SealedSecret.Kind: Int]]
    /// Replaces a sealed value if it is still what was read (so a concurrent write wins).
    func replaceSealedSecret(_ secret: SealedSecret, with sealed: String) async throws -> Bool
    func retiredKeyIDs() async throws -> Set<String>
    func retireKey(_ keyID: String, at: Millis) async throws
}
