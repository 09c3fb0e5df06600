import Foundation
import GRDB
public import PatchbayModel

extension SQLiteStore {
    // MARK: API keys

    public func apiKeys(accountID: String) async throws -> [APIKeyRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys WHERE account_id = ? ORDER BY created_at DESC, id DESC",
                             arguments: [accountID]).map(Self.apiKey)
        }
    }

    public func revokeAPIKey(id: String, accountID: String, at: Millis) async throws -> APIKeyRecord? {
        try await write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                           arguments: [at, id, accountID])
            return try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.apiKey)
        }
    }

    public func setAPIKeyRateLimit(id: String, accountID: String, rateLimit: Int?) async throws -> APIKeyRecord? {
        try await write { db in
            try db.execute(sql: "UPDATE api_keys SET rate_limit = ? WHERE id = ? AND account_id = ?",
                           arguments: [rateLimit, id, accountID])
            return try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.apiKey)
        }
    }

    static func apiKey<Stored: StoredRow>(_ row: Stored) -> APIKeyRecord {
        APIKeyRecord(id: row["id"], accountID: row["account_id"], prefix: row["prefix"], salt: row["salt"],
                     hash: row["hash"], scopes: (row["scopes"] as String).split(separator: " ").map(String.init),
                     createdAt: row["created_at"], revokedAt: row["revoked_at"], rateLimit: row["rate_limit"])
    }

    // MARK: OAuth apps

    public func saveOAuthApp(_ app: OAuthAppRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_apps (id, account_id, provider, client_id, sealed_client_secret, scopes, redirect_uri,
                        created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, provider) DO UPDATE SET client_id = excluded.client_id,
                        sealed_client_secret = excluded.sealed_client_secret, scopes = excluded.scopes,
                        redirect_uri = excluded.redirect_uri, updated_at = excluded.updated_at
                    """,
                arguments: [app.id, app.accountID, app.provider, app.clientID, app.sealedClientSecret,
                            app.scopes.joined(separator: " "), app.redirectURI, app.createdAt, app.updatedAt])
        }
    }

    public func oauthApp(accountID: String, provider: String) async throws -> OAuthAppRecord? {
        try lookup { db in
            try Row.fetchOne(db, sql: "SELECT * FROM oauth_apps WHERE account_id = ? AND provider = ?",
                             arguments: [accountID, provider]).map(Self.oauthApp)
        }
    }

    public func oauthApps(accountID: String) async throws -> [OAuthAppRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM oauth_apps WHERE account_id = ? ORDER BY provider", arguments: [accountID])
                .map(Self.oauthApp)
        }
    }

    public func deleteOAuthApp(accountID: String, provider: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM oauth_apps WHERE account_id = ? AND provider = ?", arguments: [accountID, provider])
            return db.changesCount > 0
        }
    }

    private static func oauthApp<Stored: StoredRow>(_ row: Stored) -> OAuthAppRecord {
        OAuthAppRecord(id: row["id"], accountID: row["account_id"], provider: row["provider"], clientID: row["client_id"],
                       sealedClientSecret: row["sealed_client_secret"],
                       scopes: (row["scopes"] as String).split(separator: " ").map(String.init),
                       redirectURI: row["redirect_uri"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    // MARK: Authorizations in flight

    public func insertOAuthState(_ state: OAuthStateRecord) async throws {
        try await write { db in
            // Authorizations nobody finished are dropped once expired, with their sealed verifiers.
            try db.execute(sql: "DELETE FROM oauth_states WHERE expires_at < ?", arguments: [state.createdAt])
            try db.execute(
                sql: """
                    INSERT INTO oauth_states (id, account_id, connection_id, sealed_verifier, redirect_uri, expires_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [state.id, state.accountID, state.connectionID, state.sealedVerifier, state.redirectURI,
                            state.expiresAt, state.createdAt])
        }
    }

    public func oauthState(id: String) async throws -> OAuthStateRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM oauth_states WHERE id = ?", arguments: [id]).map(Self.oauthState)
        }
    }

    public func consumeOAuthState(id: String) async throws -> OAuthStateRecord? {
        try await write { db in
            guard let state = try Row.fetchOne(db, sql: "SELECT * FROM oauth_states WHERE id = ?", arguments: [id])
                .map(Self.oauthState) else { return nil }
            try db.execute(sql: "DELETE FROM oauth_states WHERE id = ?", arguments: [id])
            return state
        }
    }

    private static func oauthState<Stored: StoredRow>(_ row: Stored) -> OAuthStateRecord {
        OAuthStateRecord(id: row["id"], accountID: row["account_id"], connectionID: row["connection_id"],
                         sealedVerifier: row["sealed_verifier"], redirectURI: row["redirect_uri"],
                         expiresAt: row["expires_at"], createdAt: row["created_at"])
    }

    // MARK: Token lifecycle

    public func connectionAuth(connectionID: String, accountID: String) async throws -> ConnectionAuthRecord? {
        try lookup { db in
            try Self.first(
                db.cachedStatement(
                    sql: """
                        SELECT a.* FROM connection_auth a JOIN connections c ON c.id = a.connection_id
                        WHERE a.connection_id = ? AND c.account_id = ?
                        """), [connectionID, accountID]
            ) { row in
                ConnectionAuthRecord(connectionID: row["connection_id"], expiresAt: row["expires_at"],
                                     refreshedAt: row["refreshed_at"], statusReason: row["status_reason"])
            }
        }
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?) async throws -> Bool {
        try await write { db in
            try Self.saveTokens(db, connectionID: connectionID, accountID: accountID, sealedCredentials: sealedCredentials,
                                expiresAt: expiresAt, at: at, leaseOwner: leaseOwner)
        }
    }

    static func saveTokens(_ db: Database, connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?) throws -> Bool {
        if let leaseOwner {
            let holder = try String.fetchOne(db, sql: "SELECT lease_owner FROM connection_auth WHERE connection_id = ?",
                                             arguments: [connectionID])
            guard holder == leaseOwner else { return false }
        }
        try db.execute(
            sql: """
                UPDATE connections SET sealed_credentials = ?, status = 'active', updated_at = ?
                WHERE id = ? AND account_id = ? AND status != 'revoked'
                """,
            arguments: [sealedCredentials, at, connectionID, accountID])
        guard db.changesCount == 1 else { return false }
        try db.execute(
            sql: """
                INSERT INTO connection_auth (connection_id, expires_at, refreshed_at) VALUES (?, ?, ?)
                ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at,
                    refreshed_at = excluded.refreshed_at, status_reason = NULL, lease_owner = NULL, lease_until = NULL
                """,
            arguments: [connectionID, expiresAt, at])
        return true
    }

    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                                    at: Millis, leaseOwner: String?) async throws {
        try await write { db in
            _ = try Self.setConnectionStatus(db, connectionID: connectionID, accountID: accountID, status: status, reason: reason,
                                             at: at, leaseOwner: leaseOwner)
        }
    }

    /// Answers whether the connection was there to change (a revoked one is not).
    static func setConnectionStatus(_ db: Database, connectionID: String, accountID: String, status: ConnectionRecord.Status,
                                    reason: String?, at: Millis, leaseOwner: String?) throws -> Bool {
        try db.execute(sql: "UPDATE connections SET status = ?, updated_at = ? WHERE id = ? AND account_id = ? AND status != 'revoked'",
                       arguments: [status.rawValue, at, connectionID, accountID])
        guard db.changesCount == 1 else { return false }
        try db.execute(
            sql: """
                INSERT INTO connection_auth (connection_id, status_reason) VALUES (?, ?)
                ON CONFLICT (connection_id) DO UPDATE SET status_reason = excluded.status_reason,
                    lease_owner = CASE WHEN lease_owner = ? THEN NULL ELSE lease_owner END,
                    lease_until = CASE WHEN lease_owner = ? THEN NULL ELSE lease_until END
                """,
            arguments: [connectionID, reason, leaseOwner, leaseOwner])
        return true
    }

    /// Forgets the token expiry and status reason after credentials were replaced by hand.
    static func clearConnectionAuth(_ db: Database, connectionID: String) throws {
        try db.execute(sql: "UPDATE connection_auth SET expires_at = NULL, status_reason = NULL WHERE connection_id = ?",
                       arguments: [connectionID])
    }

    public func acquireRefreshLease(connectionID: String, owner: String, now: Millis, until: Millis) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "INSERT INTO connection_auth (connection_id) VALUES (?) ON CONFLICT (connection_id) DO NOTHING",
                           arguments: [connectionID])
            try db.execute(
                sql: """
                    UPDATE connection_auth SET lease_owner = ?, lease_until = ?
                    WHERE connection_id = ? AND (lease_owner IS NULL OR lease_until < ?)
                    """,
                arguments: [owner, until, connectionID, now])
            return db.changesCount == 1
        }
    }

    public func releaseRefreshLease(connectionID: String, owner: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE connection_auth SET lease_owner = NULL, lease_until = NULL WHERE connection_id = ? AND lease_owner = ?",
                           arguments: [connectionID, owner])
        }
    }

    // MARK: Vault

    public func vaultCanary() async throws -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT sealed FROM vault_canary WHERE id = 'canary'") }
    }

    public func saveVaultCanary(_ sealed: String, at: Millis) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO vault_canary (id, sealed, created_at) VALUES ('canary', ?, ?) ON CONFLICT (id) DO NOTHING",
                           arguments: [sealed, at])
        }
    }

    public func sealedSecrets(notUnderKey keyID: String, limit: Int) async throws -> [SealedSecret] {
        let pattern = "pbv1.\(keyID).%"
        return try await read { db in
            var found: [SealedSecret] = []
            for place in SealedColumn.all where found.count < limit {
                let rows = try Row.fetchAll(
                    db, sql: """
                        SELECT \(place.idColumn) AS id, \(place.column) AS sealed FROM \(place.table)
                        WHERE \(place.column) IS NOT NULL AND \(place.column) NOT LIKE ? LIMIT ?
                        """,
                    arguments: [pattern, limit - found.count])
                found += rows.map { SealedSecret(kind: place.kind, rowID: $0["id"], sealed: $0["sealed"]) }
            }
            return found
        }
    }

    public func sealedSecretCounts() async throws -> [String: [SealedSecret.Kind: Int]] {
        try await read { db in
            var counts: [String: [SealedSecret.Kind: Int]] = [:]
            for place in SealedColumn.all {
                // `pbv1.<key id>.<payload>`: the key id runs from the 6th character to the next dot.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT CASE WHEN \(place.column) LIKE 'pbv1.%.%'
                                THEN substr(\(place.column), 6, instr(substr(\(place.column), 6), '.') - 1) ELSE '?' END AS key_id,
                           count(*) AS count
                    FROM \(place.table) WHERE \(place.column) IS NOT NULL GROUP BY key_id
                    """)
                for row in rows {
                    counts[row["key_id"], default: [:]][place.kind] = row["count"]
                }
            }
            return counts
        }
    }

    public func replaceSealedSecret(_ secret: SealedSecret, with sealed: String) async throws -> Bool {
        let place = SealedColumn(secret.kind)
        return try await write { db in
            try db.execute(sql: "UPDATE \(place.table) SET \(place.column) = ? WHERE \(place.idColumn) = ? AND \(place.column) = ?",
                           arguments: [sealed, secret.rowID, secret.sealed])
            return db.changesCount == 1
        }
    }

    public func retiredKeyIDs() async throws -> Set<String> {
        try await read { db in Set(try String.fetchAll(db, sql: "SELECT key_id FROM vault_retired_keys")) }
    }

    public func retireKey(_ keyID: String, at: Millis) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO vault_retired_keys (key_id, retired_at) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                           arguments: [keyID, at])
        }
    }
}
