import Crypto
import Foundation
import PatchbayClock
import PatchbayEgress
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
@_spi(PatchbayHost) import PatchbayWire

/// The OAuth 2 authorization-code flow: a connection for an OAuth provider starts `pending`
/// with an `oauth_url`; the provider sends the user back to `GET /oauth/callback`, which
/// exchanges the code and makes the connection active.
///
/// The `state` is random, single-use, expires, and is stored only as a hash bound to the
/// account and the connection. Providers that take PKCE get an S256 challenge; the verifier
/// is sealed until the callback.
public struct OAuthService: Sendable {
    let store: any ConnectionStore & CredentialStore & ConnectionEventStore
    let providers: ProviderDirectory
    let vault: Vault
    let connections: ConnectionService
    let exchange: TokenExchange
    let settings: HostSettings
    let events: HostEvents
    public let apps: OAuthAppService
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    /// The route providers send the user back to after consent: the redirect URI registered
    /// with them is this path under the host's public URL.
    public static let callbackPath = "/oauth/callback"

    /// How long a user has to consent; providers' own codes last about as long.
    static let stateLifetime: Millis = 10 * 60 * 1000

    public struct Authorization: Sendable {
        public var connection: ConnectionRecord
        /// Where to send the user to consent; nil when the connection was made with credentials.
        public var oauthURL: String?
    }

    /// Creates a connection. An OAuth provider without credentials in the draft gets a pending
    /// connection and an authorize URL; anything else is created as `ConnectionService` does.
    public func connect(principal: Principal, _ draft: ConnectionService.Draft) async throws -> Authorization {
        guard draft.credentials == nil, let providerID = draft.provider, let plugin = try await providers.provider(providerID, accountID: principal.accountID),
              let spec = plugin.manifest.oauth
        else {
            return Authorization(connection: try await connections.create(principal: principal, draft), oauthURL: nil)
        }
        try principal.require(.integrationsWrite)
        let manifest = plugin.manifest
        let app = try await apps.configured(accountID: principal.accountID, provider: providerID, name: manifest.name)
        let config = try connections.validConfig(draft.config ?? [:], manifest: manifest)
        try await connections.calls.targets.validate(manifest, config: config, credentials: [:])
        let now = clock.wallMillis
        let record = ConnectionRecord(
            id: IDs.make("conn"), accountID: principal.accountID, provider: providerID,
            label: try connections.validLabel(draft.label) ?? manifest.name, config: config, status: .pending,
            sealedCredentials: nil, createdAt: now, updatedAt: now)
        try await store.insertConnection(record)
        await connections.audit.record(principal, "connection.created", target: record.id,
                                       changes: ConnectionService.auditChanges(draft, record))
        let url = try await begin(record, spec: spec, app: app, prompt: nil)
        return Authorization(connection: record, oauthURL: url)
    }

