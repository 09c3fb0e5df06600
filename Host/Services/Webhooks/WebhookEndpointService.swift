import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Webhook endpoints: where a connection's provider sends its events, and the secret that proves them.
public struct WebhookEndpointService: Sendable {
    let store: any ConnectionStore & WebhookStore
    let registry: PluginRegistry
    let vault: Vault
    let settings: WebhookSettings
    /// The host's public URL, which endpoint URLs are built on.
    var publicURL: PublicURL?
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    public struct Draft: Sendable {
        public var connectionID: String?
        public var secret: String?
        public var channelID: String?
        public var resourceID: String?

        public init(connectionID: String?, secret: String?, channelID: String?, resourceID: String?) {
            self.connectionID = connectionID
            self.secret = secret
            self.channelID = channelID
            self.resourceID = resourceID
        }
    }

    /// A new endpoint, with the secret it was given or generated: the only time it is shown.
    public struct Created: Sendable {
        public var endpoint: WebhookEndpointRecord
        public var url: String
        public var secret: String
        public var secretGenerated: Bool
    }

    public func create(principal: Principal, _ draft: Draft, requestBase: String?) async throws -> Created {
        try principal.require(.integrationsWrite)
        guard let connectionID = draft.connectionID, !connectionID.isEmpty else {
            throw ServiceError.validation("connection_id is required", field: "connection_id")
        }
        guard let connection = try await store.connection(id: connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", connectionID)
        }
        guard connection.status == .active else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(connectionID) has been deleted")
        }
        guard let spec = registry.plugin(connection.provider)?.manifest.webhooks else {
            throw ServiceError(.badRequest, "webhooks_unsupported", "\(connection.provider) does not send webhooks", field: "connection_id")
        }
        let scheme = spec.verification
        if scheme.channelHeader == nil, draft.channelID != nil {
            throw ServiceError.validation("channel_id applies only to push channels; \(connection.provider) declares none", field: "channel_id")
        }
        if scheme.resourceHeader == nil, draft.resourceID != nil {
            throw ServiceError.validation("resource_id applies only to push channels; \(connection.provider) declares none", field: "resource_id")
        }
        let secret: String
        var generated = false
        if let given = draft.secret {
            try ControlCharacters.refuse(in: given, field: "secret")
            // Counted in Unicode code points, as the API's schema counts them.
            guard (8...512).contains(given.unicodeScalars.count), !given.contains(where: \.isWhitespace) else {
                throw ServiceError.validation("secret must be 8 to 512 characters without spaces", field: "secret")
            }
            guard scheme.secretEncoding.key(given) != nil else {
                throw ServiceError.validation("\(connection.provider) reads its secret as \(scheme.secretEncoding.rawValue); this one is not",
                                              field: "secret")
            }
            secret = given
        } else {
            guard scheme.secretSource == .host else {
                // The provider signs with the app's own secret; only its owner can give it to us.
                throw ServiceError.validation("\(connection.provider) signs webhooks with your app's secret: pass it as secret",
                                              field: "secret")
            }
            secret = Self.generateSecret(scheme.secretEncoding)
            generated = true
        }
        let id = IDs.make("whep")
        let base = try publicBase(requestBase: requestBase)
        let now = clock.wallMillis
        let record = WebhookEndpointRecord(
            id: id, accountID: principal.accountID, connectionID: connectionID, provider: connection.provider, status: .active,
            sealedSecret: try vault.seal(Data(secret.utf8), context: Self.vaultContext(id)),
            channelID: draft.channelID, resourceID: draft.resourceID, createdAt: now, updatedAt: now)
        try await store.insertWebhookEndpoint(record)
        return Created(endpoint: record, url: Self.url(base: base, record), secret: secret, secretGenerated: generated)
    }

    public func get(principal: Principal, id: String) async throws -> WebhookEndpointRecord {
        try principal.require(.integrationsRead)
        return try await owned(principal, id)
    }

    public func list(principal: Principal, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord> {
        try principal.require(.integrationsRead)
        return try await store.webhookEndpoints(accountID: principal.accountID, connectionID: connectionID, page: page)
    }

    /// Stops (`disabled`) or resumes (`active`) receiving. A deleted endpoint stays deleted.
    public func setStatus(principal: Principal, id: String, _ status: WebhookEndpointRecord.Status) async throws -> WebhookEndpointRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        guard record.status != .deleted else {
            throw ServiceError(.conflict, "endpoint_deleted", "webhook endpoint \(id) has been deleted")
        }
        record.status = status
        record.updatedAt = clock.wallMillis
        try await store.updateWebhookEndpoint(record)
        return record
    }

    /// Refuses all further deliveries and purges the secret. The events already received stay.
    public func delete(principal: Principal, id: String) async throws -> WebhookEndpointRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        record.status = .deleted
        record.sealedSecret = nil
        record.updatedAt = clock.wallMillis
        try await store.updateWebhookEndpoint(record)
        return record
    }

    /// The endpoint's public URL, or nil when this host cannot say it (production without a public URL).
    public func url(_ record: WebhookEndpointRecord, requestBase: String?) -> String? {
        (try? publicBase(requestBase: requestBase)).map { Self.url(base: $0, record) }
    }

    func owned(_ principal: Principal, _ id: String) async throws -> WebhookEndpointRecord {
        guard let record = try await store.webhookEndpoint(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("webhook endpoint", id)
        }
        return record
    }

    /// The configured public URL; outside production, the address the caller reached us at.
    private func publicBase(requestBase: String?) throws -> String {
        if let publicURL { return publicURL.url.absoluteString }
        guard !settings.production, let requestBase else {
            throw ServiceError(.conflict, "public_url_unset",
                               "set PATCHBAY_PUBLIC_URL to the address providers reach this host at; a loopback URL is not handed out in production")
        }
        return requestBase
    }

    static func url(base: String, _ record: WebhookEndpointRecord) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)/hooks/\(record.provider)/\(record.id)"
    }

    /// A new secret in the encoding the scheme reads: 30 random bytes, or 40 characters as text.
    static func generateSecret(_ encoding: WebhookVerification.SecretEncoding) -> String {
        switch encoding {
        case .text: return IDs.randomString(count: 40)
        case .whsec: return StandardWebhooks.makeSecret()
        case .hex, .base64:
            let bytes = IDs.randomBytes(count: 30)
            return encoding == .hex ? bytes.map { String(format: "%02x", $0) }.joined() : bytes.base64EncodedString()
        }
    }

    static func vaultContext(_ endpointID: String) -> String { SealedSecret.context(.webhookEndpoint, endpointID) }
}
