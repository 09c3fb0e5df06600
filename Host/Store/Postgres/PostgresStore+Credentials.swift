import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func apiKeys(accountID: String) async throws -> [APIKeyRecord] {
        throw PostgresStore.notPorted
    }

    public func revokeAPIKey(id: String, accountID: String, at: Millis) async throws -> APIKeyRecord? {
        throw PostgresStore.notPorted
    }

    public func saveOAuthApp(_ app: OAuthAppRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func oauthApp(accountID: String, provider: String) async throws -> OAuthAppRecord? {
        throw PostgresStore.notPorted
    }

    public func oauthApps(accountID: String) async throws -> [OAuthAppRecord] {
        throw PostgresStore.notPorted
    }

    public func deleteOAuthApp(accountID: String, provider: String) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func insertOAuthState(_ state: OAuthStateRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func oauthState(id: String) async throws -> OAuthStateRecord? {
        throw PostgresStore.notPorted
    }

    public func consumeOAuthState(id: String) async throws -> OAuthStateRecord? {
        throw PostgresStore.notPorted
    }

    public func connectionAuth(connectionID: String, accountID: String) async throws -> ConnectionAuthRecord? {
        throw PostgresStore.notPorted
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?, at: Millis, leaseOwner: String?) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?, at: Millis, leaseOwner: String?) async throws {
        throw PostgresStore.notPorted
    }

    public func acquireRefreshLease(connectionID: String, owner: String, now: Millis, until: Millis) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func releaseRefreshLease(connectionID: String, owner: String) async throws {
        throw PostgresStore.notPorted
    }

    public func vaultCanary() async throws -> String? {
        throw PostgresStore.notPorted
    }

    public func saveVaultCanary(_ sealed: String, at: Millis) async throws {
        throw PostgresStore.notPorted
    }

    public func sealedSecrets(notUnderKey keyID: String, limit: Int) async throws -> [SealedSecret] {
        throw PostgresStore.notPorted
    }

    public func sealedSecretCounts() async throws -> [String: [SealedSecret.Kind: Int]] {
        throw PostgresStore.notPorted
    }

    public func replaceSealedSecret(_ secret: SealedSecret, with sealed: String) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func retiredKeyIDs() async throws -> Set<String> {
        throw PostgresStore.notPorted
    }

    public func retireKey(_ keyID: String, at: Millis) async throws {
        throw PostgresStore.notPorted
    }
}
