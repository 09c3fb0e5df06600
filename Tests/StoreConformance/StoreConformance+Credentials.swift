import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// OAuth apps and states, the token lifecycle with its refresh lease, and the vault's rows.
extension StoreConformance {
    /// One app per account and provider, replaced on save, invisible to other accounts.
    public func oauthAppsArePerAccountAndProvider() async throws {
        let store = try await tenants()
        func app(_ id: String, _ account: String, _ provider: String, clientID: String, at time: Millis) -> OAuthAppRecord {
            OAuthAppRecord(id: id, accountID: account, provider: provider, clientID: clientID, sealedClientSecret: "pbv1.k1.\(id)",
                           scopes: ["chat:write", "users:read"], redirectURI: "https://host.example/oauth/callback",
                           createdAt: time, updatedAt: time)
        }
        try await store.saveOAuthApp(app("app_1", Self.accountA, "slack", clientID: "old", at: 1))
        try await store.saveOAuthApp(app("app_2", Self.accountA, "slack", clientID: "new", at: 2))
        try await store.saveOAuthApp(app("app_3", Self.accountA, "github", clientID: "gh", at: 3))
        let slack = try await store.oauthApp(accountID: Self.accountA, provider: "slack")
        XCTAssertEqual(slack?.clientID, "new", "a second save did not replace the app")
        XCTAssertEqual(slack?.updatedAt, 2)
        let all = try await store.oauthApps(accountID: Self.accountA)
        XCTAssertEqual(all.map(\.provider), ["github", "slack"])
        let foreign = try await store.oauthApp(accountID: Self.accountB, provider: "slack")
        XCTAssertNil(foreign)
        let foreignList = try await store.oauthApps(accountID: Self.accountB)
        XCTAssertEqual(foreignList, [])
        let foreignDelete = try await store.deleteOAuthApp(accountID: Self.accountB, provider: "slack")
        XCTAssertFalse(foreignDelete)
        let deleted = try await store.deleteOAuthApp(accountID: Self.accountA, provider: "slack")
        XCTAssertTrue(deleted)
        let again = try await store.deleteOAuthApp(accountID: Self.accountA, provider: "slack")
        XCTAssertFalse(again)
    }

    /// Of many concurrent callbacks with one state, exactly one consumes it; expired states go
    /// when the next one is stored.
    public func oauthStatesAreConsumedOnce() async throws {
        let store = try await tenants()
        func state(_ id: String, expiresAt: Millis, createdAt: Millis) -> OAuthStateRecord {
            OAuthStateRecord(id: id, accountID: Self.accountA, connectionID: "conn_a", sealedVerifier: "pbv1.k1.\(id)",
                             redirectURI: "https://host.example/oauth/callback", expiresAt: expiresAt, createdAt: createdAt)
        }
        try await store.insertOAuthState(state("st_old", expiresAt: 50, createdAt: 1))
        try await store.insertOAuthState(state("st_1", expiresAt: 600, createdAt: 10))
        let kept = try await store.oauthState(id: "st_old")
        XCTAssertNotNil(kept, "a state was dropped before it expired")
        try await store.insertOAuthState(state("st_2", expiresAt: 700, createdAt: 100))
        let expired = try await store.oauthState(id: "st_old")
        XCTAssertNil(expired, "an expired state outlived the next insert")
        let read = try await store.oauthState(id: "st_1")
        XCTAssertEqual(read, state("st_1", expiresAt: 600, createdAt: 10))

        let consumed = try await concurrently(20, on: store) { store, _ in
            try await store.consumeOAuthState(id: "st_1")
        }.compactMap { $0 }
        XCTAssertEqual(consumed, [state("st_1", expiresAt: 600, createdAt: 10)], "\(consumed.count) callbacks consumed one state")
        let after = try await store.oauthState(id: "st_1")
        XCTAssertNil(after)
        let other = try await store.oauthState(id: "st_2")
        XCTAssertNotNil(other)
    }

