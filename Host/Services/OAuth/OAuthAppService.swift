import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Each account brings its own OAuth app per provider: client id, client secret (sealed),
/// scopes and the redirect URI registered with the provider.
public struct OAuthAppService: Sendable {
    let store: any CredentialStore
    let providers: ProviderDirectory
    let vault: Vault
    let audit: AuditLog
    /// The host's public URL: a new app's redirect URI defaults to the callback under it.
    let publicURL: PublicURL?
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    public struct Draft: Sendable {
        public var clientID: String?
        public var clientSecret: String?
        public var scopes: [String]?
        public var redirectURI: String?

        public init(clientID: String? = nil, clientSecret: String? = nil, scopes: [String]? = nil, redirectURI: String? = nil) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scopes = scopes
            self.redirectURI = redirectURI
        }
    }

    /// Creates or replaces the account's app for `provider`. The secret may be left out when
    /// replacing, to change scopes or the redirect URI alone. A new app without a redirect URI
    /// takes the host's callback under its public URL.
    public func save(principal: Principal, provider: String, _ draft: Draft) async throws -> OAuthAppRecord {
        try principal.require(.integrationsWrite)
        guard let plugin = try await providers.provider(provider, accountID: principal.accountID) else { throw ServiceError.notFound("provider", provider) }
        guard let spec = plugin.manifest.oauth else {
            throw ServiceError(.badRequest, "oauth_unsupported", "\(plugin.manifest.name) does not offer OAuth; connect it with credentials")
        }
        let existing = try await store.oauthApp(accountID: principal.accountID, provider: provider)
        guard let clientID = draft.clientID ?? existing?.clientID, !clientID.isEmpty, clientID.count <= 500 else {
            throw ServiceError.validation("client_id is required", field: "client_id")
        }
        try ControlCharacters.refuse(in: clientID, field: "client_id")
        let id = existing?.id ?? IDs.make("oapp")
        let sealedSecret: String
        if let secret = draft.clientSecret {
            try ControlCharacters.refuse(in: secret, field: "client_secret")
            guard !secret.isEmpty, secret.count <= 1000 else { throw ServiceError.validation("client_secret must not be empty", field: "client_secret") }
            sealedSecret = try vault.seal(Data(secret.utf8), context: SealedSecret.context(.oauthApp, id))
        } else if let existing {
            sealedSecret = existing.sealedClientSecret
        } else {
            throw ServiceError.validation("client_secret is required", field: "client_secret")
        }
        if let redirectURI = draft.redirectURI { try ControlCharacters.refuse(in: redirectURI, field: "redirect_uri") }
        guard let redirectURI = draft.redirectURI ?? existing?.redirectURI ?? publicURL?.oauthCallback else {
            throw ServiceError.validation(
                "redirect_uri is required on a host without a public URL: give redirect_uri (the absolute URL of this host's \(OAuthService.callbackPath), as registered with the provider), or start the host with --public-url (PATCHBAY_PUBLIC_URL) and it defaults to <public URL>\(OAuthService.callbackPath)",
                field: "redirect_uri")
        }
        guard let url = URL(string: redirectURI),
              ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.fragment == nil
        else {
            throw ServiceError.validation("redirect_uri must be the absolute http(s) URL of this host's /oauth/callback, as registered with the provider",
                                          field: "redirect_uri")
        }
        let scopes = draft.scopes ?? existing?.scopes ?? spec.defaultScopes
        if let bad = scopes.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) || $0.contains(",") }) {
            throw ServiceError.validation("scope \"\(bad)\" must be one non-empty word", field: "scopes")
        }
        let now = clock.wallMillis
        let app = OAuthAppRecord(id: id, accountID: principal.accountID, provider: provider, clientID: clientID,
                                 sealedClientSecret: sealedSecret, scopes: scopes, redirectURI: redirectURI,
                                 createdAt: existing?.createdAt ?? now, updatedAt: now)
        try await store.saveOAuthApp(app)
        var changes: [String: JSONValue] = ["provider": .string(provider), "client_id": .string(clientID),
                                            "scopes": .array(scopes.map(JSONValue.string)), "redirect_uri": .string(redirectURI)]
        if draft.clientSecret != nil { changes["secrets"] = ["client_secret"] }
        await audit.record(principal, existing == nil ? "oauth_app.created" : "oauth_app.updated", target: id, changes: .object(changes))
        return app
    }

    public func get(principal: Principal, provider: String) async throws -> OAuthAppRecord {
        try principal.require(.integrationsRead)
        guard let app = try await store.oauthApp(accountID: principal.accountID, provider: provider) else {
            throw ServiceError.notFound("OAuth app for", provider)
        }
        return app
    }

    public func list(principal: Principal) async throws -> [OAuthAppRecord] {
        try principal.require(.integrationsRead)
        return try await store.oauthApps(accountID: principal.accountID)
    }

    public func delete(principal: Principal, provider: String) async throws {
        try principal.require(.integrationsWrite)
        guard let app = try await store.oauthApp(accountID: principal.accountID, provider: provider),
              try await store.deleteOAuthApp(accountID: principal.accountID, provider: provider) else {
            throw ServiceError.notFound("OAuth app for", provider)
        }
        await audit.record(principal, "oauth_app.deleted", target: app.id, changes: ["provider": .string(provider)])
    }

    /// The app that OAuth for `provider` runs with, or a 400 saying how to configure one.
    func configured(accountID: String, provider: String, name: String) async throws -> OAuthAppRecord {
        guard let app = try await store.oauthApp(accountID: accountID, provider: provider) else {
            throw ServiceError(.badRequest, "oauth_app_not_configured", Self.notConfiguredReason(provider: provider, name: name),
                               field: "provider")
        }
        return app
    }

    static func notConfiguredReason(provider: String, name: String) -> String {
        "no OAuth app is configured for \(name) on this account; PUT /v1/oauth-apps/\(provider) with its client_id and client_secret (and redirect_uri, unless the host has a public URL), or connect with credentials"
    }

    static func clientSecret(_ app: OAuthAppRecord, vault: Vault) throws -> String {
        do {
            return String(decoding: try vault.open(app.sealedClientSecret, context: SealedSecret.context(.oauthApp, app.id)), as: UTF8.self)
        } catch {
            throw ServiceError(.unavailable, "vault_error", "the OAuth app's client secret cannot be opened: \(error)")
        }
    }
}
