import Foundation
import PatchbayClock
import PatchbayEgress
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire
import Synchronization

/// Turns a stored connection into a ready plugin call: the provider (a plugin or a connector), the
/// credentials opened from the vault for this call only, and an egress context that injects them.
struct ConnectionCalls: Sendable {
    let providers: ProviderDirectory
    let vault: Vault
    let egress: Egress
    let settings: HostSettings
    let refresher: TokenRefresher
    let targets: NetworkTargetChecks

    struct Prepared: Sendable {
        let plugin: LoadedPlugin
        let call: PluginCall
        let context: PluginCallContext
        let exchanges: ExchangeLog
    }

    func prepare(_ connection: ConnectionRecord, action: String? = nil, input: JSONValue? = nil) async throws -> Prepared {
        try await Self.requireUsable(connection, store: refresher.store)
        guard let plugin = try await providers.provider(connection.provider, accountID: connection.accountID) else {
            throw ServiceError(.unavailable, "provider_unavailable", "the \(connection.provider) plugin is not loaded on this host")
        }
        var connection = connection
        var credentials = try openCredentials(connection)
        // Only credentials that hold a refresh token can be refreshed: the others skip the
        // store read that checks the token's expiry.
        if credentials[TokenRefresher.refreshTokenKey] != nil {
            let fresh = try await refresher.ensureFresh(connection)
            if fresh.sealedCredentials != connection.sealedCredentials { credentials = try openCredentials(fresh) }
            connection = fresh
        }
        let manifest = plugin.manifest
        let exchanges = ExchangeLog()
        let context: PluginCallContext
        if manifest.auth.type == .plugin, manifest.baseURL == nil, manifest.baseURLConfigField == nil,
           settings.upstreams[manifest.id] == nil {
            // A plugin that reaches its service itself (a database) has no HTTP upstream.
            var offline = PluginCallContext.offline
            offline.secrets = Array(credentials.values)
            context = offline
        } else {
            var target: EgressTarget
            do {
                target = try EgressTarget.resolve(manifest: manifest, config: connection.config, credentials: credentials,
                                                  hostOverride: settings.upstreams[manifest.id])
            } catch {
                throw ServiceError.validation(String(describing: error), field: "config")
            }
            target.caller = connection.id
            target.budgetKey = Self.budgetKey(manifest, connection: connection)
            target.deadline = egress.clock.now + (action.flatMap { manifest.action(named: $0)?.timeoutMs }.map { .milliseconds($0) } ?? settings.pluginTimeout)
            let live = LiveCredentials(connection: connection, target: target)
            let (egress, refresher, vault) = (self.egress, self.refresher, self.vault)
            context = PluginCallContext(secrets: target.secretValues) { request in
                let (used, usedTarget) = live.current
                let response = await egress.send(request, to: usedTarget, record: exchanges.append)
                // A 401 may mean the access token expired early or was revoked: refresh once per call.
                guard response.status == 401, live.claimRetry(),
                      let fresh = try? await refresher.refreshAfterRejection(used), fresh.sealedCredentials != used.sealedCredentials,
                      let credentials = try? Self.openCredentials(fresh, vault: vault)
                else { return response }
                var retarget = usedTarget
                retarget.credentials = credentials
                live.replace(connection: fresh, target: retarget)
                return await egress.send(request, to: retarget, record: exchanges.append)
            }
        }
        let addresses = try await targets.addresses(manifest, config: connection.config, credentials: credentials)
        let call = PluginCall(action: action, input: input, config: connection.config,
                              credentials: manifest.auth.type == .plugin ? credentials : nil,
                              checkedAddresses: addresses.isEmpty ? nil : addresses, connectionID: connection.id)
        return Prepared(plugin: plugin, call: call, context: context, exchanges: exchanges)
    }

    /// Refuses a connection that cannot be called, saying what to do about it.
    static func requireUsable(_ connection: ConnectionRecord, store: any CredentialStore) async throws {
        switch connection.status {
        case .active:
            return
        case .revoked:
            throw ServiceError(.conflict, "connection_revoked", "connection \(connection.id) has been deleted")
        case .pending:
            throw ServiceError(.conflict, "connection_pending",
                               "connection \(connection.id) is waiting for OAuth consent: open the oauth_url its creation answered, or POST /v1/connections/\(connection.id)/authorize for a new one")
        case .failed, .needsReauth:
            let reason = try await store.connectionAuth(connectionID: connection.id, accountID: connection.accountID)?.statusReason ?? "authorization failed"
            throw ServiceError(.conflict, connection.status == .failed ? "connection_failed" : "needs_reauth",
                               "connection \(connection.id) must be authorized again (\(reason)); POST /v1/connections/\(connection.id)/authorize")
        }
    }

    func openCredentials(_ connection: ConnectionRecord) throws -> [String: String] {
        try Self.openCredentials(connection, vault: vault)
    }

    static func openCredentials(_ connection: ConnectionRecord, vault: Vault) throws -> [String: String] {
        guard let sealed = connection.sealedCredentials else { return [:] }
        do {
            return try vault.openSecrets(sealed, context: Self.vaultContext(connection.id))
        } catch {
            throw ServiceError(.unavailable, "vault_error", "the connection's credentials cannot be opened: \(error)")
        }
    }

    static func vaultContext(_ connectionID: String) -> String { SealedSecret.context(.connection, connectionID) }

    /// Whose rate budget a connection's calls spend, as the manifest's `rate_limits.scope`
    /// says: the connection's own, or the OAuth app's. OAuth apps are configured per account
    /// and provider (`PUT /v1/oauth-apps/{provider}`), so the app's budget is keyed by both, and
    /// every connection of the account to that provider spends it.
    static func budgetKey(_ manifest: Manifest, connection: ConnectionRecord) -> String {
        switch manifest.rateLimits?.scope ?? .connection {
        case .connection: return "\(manifest.id):connection:\(connection.id)"
        case .app: return "\(manifest.id):app:\(connection.accountID)"
        }
    }
}

/// The upstream requests of one call, collected as they happen (from concurrent tasks).
final class ExchangeLog: Sendable {
    private let items = Mutex<[EgressExchange]>([])

    @Sendable func append(_ exchange: EgressExchange) {
        items.withLock { $0.append(exchange) }
    }

    var all: [EgressExchange] { items.withLock { $0 } }
}

/// The credentials one call uses, replaced after a refresh so the call's later requests use
/// the new token; the refresh-and-retry happens at most once per call.
final class LiveCredentials: Sendable {
    private struct State {
        var connection: ConnectionRecord
        var target: EgressTarget
        var retried = false
    }

    private let state: Mutex<State>

    init(connection: ConnectionRecord, target: EgressTarget) {
        state = Mutex(State(connection: connection, target: target))
    }

    var current: (ConnectionRecord, EgressTarget) { state.withLock { ($0.connection, $0.target) } }

    func claimRetry() -> Bool {
        state.withLock { state in
            defer { state.retried = true }
            return !state.retried
        }
    }

    func replace(connection: ConnectionRecord, target: EgressTarget) {
        state.withLock {
            $0.connection = connection
            $0.target = target
        }
    }
}