    /// One refresher at a time per connection: the lease is exclusive until it runs out, only
    /// its holder saves tokens under it, and saving releases it.
    public func refreshLeasesAreExclusive() async throws {
        let store = try await tenants()
        let winners = try await concurrently(16, on: store) { store, index in
            try await store.acquireRefreshLease(connectionID: "conn_a", owner: "r\(index)", now: 10, until: 100)
        }
        XCTAssertEqual(winners.filter { $0 }.count, 1, "\(winners.filter { $0 }.count) refreshers hold one lease")
        let holder = "r\(try XCTUnwrap(winners.firstIndex(of: true)))"
        let held = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "late", now: 99, until: 200)
        XCTAssertFalse(held)

        let stranger = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.stranger",
                                                  expiresAt: 900, at: 20, leaseOwner: "late")
        XCTAssertFalse(stranger, "tokens were saved without the lease")
        let unchanged = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(unchanged?.sealedCredentials, "pbv1.k1.conn_a")

        let saved = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.fresh",
                                               expiresAt: 900, at: 30, leaseOwner: holder)
        XCTAssertTrue(saved)
        let auth = try await store.connectionAuth(connectionID: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(auth, ConnectionAuthRecord(connectionID: "conn_a", expiresAt: 900, refreshedAt: 30, statusReason: nil))
        let foreignAuth = try await store.connectionAuth(connectionID: "conn_a", accountID: Self.accountB)
        XCTAssertNil(foreignAuth, "another account read the token lifecycle")
        let released = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "next", now: 40, until: 100)
        XCTAssertTrue(released, "saving tokens did not release the lease")

        try await store.releaseRefreshLease(connectionID: "conn_a", owner: "someone-else")
        let stillHeld = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "other", now: 41, until: 100)
        XCTAssertFalse(stillHeld, "a release by a non-holder freed the lease")
        try await store.releaseRefreshLease(connectionID: "conn_a", owner: "next")
        let free = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "other", now: 42, until: 100)
        XCTAssertTrue(free)
        let expired = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "after", now: 101, until: 300)
        XCTAssertTrue(expired, "an expired lease was not taken over")
    }

    /// A refresher whose lease ran out and was taken over saves nothing, even racing the new
    /// holder from another replica; token saves and status changes of one connection, racing
    /// on two replicas, all complete (none deadlocks) and leave the last save's tokens.
    public func tokensAreSavedOnlyUnderAHeldLease() async throws {
        let store = try await tenants()
        let first = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "r0", now: 10, until: 20)
        XCTAssertTrue(first)
        let takeover = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "r1", now: 30, until: 100)
        XCTAssertTrue(takeover, "an expired lease was not taken over")
        let saves = try await concurrently(16, on: store) { store, index in
            try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.r\(index)",
                                       expiresAt: 900, at: 40, leaseOwner: "r\(index)")
        }
        XCTAssertEqual(saves.indices.filter { saves[$0] }, [1], "saves under the lease: \(saves)")
        let saved = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(saved?.sealedCredentials, "pbv1.k1.r1", "a refresher without the lease wrote its tokens")
        let stale = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.again",
                                               expiresAt: 900, at: 41, leaseOwner: "r1")
        XCTAssertFalse(stale, "a save under a lease that the first save released went through")

        // Refreshers and status changes of one connection race: even runs refresh under a lease
        // they take, odd runs mark the connection as needing re-authorization without one.
        let outcomes = try await concurrently(24, on: store) { store, index in
            guard index.isMultiple(of: 2) else {
                try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountA, status: .needsReauth,
                                                    reason: "invalid_grant", at: 50, leaseOwner: nil)
                return false
            }
            let owner = "race\(index)"
            guard try await store.acquireRefreshLease(connectionID: "conn_a", owner: owner, now: 50, until: 1000) else { return false }
            return try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.\(owner)",
                                              expiresAt: 2000, at: 60, leaseOwner: owner)
        }
        XCTAssertGreaterThanOrEqual(outcomes.filter { $0 }.count, 1, "no refresher saved its tokens")
        let free = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "after", now: 61, until: 1000)
        XCTAssertTrue(free, "a lease was left held after every refresher saved")
    }

    /// Status changes carry their reason, release the caller's lease, never revive a revoked
    /// connection, and never touch another account's.
    public func connectionStatusAndTokensAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        let leased = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "r1", now: 1, until: 100)
        XCTAssertTrue(leased)
        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountA, status: .needsReauth,
                                            reason: "invalid_grant", at: 5, leaseOwner: "r1")
        let connection = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(connection?.status, .needsReauth)
        let auth = try await store.connectionAuth(connectionID: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(auth?.statusReason, "invalid_grant")
        let released = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "r2", now: 6, until: 100)
        XCTAssertTrue(released, "setting the status did not release the caller's lease")

        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountB, status: .active, reason: nil, at: 7,
                                            leaseOwner: nil)
        let foreignTokens = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountB, sealedCredentials: "pbv1.k1.x",
                                                       expiresAt: nil, at: 8, leaseOwner: nil)
        XCTAssertFalse(foreignTokens)
        let untouched = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(untouched?.status, .needsReauth, "another account changed the connection")

        var revoked = Self.connection("conn_gone", account: Self.accountA, status: .revoked, createdAt: 3)
        revoked.sealedCredentials = nil
        try await store.insertConnection(revoked)
        try await store.setConnectionStatus(connectionID: "conn_gone", accountID: Self.accountA, status: .active, reason: nil, at: 9,
                                            leaseOwner: nil)
        let revived = try await store.saveTokens(connectionID: "conn_gone", accountID: Self.accountA, sealedCredentials: "pbv1.k1.y",
                                                 expiresAt: nil, at: 9, leaseOwner: nil)
        XCTAssertFalse(revived)
        let stillRevoked = try await store.connection(id: "conn_gone", accountID: Self.accountA)
        XCTAssertEqual(stillRevoked, revoked, "a revoked connection came back")
    }

    /// The canary, retired keys, and sealed values found and replaced for re-encryption.
    public func vaultRowsAreFoundAndReplacedByKey() async throws {
        let store = try await tenants()
        let none = try await store.vaultCanary()
        XCTAssertNil(none)
        try await store.saveVaultCanary("pbv1.k1.Y2FuYXJ5", at: 1)
        // The canary is written once: a second keyring must not overwrite the first one's.
        try await store.saveVaultCanary("pbv1.k9.b3RoZXI", at: 2)
        let canary = try await store.vaultCanary()
        XCTAssertEqual(canary, "pbv1.k1.Y2FuYXJ5")

        var current = Self.connection("conn_new_key", account: Self.accountA, createdAt: 2)
        current.sealedCredentials = "pbv1.k2.bmV3"
        try await store.insertConnection(current)
        let old = try await store.sealedSecrets(notUnderKey: "k2", limit: 100)
        XCTAssertEqual(Set(old.map(\.context)), ["connection:conn_a", "connection:conn_b", "vault_canary:canary"])
        let limited = try await store.sealedSecrets(notUnderKey: "k2", limit: 1)
        XCTAssertEqual(limited.count, 1)
        let counts = try await store.sealedSecretCounts()
        XCTAssertEqual(counts["k1"]?[.connection], 2)
        XCTAssertEqual(counts["k2"]?[.connection], 1)
        XCTAssertEqual(counts["k1"]?[.vaultCanary], 1)

        let target = try XCTUnwrap(old.first { $0.rowID == "conn_a" })
        let replaced = try await store.replaceSealedSecret(target, with: "pbv1.k2.cmVzZWFsZWQ")
        XCTAssertTrue(replaced)
        let stale = try await store.replaceSealedSecret(target, with: "pbv1.k2.c3RhbGU")
        XCTAssertFalse(stale, "a value that changed since it was read was replaced")
        let connection = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(connection?.sealedCredentials, "pbv1.k2.cmVzZWFsZWQ")

        try await store.retireKey("k1", at: 3)
        try await store.retireKey("k0", at: 4)
        let retired = try await store.retiredKeyIDs()
        XCTAssertEqual(retired, ["k0", "k1"])
    }
}
