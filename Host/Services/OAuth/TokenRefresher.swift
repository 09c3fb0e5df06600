import Foundation
import Logging
import PatchbayClock
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Keeps OAuth access tokens fresh: before they expire, and once after a provider answers 401.
///
/// Single-flight per connection across every host sharing the store: a refresher must hold
/// the connection's lease row to call the token endpoint; everyone else waits until the
/// sealed credentials change and uses the new ones. The holder notifies the connection's
/// `oauthRefresh` channel when it lets go of the lease, which wakes the waiters; a waiter also
/// looks again every `recheckInterval`, for a notification lost between replicas or a holder
/// that crashed (its lease runs out). The new access token and a rotated
/// refresh token are sealed together and stored in one transaction with the new expiry, so
/// a crash can never keep one without the other.
struct TokenRefresher: Sendable {
    let store: any ConnectionStore & CredentialStore & ConnectionEventStore
    let providers: ProviderDirectory
    let vault: Vault
    let exchange: TokenExchange
    let events: HostEvents
    let notifier: any Notifier
    let logger: Logger
    /// Expiries, leases and the waits between looks are read on the host's clock.
    let clock: any HostClock

    /// Tokens expiring within this window are refreshed before use.
    static let refreshAhead: Millis = 120_000
    /// How long a refresher may hold the lease; a crashed one blocks others no longer than this.
    static let leaseDuration: Millis = 30_000
    /// How long a waiter trusts the notifier before it reads the store again.
    static let recheckInterval: Duration = .seconds(1)
    /// Where a connection's refresh token is kept among its sealed credentials.
    static let refreshTokenKey = "oauth_refresh_token"

    /// The connection, refreshed first when its access token is about to expire.
    func ensureFresh(_ connection: ConnectionRecord) async throws -> ConnectionRecord {
        guard connection.status == .active, let spec = try await spec(for: connection), spec.refresh,
              let auth = try await store.connectionAuth(connectionID: connection.id, accountID: connection.accountID)
        else { return connection }
        // Refreshed by someone else since this record was read: use what they stored.
        if let refreshedAt = auth.refreshedAt, refreshedAt > connection.updatedAt {
            return try usable(try await reload(connection))
        }
        guard let expiresAt = auth.expiresAt, expiresAt - clock.wallMillis < Self.refreshAhead else { return connection }
        return try await refresh(connection, spec: spec)
    }

    /// After the provider refused `used` with a 401: the connection with new credentials, or nil
    /// when there is nothing to refresh with (no refresh token, or no OAuth for this provider).
    func refreshAfterRejection(_ used: ConnectionRecord) async throws -> ConnectionRecord? {
        guard let spec = try await spec(for: used), spec.refresh, try ConnectionCalls.openCredentials(used, vault: vault)[Self.refreshTokenKey] != nil else { return nil }
        return try await refresh(used, spec: spec)
    }

    private func spec(for connection: ConnectionRecord) async throws -> OAuthSpec? {
        try await providers.provider(connection.provider, accountID: connection.accountID)?.manifest.oauth
    }

    private func refresh(_ stale: ConnectionRecord, spec: OAuthSpec) async throws -> ConnectionRecord {
        let owner = UUID().uuidString
        let deadline = clock.wallMillis + Self.leaseDuration + 5_000
        // Listening before the first read, so a refresh that ends after it still wakes this one.
        let finished = notifier.listen(.oauthRefresh(stale.id))
        defer { finished.cancel() }
        while true {
            let current = try await reload(stale)
            if current.sealedCredentials != stale.sealedCredentials || current.status != stale.status {
                return try usable(current)
            }
            let now = clock.wallMillis
            if try await store.acquireRefreshLease(connectionID: stale.id, owner: owner, now: now, until: now + Self.leaseDuration) {
                // Someone may have finished between the read above and taking the lease.
                let latest = try await reload(stale)
                guard latest.sealedCredentials == stale.sealedCredentials, latest.status == .active else {
                    try await store.releaseRefreshLease(connectionID: stale.id, owner: owner)
                    return try usable(latest)
                }
                do {
                    let refreshed = try await performRefresh(latest, spec: spec, owner: owner)
                    await notifier.notify(.oauthRefresh(stale.id))
                    return refreshed
                } catch {
                    // New credentials, needs_reauth or a released lease: the waiters look again.
                    await notifier.notify(.oauthRefresh(stale.id))
                    throw error
                }
            }
            guard clock.wallMillis < deadline else {
                throw ServiceError(.unavailable, "refresh_timeout", "another refresh of connection \(stale.id) did not finish in time",
                                   retryable: true)
            }
            _ = await finished.wait(until: clock.now + Self.recheckInterval, on: clock)
            try Task.checkCancellation()
        }
    }

