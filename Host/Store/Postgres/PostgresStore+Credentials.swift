import Foundation
public import PatchbayModel
import PostgresNIO

/// API keys, OAuth apps and states, the token lifecycle with its refresh lease, and the vault.
///
/// Replicas race here, so each guarantee is one conditional statement: a state is consumed by
/// `DELETE … RETURNING` (one callback gets the row, the others none), the refresh lease is a
/// conditional upsert (one acquirer's `WHERE` holds, the others' re-checked row no longer
/// qualifies), and tokens are saved under a lease only by an update that requires the caller
/// to still hold it (`applyTokens`, shared with the writes that announce an event).
extension PostgresStore {
    // MARK: API keys

    public func apiKeys(accountID: String) async throws -> [APIKeyRecord] {
        try await rows("SELECT * FROM api_keys WHERE account_id = \(accountID) ORDER BY created_at DESC, id DESC").map(Self.apiKey)
    }

    public func revokeAPIKey(id: String, accountID: String, at: Millis) async throws -> APIKeyRecord? {
        // A key revoked before keeps its first revocation time.
        try await write(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(at)) WHERE id = \(id) AND account_id = \(accountID) RETURNING *"
        ).first.map(Self.apiKey)
    }

    public func setAPIKeyRateLimit(id: String, accountID: String, rateLimit: Int?) async throws -> APIKeyRecord? {
        try await write("UPDATE api_keys SET rate_limit = \(rateLimit) WHERE id = \(id) AND account_id = \(accountID) RETURNING *")
            .first.map(Self.apiKey)
    }

    // MARK: OAuth apps

    public func saveOAuthApp(_ app: OAuthAppRecord) async throws {
        let scopes = app.scopes.joined(separator: " ")
        try await write("""
            INSERT INTO oauth_apps (id, account_id, provider, client_id, sealed_client_secret, scopes, redirect_uri,
                created_at, updated_at)
            VALUES (\(app.id), \(app.accountID), \(app.provider), \(app.clientID), \(app.sealedClientSecret), \(scopes),
                \(app.redirectURI), \(app.createdAt), \(app.updatedAt))
            ON CONFLICT (account_id, provider) DO UPDATE SET client_id = excluded.client_id,
                sealed_client_secret = excluded.sealed_client_secret, scopes = excluded.scopes,
                redirect_uri = excluded.redirect_uri, updated_at = excluded.updated_at
            """)
    }

    public func oauthApp(accountID: String, provider: String) async throws -> OAuthAppRecord? {
        try await rows("SELECT * FROM oauth_apps WHERE account_id = \(accountID) AND provider = \(provider)")
            .first.map(Self.oauthApp)
    }

    public func oauthApps(accountID: String) async throws -> [OAuthAppRecord] {
        try await rows("SELECT * FROM oauth_apps WHERE account_id = \(accountID) ORDER BY provider").map(Self.oauthApp)
    }

    public func deleteOAuthApp(accountID: String, provider: String) async throws -> Bool {
        !(try await write("DELETE FROM oauth_apps WHERE account_id = \(accountID) AND provider = \(provider) RETURNING id").isEmpty)
    }

    private static func oauthApp(_ row: PostgresRandomAccessRow) throws -> OAuthAppRecord {
        OAuthAppRecord(id: try row.value("id"), accountID: try row.value("account_id"), provider: try row.value("provider"),
                       clientID: try row.value("client_id"), sealedClientSecret: try row.value("sealed_client_secret"),
                       scopes: try row.value("scopes", as: String.self).split(separator: " ").map(String.init),
                       redirectURI: try row.value("redirect_uri"), createdAt: try row.value("created_at"),
                       updatedAt: try row.value("updated_at"))
    }

    // MARK: Authorizations in flight

    public func insertOAuthState(_ state: OAuthStateRecord) async throws {
        // Authorizations nobody finished are dropped once expired, with their sealed verifiers,
        // in the statement that stores the new one.
        try await write("""
            WITH expired AS (DELETE FROM oauth_states WHERE expires_at < \(state.createdAt))
            INSERT INTO oauth_states (id, account_id, connection_id, sealed_verifier, redirect_uri, expires_at, created_at)
            VALUES (\(state.id), \(state.accountID), \(state.connectionID), \(state.sealedVerifier), \(state.redirectURI),
                \(state.expiresAt), \(state.createdAt))
            """)
    }

    public func oauthState(id: String) async throws -> OAuthStateRecord? {
        try await rows("SELECT * FROM oauth_states WHERE id = \(id)").first.map(Self.oauthState)
    }

    public func consumeOAuthState(id: String) async throws -> OAuthStateRecord? {
        // Of concurrent deletes of one row, one returns it; the others wait for it and find nothing.
        try await write("DELETE FROM oauth_states WHERE id = \(id) RETURNING *").first.map(Self.oauthState)
    }

    private static func oauthState(_ row: PostgresRandomAccessRow) throws -> OAuthStateRecord {
        OAuthStateRecord(id: try row.value("id"), accountID: try row.value("account_id"), connectionID: try row.value("connection_id"),
                         sealedVerifier: try row.value("sealed_verifier"), redirectURI: try row.value("redirect_uri"),
                         expiresAt: try row.value("expires_at"), createdAt: try row.value("created_at"))
    }

    // MARK: Token lifecycle

    public func connectionAuth(connectionID: String, accountID: String) async throws -> ConnectionAuthRecord? {
        try await rows("""
            SELECT a.* FROM connection_auth a JOIN connections c ON c.id = a.connection_id
            WHERE a.connection_id = \(connectionID) AND c.account_id = \(accountID)
            """
        ).first.map { row in
            ConnectionAuthRecord(connectionID: try row.value("connection_id"), expiresAt: try row.value("expires_at"),
                                 refreshedAt: try row.value("refreshed_at"), statusReason: try row.value("status_reason"))
        }
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?) async throws -> Bool {
        let logger = logger
        return try await transaction { connection in
            try await Self.applyTokens(connection, connectionID: connectionID, accountID: accountID,
                                       sealedCredentials: sealedCredentials, expiresAt: expiresAt, at: at, leaseOwner: leaseOwner,
                                       logger: logger)
        }
    }

    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                                    at: Millis, leaseOwner: String?) async throws {
        let logger = logger
        _ = try await transaction { connection in
            try await Self.applyConnectionStatus(connection, connectionID: connectionID, accountID: accountID, status: status,
                                                 reason: reason, at: at, leaseOwner: leaseOwner, logger: logger)
        }
    }

    public func acquireRefreshLease(connectionID: String, owner: String, now: Millis, until: Millis) async throws -> Bool {
        // Concurrent acquirers of a row nobody had yet: one inserts it, the others wait for that
        // insert to commit and then take the update path, whose WHERE the new holder fails.
        !(try await write("""
            INSERT INTO connection_auth (connection_id, lease_owner, lease_until) VALUES (\(connectionID), \(owner), \(until))
            ON CONFLICT (connection_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
            WHERE connection_auth.lease_owner IS NULL OR connection_auth.lease_until < \(now)
            RETURNING connection_id
            """).isEmpty)
    }

    public func releaseRefreshLease(connectionID: String, owner: String) async throws {
        try await write("""
            UPDATE connection_auth SET lease_owner = NULL, lease_until = NULL
            WHERE connection_id = \(connectionID) AND lease_owner = \(owner)
            """)
    }

    // MARK: Vault

    public func vaultCanary() async throws -> String? {
        try await rows("SELECT sealed FROM vault_canary WHERE id = 'canary'").first.map { try $0.value("sealed") }
    }

    public func saveVaultCanary(_ sealed: String, at: Millis) async throws {
        // Written once: a second keyring must not overwrite the first one's canary.
        try await write("INSERT INTO vault_canary (id, sealed, created_at) VALUES ('canary', \(sealed), \(at)) ON CONFLICT (id) DO NOTHING")
    }

    public func sealedSecrets(notUnderKey keyID: String, limit: Int) async throws -> [SealedSecret] {
        let prefix = "pbv1.\(keyID)."
        var found: [SealedSecret] = []
        for place in SealedColumn.all where found.count < limit {
            let rows = try await rows("""
                SELECT \(unescaped: place.idColumn) AS id, \(unescaped: place.column) AS sealed FROM \(unescaped: place.table)
                WHERE \(unescaped: place.column) IS NOT NULL AND NOT starts_with(\(unescaped: place.column), \(prefix))
                LIMIT \(limit - found.count)
                """)
            found += try rows.map { SealedSecret(kind: place.kind, rowID: try $0.value("id"), sealed: try $0.value("sealed")) }
        }
        return found
    }

    public func sealedSecretCounts() async throws -> [String: [SealedSecret.Kind: Int]] {
        var counts: [String: [SealedSecret.Kind: Int]] = [:]
        for place in SealedColumn.all {
            // `pbv1.<key id>.<payload>`: the key id is the second dot-separated part.
            let rows = try await rows("""
                SELECT CASE WHEN \(unescaped: place.column) LIKE 'pbv1.%.%' THEN split_part(\(unescaped: place.column), '.', 2)
                            ELSE '?' END AS key_id,
                       count(*) AS count
                FROM \(unescaped: place.table) WHERE \(unescaped: place.column) IS NOT NULL GROUP BY 1
                """)
            for row in rows {
                counts[try row.value("key_id", as: String.self), default: [:]][place.kind] = try row.value("count", as: Int.self)
            }
        }
        return counts
    }

    public func replaceSealedSecret(_ secret: SealedSecret, with sealed: String) async throws -> Bool {
        // Only the value that was read is replaced: one changed since, by a rotation on another
        // replica or a new token, is left alone.
        let place = SealedColumn(secret.kind)
        return !(try await write("""
            UPDATE \(unescaped: place.table) SET \(unescaped: place.column) = \(sealed)
            WHERE \(unescaped: place.idColumn) = \(secret.rowID) AND \(unescaped: place.column) = \(secret.sealed)
            RETURNING \(unescaped: place.idColumn)
            """).isEmpty)
    }

    public func retiredKeyIDs() async throws -> Set<String> {
        Set(try await rows("SELECT key_id FROM vault_retired_keys").map { try $0.value("key_id", as: String.self) })
    }

    public func retireKey(_ keyID: String, at: Millis) async throws {
        try await write("INSERT INTO vault_retired_keys (key_id, retired_at) VALUES (\(keyID), \(at)) ON CONFLICT (key_id) DO NOTHING")
    }
}