    /// A new authorize URL for an existing connection: to retry after a denial, to re-authorize
    /// after a failed refresh, or to re-consent (`prompt`, e.g. `select_account`, `consent`).
    /// The connection keeps working with its current credentials until the callback completes.
    public func authorize(principal: Principal, connectionID: String, prompt: String?) async throws -> Authorization {
        try principal.require(.integrationsWrite)
        guard let record = try await store.connection(id: connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", connectionID)
        }
        guard record.status != .revoked else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(connectionID) has been deleted")
        }
        guard let manifest = try await providers.provider(record.provider, accountID: record.accountID)?.manifest, let spec = manifest.oauth else {
            throw ServiceError(.badRequest, "oauth_unsupported", "\(record.provider) does not offer OAuth; replace the credentials instead")
        }
        if let prompt, !spec.promptValues.contains(prompt) {
            let allowed = spec.promptValues.isEmpty ? "none" : spec.promptValues.joined(separator: ", ")
            throw ServiceError.validation("\(manifest.name) takes no prompt \"\(prompt)\" (it takes: \(allowed))", field: "prompt")
        }
        let app = try await apps.configured(accountID: principal.accountID, provider: record.provider, name: manifest.name)
        return Authorization(connection: record, oauthURL: try await begin(record, spec: spec, app: app, prompt: prompt))
    }

    private func begin(_ connection: ConnectionRecord, spec: OAuthSpec, app: OAuthAppRecord, prompt: String?) async throws -> String {
        let state = IDs.randomString(count: 43)
        let stateID = Self.stateID(state)
        let verifier = spec.pkce ? PKCE.makeVerifier() : nil
        let now = clock.wallMillis
        try await store.insertOAuthState(OAuthStateRecord(
            id: stateID, accountID: connection.accountID, connectionID: connection.id,
            sealedVerifier: try verifier.map { try vault.seal(Data($0.utf8), context: SealedSecret.context(.oauthState, stateID)) },
            redirectURI: app.redirectURI, expiresAt: now + Self.stateLifetime, createdAt: now))

        var parameters = [("response_type", "code"), ("client_id", app.clientID), ("redirect_uri", app.redirectURI),
                          ("state", state)]
        let scopes = app.scopes.isEmpty ? spec.defaultScopes : app.scopes
        if !scopes.isEmpty { parameters.append(("scope", scopes.joined(separator: spec.scopeSeparator))) }
        if let verifier {
            parameters += [("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", "S256")]
        }
        var extra = spec.authorizeParams
        if let prompt { extra["prompt"] = prompt }
        parameters += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let url = try OAuthEndpoints.resolve(spec.authorizeURL, provider: connection.provider, config: connection.config,
                                             settings: settings)
        return url.absoluteString + "?" + FormEncoding.encode(parameters)
    }

    /// Completes an authorization from the provider's redirect. Every refusal is a 4xx that
    /// changes nothing, except a provider's error (`access_denied`) or a refused code, which
    /// leave the connection `failed` with the reason.
    /// The provider's name as a person knows it (its manifest's), or its id when its plugin is gone.
    public func providerName(of connection: ConnectionRecord) async -> String {
        (try? await providers.provider(connection.provider, accountID: connection.accountID))?.manifest.name ?? connection.provider
    }

    public func complete(query: [String: String]) async throws -> ConnectionRecord {
        guard let state = query["state"], !state.isEmpty else {
            throw ServiceError(.badRequest, "invalid_state", "the callback carries no state", field: "state")
        }
        let stateID = Self.stateID(state)
        let unknown = ServiceError(.badRequest, "invalid_state", "the state is unknown or was already used; start the authorization again",
                                   field: "state")
        guard let pending = try await store.oauthState(id: stateID),
              let connection = try await store.connection(id: pending.connectionID, accountID: pending.accountID)
        else { throw unknown }
        guard let manifest = try await providers.provider(connection.provider, accountID: connection.accountID)?.manifest, let spec = manifest.oauth else {
            throw ServiceError(.unavailable, "provider_unavailable", "the \(connection.provider) plugin is not loaded on this host")
        }
        let app = try await apps.configured(accountID: connection.accountID, provider: connection.provider, name: manifest.name)
        let client = TokenExchange.Client(id: app.clientID, secret: try OAuthAppService.clientSecret(app, vault: vault))
        if spec.callbackHMAC { try Self.verifyCallbackHMAC(query, secret: client.secret) }
        if let param = spec.callbackHostParam { try Self.verifyCallbackHost(query, param: param, spec: spec, config: connection.config) }

        // Single use: of two callbacks with one state, only the one that deletes it goes on.
        guard let consumed = try await store.consumeOAuthState(id: stateID) else { throw unknown }
        guard consumed.expiresAt > clock.wallMillis else {
            throw ServiceError(.badRequest, "state_expired", "the authorization took longer than \(Self.stateLifetime / 60_000) minutes; start it again",
                               field: "state")
        }
        guard connection.status != .revoked else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(connection.id) has been deleted")
        }
        if let error = query["error"] {
            let reason = "the provider answered \(error)" + (query["error_description"].map { ": \($0)" } ?? "")
            try await fail(connection, reason: reason)
            throw ServiceError(.badRequest, "authorization_denied", "connection \(connection.id) was not authorized (\(reason))")
        }
        guard let code = query["code"], !code.isEmpty else {
            throw ServiceError(.badRequest, "validation_failed", "the callback carries neither code nor error", field: "code")
        }
        let verifier = try consumed.sealedVerifier.map {
            String(decoding: try vault.open($0, context: SealedSecret.context(.oauthState, stateID)), as: UTF8.self)
        }
        let tokens: TokenExchange.Tokens
        do {
            tokens = try await exchange.exchangeCode(code, verifier: verifier, redirectURI: consumed.redirectURI, spec: spec,
                                                     client: client, provider: connection.provider, config: connection.config)
        } catch let failure as TokenExchange.Failure {
            switch failure {
            case .refused:
                let reason = "the provider refused the authorization code: \(failure.summary)"
                try await fail(connection, reason: reason)
                throw ServiceError(.upstreamRejected, "code_exchange_failed", "connection \(connection.id) was not authorized (\(reason))")
            case .unavailable(let reason):
                throw ServiceError(.upstreamFailed, "code_exchange_failed", "could not exchange the authorization code: \(reason)",
                                   retryable: true)
            }
        }
        // Keep what the user supplied beside the token (a webhook signing secret, say).
        var credentials = (try? ConnectionCalls.openCredentials(connection, vault: vault)) ?? [:]
        credentials[spec.credential] = tokens.accessToken
        credentials[TokenRefresher.refreshTokenKey] = tokens.refreshToken
        let now = clock.wallMillis
        let sealed = try vault.seal(credentials, context: ConnectionCalls.vaultContext(connection.id))
        var recovery: InboundEvent?
        if connection.status == .needsReauth { recovery = try await events.reauthorized(connection) }
        let saved = try await store.saveTokens(connectionID: connection.id, accountID: connection.accountID, sealedCredentials: sealed,
                                               expiresAt: tokens.expiresIn.map { now + Millis($0) * 1000 }, at: now, leaseOwner: nil,
                                               announcing: recovery)
        if saved, let recovery { await events.committed(recovery) }
        guard let done = try await store.connection(id: connection.id, accountID: connection.accountID) else {
            throw ServiceError.notFound("connection", connection.id)
        }
        return done
    }

    /// A connection's token lifecycle, for `GET /v1/connections/{id}/auth`.
    public func status(principal: Principal, connectionID: String) async throws -> (ConnectionRecord, ConnectionAuthRecord?) {
        try principal.require(.integrationsRead)
        guard let record = try await store.connection(id: connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", connectionID)
        }
        return (record, try await store.connectionAuth(connectionID: record.id, accountID: principal.accountID))
    }

    /// A denial or refused code: an active connection (re-consent) keeps working; anything else is `failed`.
    private func fail(_ connection: ConnectionRecord, reason: String) async throws {
        guard connection.status != .active else { return }
        try await store.setConnectionStatus(connectionID: connection.id, accountID: connection.accountID, status: .failed,
                                            reason: reason, at: clock.wallMillis, leaseOwner: nil)
    }

    /// The id a state is stored under: its SHA-256, so the database holds no usable state.
    public static func stateID(_ state: String) -> String {
        SHA256.hash(data: Data(state.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A signed callback: hex HMAC-SHA256, keyed with the client secret, over the other
    /// parameters sorted by name as `name=value` joined by `&`.
    static func verifyCallbackHMAC(_ query: [String: String], secret: String) throws {
        guard let presented = query["hmac"], let presentedBytes = Hex.bytes(presented[...]) else {
            throw ServiceError(.badRequest, "invalid_hmac", "the callback is not signed", field: "hmac")
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(presentedBytes, authenticating: Data(callbackMessage(query).utf8),
                                                     using: SymmetricKey(data: Data(secret.utf8))) else {
            throw ServiceError(.badRequest, "invalid_hmac", "the callback's hmac does not verify", field: "hmac")
        }
    }

    /// The callback's `param` must name the host the connection's authorize URL went to, so a
    /// callback for another tenant of the provider is refused.
    static func verifyCallbackHost(_ query: [String: String], param: String, spec: OAuthSpec, config: JSONValue) throws {
        let host = (try? EgressTarget.fill(spec.authorizeURL, from: config))?.host?.lowercased()
        guard let host, query[param]?.lowercased() == host else {
            throw ServiceError(.badRequest, "invalid_\(param)", "the callback's \(param) is not the connection's", field: param)
        }
    }

    /// The hex HMAC `verifyCallbackHMAC` expects, for the reference vector and the fakes' tests.
    public static func callbackHMAC(_ query: [String: String], secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(callbackMessage(query).utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    private static func callbackMessage(_ query: [String: String]) -> String {
        query.filter { $0.key != "hmac" && $0.key != "signature" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}