    private func performRefresh(_ connection: ConnectionRecord, spec: OAuthSpec, owner: String) async throws -> ConnectionRecord {
        var credentials = try ConnectionCalls.openCredentials(connection, vault: vault)
        guard let refreshToken = credentials[Self.refreshTokenKey] else {
            try await store.releaseRefreshLease(connectionID: connection.id, owner: owner)
            return connection
        }
        guard let app = try await store.oauthApp(accountID: connection.accountID, provider: connection.provider) else {
            try await recordAuthFailure(connection, reason: "the account's \(connection.provider) OAuth app was removed", owner: owner)
            throw needsReauth(connection.id, "the account's \(connection.provider) OAuth app was removed")
        }
        let client = TokenExchange.Client(id: app.clientID, secret: try OAuthAppService.clientSecret(app, vault: vault))
        let tokens: TokenExchange.Tokens
        do {
            tokens = try await exchange.refresh(refreshToken, spec: spec, client: client, provider: connection.provider,
                                                config: connection.config)
            ServiceMetrics.tokenRefreshed(provider: connection.provider, outcome: "succeeded")
        } catch let failure as TokenExchange.Failure {
            switch failure {
            case .refused:
                ServiceMetrics.tokenRefreshed(provider: connection.provider, outcome: "refused")
                let reason = "the provider refused the refresh: \(Redaction.redact(failure.summary, secrets: Array(credentials.values)))"
                try await recordAuthFailure(connection, reason: reason, owner: owner)
                throw needsReauth(connection.id, reason)
            case .unavailable(let reason):
                ServiceMetrics.tokenRefreshed(provider: connection.provider, outcome: "unavailable")
                try await store.releaseRefreshLease(connectionID: connection.id, owner: owner)
                throw ServiceError(.upstreamFailed, "refresh_failed", "could not refresh the access token: \(reason)", retryable: true)
            }
        }
        credentials[spec.credential] = tokens.accessToken
        if let rotated = tokens.refreshToken { credentials[Self.refreshTokenKey] = rotated }
        let now = clock.wallMillis
        let sealed = try vault.seal(credentials, context: ConnectionCalls.vaultContext(connection.id))
        guard try await store.saveTokens(connectionID: connection.id, accountID: connection.accountID, sealedCredentials: sealed,
                                         expiresAt: tokens.expiresIn.map { now + Millis($0) * 1000 }, at: now,
                                         leaseOwner: owner)
        else {
            throw ServiceError(.unavailable, "refresh_lost", "the refresh of connection \(connection.id) lost its lease", retryable: true)
        }
        logger.info("refreshed an access token", metadata: ["connection": "\(connection.id)", "provider": "\(connection.provider)",
                                                            "rotated_refresh_token": "\(tokens.refreshToken != nil)"])
        return try await reload(connection)
    }

    /// The one place a connection becomes `needs_reauth`: the status, the provider's reason
    /// (shown by `GET /v1/connections/{id}/auth`) and a `patchbay.connection.needs_reauth` event
    /// for the webhook inbox are stored in one transaction, the lease released, a notice logged.
    private func recordAuthFailure(_ connection: ConnectionRecord, reason: String, owner: String) async throws {
        let event = try await events.needsReauth(connection, error: reason)
        try await store.setConnectionStatus(connectionID: connection.id, accountID: connection.accountID, status: .needsReauth,
                                            reason: reason, at: clock.wallMillis, leaseOwner: owner, announcing: event)
        await events.committed(event)
        logger.notice("connection needs re-authorization", metadata: ["connection": "\(connection.id)",
                                                                       "provider": "\(connection.provider)", "reason": "\(reason)"])
    }

    private func usable(_ connection: ConnectionRecord) throws -> ConnectionRecord {
        if connection.status == .needsReauth { throw needsReauth(connection.id, "the last refresh failed") }
        return connection
    }

    private func needsReauth(_ id: String, _ reason: String) -> ServiceError {
        ServiceError(.conflict, "needs_reauth", "connection \(id) must be authorized again (\(reason)); POST /v1/connections/\(id)/authorize")
    }

    private func reload(_ connection: ConnectionRecord) async throws -> ConnectionRecord {
        guard let current = try await store.connection(id: connection.id, accountID: connection.accountID) else {
            throw ServiceError.notFound("connection", connection.id)
        }
        return current
    }

}
