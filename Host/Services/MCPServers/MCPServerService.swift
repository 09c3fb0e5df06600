import Foundation
import PatchbayClock
import PatchbayEgress
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Remote MCP servers connected over Streamable HTTP. Each is a connection (its secrets sealed
/// in the vault like any connection's) whose provider is the server itself: its tools, listed
/// on creation and kept up to date, are the provider's actions (`ProviderDirectory`), so they
/// are invoked, recorded, provisioned as skills and re-served as any provider's are.
public struct MCPServerService: Sendable {
    let store: any MCPServerStore & ConnectionStore & CredentialStore
    let calls: ConnectionCalls
    let vault: Vault
    let settings: HostSettings
    let listeners: MCPListeners
    /// Runs the authorization of servers connected with OAuth, as for any provider's connection.
    let oauth: OAuthService
    let discovery: MCPOAuthDiscovery
    /// Connections made and removed, and the OAuth client kept for a server, as for any provider's.
    let audit: AuditLog
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    /// Servers one account may connect.
    static let maxPerAccount = 50

    public struct Draft: Sendable {
        public var url: String?
        public var label: String?
        /// `none`, `bearer` or `oauth2`.
        public var authType: String?
        public var token: String?
        /// With `oauth2`: a client registered with the server's authorization server; without
        /// one the host registers itself (RFC 7591).
        public var clientID: String?
        public var clientSecret: String?
        public var scopes: [String]?
        /// With `oauth2`: this host's `/oauth/callback` URL, where the user comes back after
        /// consent; defaults to the one under the host's public URL.
        public var redirectURI: String?

        public init(url: String? = nil, label: String? = nil, authType: String? = nil, token: String? = nil, clientID: String? = nil,
                    clientSecret: String? = nil, scopes: [String]? = nil, redirectURI: String? = nil) {
            self.url = url
            self.label = label
            self.authType = authType
            self.token = token
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scopes = scopes
            self.redirectURI = redirectURI
        }
    }

    /// An MCP server with the connection that holds its secrets.
    public struct Connected: Sendable {
        public var server: MCPServerRecord
        public var connection: ConnectionRecord
        /// Where to send the user to consent, for a connection just created with OAuth.
        public var authorizeURL: String?
    }

    /// Connects: checks the URL against the egress policy, initializes a session with the
    /// credentials and lists the tools; only a server that answered is kept.
    public func create(principal: Principal, _ draft: Draft) async throws -> Connected {
        try principal.require(.integrationsWrite)
        let url = try Self.validURL(draft.url)
        let credentials = try Self.credentials(draft)
        let label = try validLabel(draft.label)
        let client = try MCPOAuthClientDraft(draft, publicURL: settings.publicURL)
        guard try await store.mcpServers(accountID: principal.accountID).count < Self.maxPerAccount else {
            throw ServiceError(.conflict, "mcp_connection_limit", "an account connects at most \(Self.maxPerAccount) MCP servers")
        }
        try await vet(url)
        if let client { return try await createAuthorizing(principal: principal, url: url, label: label, client: client) }
        let id = IDs.make("conn")
        let now = clock.wallMillis
        var server = MCPServerRecord(id: id, accountID: principal.accountID, url: url.absoluteString, tools: [], serverInfo: [:],
                                     createdAt: now, toolsUpdatedAt: now)
        let listing = try await list(MCPRemote(url: url, send: send(to: try target(server, credentials: credentials))))
        server.tools = listing.tools
        server.serverInfo = listing.serverInfo
        let sealed = credentials.isEmpty ? nil : try vault.seal(credentials, context: ConnectionCalls.vaultContext(id))
        let connection = ConnectionRecord(
            id: id, accountID: principal.accountID, provider: server.providerID,
            label: label ?? MCPToolSet.manifest(server).name,
            config: ["url": .string(server.url), "auth": .string(credentials.isEmpty ? "none" : "bearer")], status: .active,
            sealedCredentials: sealed, createdAt: now, updatedAt: now)
        try await store.insertMCPServer(server)
        try await store.insertConnection(connection)
        await audit.record(principal, "connection.created", target: id, changes: Self.auditChanges(connection, credentials: credentials))
        listeners.ensure(server)
        return Connected(server: server, connection: connection)
    }

    /// A server connected with OAuth: its authorization server discovered, a client registered
    /// unless the account gave one, kept as the OAuth app of the server's provider, and the
    /// connection `pending` until the callback brings tokens and `authorized` lists the tools.
    private func createAuthorizing(principal: Principal, url: URL, label: String?, client draft: MCPOAuthClientDraft) async throws -> Connected {
        var authorization = try await discovery.discover(url, scopes: draft.scopes)
        let client: MCPOAuthDiscovery.Client
        if let clientID = draft.clientID {
            client = MCPOAuthDiscovery.Client(id: clientID, secret: draft.clientSecret, clientAuth: authorization.clientAuth)
        } else {
            client = try await discovery.register(authorization, redirectURI: draft.redirectURI)
            authorization.registered = true
        }
        authorization.clientAuth = client.clientAuth
        let id = IDs.make("conn")
        let now = clock.wallMillis
        let server = MCPServerRecord(id: id, accountID: principal.accountID, url: url.absoluteString, tools: [], serverInfo: [:],
                                     createdAt: now, toolsUpdatedAt: now, authorization: authorization.json)
        let appID = IDs.make("oapp")
        // A public client has no secret: the empty one sealed in its place is never sent.
        let app = OAuthAppRecord(id: appID, accountID: principal.accountID, provider: server.providerID, clientID: client.id,
                                 sealedClientSecret: try vault.seal(Data((client.secret ?? "").utf8), context: SealedSecret.context(.oauthApp, appID)),
                                 scopes: authorization.scopes, redirectURI: draft.redirectURI, createdAt: now, updatedAt: now)
        let connection = ConnectionRecord(
            id: id, accountID: principal.accountID, provider: server.providerID, label: label ?? url.host ?? "MCP server",
            config: ["url": .string(server.url), "auth": "oauth2"], status: .pending, sealedCredentials: nil, createdAt: now, updatedAt: now)
        try await store.insertMCPServer(server)
        try await store.saveOAuthApp(app)
        try await store.insertConnection(connection)
        await audit.record(principal, "connection.created", target: id, changes: Self.auditChanges(connection, credentials: [:]))
        var appChanges: [String: JSONValue] = [
            "provider": .string(app.provider), "client_id": .string(app.clientID), "scopes": .array(app.scopes.map(JSONValue.string)),
            "redirect_uri": .string(app.redirectURI), "registered": .bool(authorization.registered),
        ]
        if client.secret != nil { appChanges["secrets"] = ["client_secret"] }
        await audit.record(principal, "oauth_app.created", target: appID, changes: .object(appChanges))
        let started = try await oauth.authorize(principal: principal, connectionID: id, prompt: nil)
        return Connected(server: server, connection: started.connection, authorizeURL: started.oauthURL)
    }

    /// After the OAuth callback made a connection active: when it is an MCP server's, lists its
    /// tools with the new token and listens for changes. Other connections are left alone.
    public func authorized(_ connection: ConnectionRecord) async throws {
        guard connection.status == .active, let id = MCPServerRecord.connectionID(ofProvider: connection.provider),
              let server = try await store.mcpServer(id: id, accountID: connection.accountID)
        else { return }
        try await refreshTools(server, connection: connection)
        listeners.ensure(server)
    }

    public func list(principal: Principal) async throws -> [Connected] {
        try principal.require(.integrationsRead)
        var connected: [Connected] = []
        for server in try await store.mcpServers(accountID: principal.accountID) {
            guard let connection = try await store.connection(id: server.id, accountID: principal.accountID) else { continue }
            connected.append(Connected(server: server, connection: connection))
        }
        return connected
    }

    public func get(principal: Principal, id: String) async throws -> Connected {
        try principal.require(.integrationsRead)
        return try await owned(principal, id)
    }

    /// Lists the tools again, as a `notifications/tools/list_changed` from the server does.
    public func refresh(principal: Principal, id: String) async throws -> Connected {
        try principal.require(.integrationsWrite)
        var connected = try await owned(principal, id)
        connected.server = try await refreshTools(connected.server, connection: connected.connection)
        return connected
    }

    /// Revokes the connection (its secrets are purged, its executions stay) and forgets the server and its tools.
    public func delete(principal: Principal, id: String) async throws -> Connected {
        try principal.require(.integrationsWrite)
        var connected = try await owned(principal, id)
        listeners.stop(id)
        connected.connection.status = .revoked
        connected.connection.sealedCredentials = nil
        connected.connection.updatedAt = clock.wallMillis
        try await store.updateConnection(connected.connection)
        _ = try await store.deleteMCPServer(id: id, accountID: principal.accountID)
        await audit.record(principal, "connection.deleted", target: id, changes: ["status": "revoked"])
        // The client the host registered or was given for this server serves nothing else.
        let provider = connected.server.providerID
        if let app = try await store.oauthApp(accountID: principal.accountID, provider: provider),
           try await store.deleteOAuthApp(accountID: principal.accountID, provider: provider) {
            await audit.record(principal, "oauth_app.deleted", target: app.id, changes: ["provider": .string(provider)])
        }
        return connected
    }

    /// What the audit log keeps of a new connection: as `ConnectionService` records one, the
    /// token only by name.
    static func auditChanges(_ connection: ConnectionRecord, credentials: [String: String]) -> JSONValue {
        var changes: [String: JSONValue] = ["provider": .string(connection.provider), "label": .string(connection.label),
                                            "config": connection.config, "status": .string(connection.status.rawValue)]
        if !credentials.isEmpty { changes["credentials"] = .array(credentials.keys.sorted().map(JSONValue.string)) }
        return .object(changes)
    }

    /// Tools the server listed that are not actions, because no agent could call them by their name.
    public static func skippedTools(_ server: MCPServerRecord) -> [String] {
        MCPToolSet.skipped(server.tools)
    }

    public func stopListening() {
        listeners.stopAll()
    }

    // MARK: Tools

    /// Lists the server's tools through the connection's egress context and keeps them.
    @discardableResult
    func refreshTools(_ server: MCPServerRecord, connection: ConnectionRecord) async throws -> MCPServerRecord {
        let prepared = try await calls.prepare(connection)
        guard let url = URL(string: server.url) else { throw ServiceError(.unavailable, "mcp_connection_invalid", "the stored URL is not a URL") }
        let listing = try await list(MCPRemote(url: url, send: prepared.context.http))
        var server = server
        server.tools = listing.tools
        server.serverInfo = listing.serverInfo
        server.toolsUpdatedAt = max(clock.wallMillis, server.toolsUpdatedAt + 1)
        guard try await store.updateMCPServerTools(id: server.id, accountID: server.accountID, tools: listing.tools,
                                                   serverInfo: listing.serverInfo, at: server.toolsUpdatedAt) else {
            throw ServiceError.notFound("mcp connection", server.id)
        }
        return server
    }

    /// `tools/list` within the host's plugin timeout, its failures as API errors.
    private func list(_ remote: MCPRemote) async throws -> MCPRemote.Listing {
        let timeout = settings.pluginTimeout
        let outcome = await ConnectorChannel.within(timeout, on: calls.providers.registry.clock) { () -> Result<MCPRemote.Listing, PluginError> in
            do {
                return .success(try await remote.listTools())
            } catch {
                return .failure(MCPRemoteFailure.from(error, host: remote.url.host ?? "?"))
            }
        }
        switch outcome {
        case .success(let listing)?: return listing
        case .failure(let error)?: throw ExecutionService.serviceError(for: error, executionID: nil, secrets: [])
        case nil:
            throw ServiceError(.upstreamFailed, "upstream_timeout", "the MCP server did not list its tools within \(timeout)", retryable: true)
        }
    }

    // MARK: Listening

    /// Holds the server's event stream open and refreshes the tools on each
    /// `notifications/tools/list_changed`, reconnecting after a pause when the stream ends,
    /// until the server is deleted, its connection is unusable, or it offers no stream.
    func listen(_ server: MCPServerRecord) async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            guard let current = try? await store.mcpServer(id: server.id, accountID: server.accountID),
                  let connection = try? await store.connection(id: server.id, accountID: server.accountID), connection.status == .active,
                  let credentials = try? calls.openCredentials(connection), let url = URL(string: current.url),
                  let target = try? target(current, credentials: credentials)
            else { return }
            let egress = calls.egress
            let remote = MCPRemote(url: url, send: send(to: target))
            let refresh: @Sendable () async -> Void = {
                guard let latest = try? await store.mcpServer(id: server.id, accountID: server.accountID) else { return }
                _ = try? await refreshTools(latest, connection: connection)
            }
            do {
                guard try await remote.listen(open: { await egress.openStream($0, to: target) }, toolsChanged: refresh) else { return }
                pause = .seconds(1)
            } catch {
                pause = min(pause * 2, .seconds(60))
            }
            try? await clock.sleep(for: pause)
        }
    }

    // MARK: Helpers

    private func owned(_ principal: Principal, _ id: String) async throws -> Connected {
        guard let server = try await store.mcpServer(id: id, accountID: principal.accountID),
              let connection = try await store.connection(id: id, accountID: principal.accountID)
        else { throw ServiceError.notFound("mcp connection", id) }
        return Connected(server: server, connection: connection)
    }

    /// Where the server's requests go, with its credentials for injection.
    private func target(_ server: MCPServerRecord, credentials: [String: String]) throws -> EgressTarget {
        var target = try EgressTarget.resolve(manifest: MCPToolSet.manifest(server), config: [:], credentials: credentials, hostOverride: nil)
        target.caller = server.id
        return target
    }

    private func send(to target: EgressTarget) -> EgressMCPTransport.Send {
        let egress = calls.egress
        return { request in await egress.send(request, to: target) }
    }

    /// A URL the egress policy refuses is refused here, before anything is sent or kept.
    private func vet(_ url: URL) async throws {
        do {
            _ = try await calls.egress.gate.vet(url)
        } catch let refusal as AddressRefusal {
            guard case .refused = refusal else {
                throw ServiceError(.upstreamFailed, "connection_failed", "the MCP server cannot be reached: \(refusal)", retryable: true)
            }
            throw ServiceError(.badRequest, "egress_refused",
                               "the host will not connect to \(url.host ?? "?"): \(refusal); an operator can allow it with --allow-egress",
                               field: "url")
        }
    }

    static func validURL(_ raw: String?) throws -> URL {
        guard let raw, !raw.isEmpty else { throw ServiceError.validation("url is required", field: "url") }
        try ControlCharacters.refuse(in: raw, field: "url")
        guard raw.count <= 2048, let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil, url.fragment == nil
        else {
            throw ServiceError.validation("url must be an http or https URL without credentials or fragment", field: "url")
        }
        return url
    }

    static func credentials(_ draft: Draft) throws -> [String: String] {
        switch draft.authType ?? (draft.token == nil ? "none" : "bearer") {
        case "oauth2":
            if draft.token != nil { throw ServiceError.validation("auth.token is not taken with auth.type oauth2", field: "auth.token") }
            return [:]
        case "none":
            if draft.token != nil { throw ServiceError.validation("auth.token is only taken with auth.type bearer", field: "auth.token") }
            return [:]
        case "bearer":
            guard let token = draft.token, !token.isEmpty, token.count <= 8192 else {
                throw ServiceError.validation("auth.token is required with auth.type bearer (1 to 8192 characters)", field: "auth.token")
            }
            try ControlCharacters.refuse(in: token, field: "auth.token")
            return [MCPToolSet.token: token]
        default:
            throw ServiceError.validation("auth.type must be none, bearer or oauth2", field: "auth.type")
        }
    }

    private func validLabel(_ label: String?) throws -> String? {
        guard let label else { return nil }
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else { throw ServiceError.validation("label must be 1 to 200 characters", field: "label") }
        return trimmed
    }
}
