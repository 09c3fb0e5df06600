import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
public import PatchbayWire

/// Connections: an account's credentials and config for one provider.
public struct ConnectionService: Sendable {
    let store: any ConnectionStore & ConnectionEventStore
    let providers: ProviderDirectory
    let vault: Vault
    let calls: ConnectionCalls
    let settings: HostSettings
    let events: HostEvents
    let audit: AuditLog
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    public struct Draft: Sendable {
        public var provider: String?
        public var label: String?
        public var config: JSONValue?
        public var credentials: JSONValue?
        /// Makes the connection an end user's own, set on create only.
        public var endUser: String?

        public init(provider: String? = nil, label: String? = nil, config: JSONValue? = nil, credentials: JSONValue? = nil,
                    endUser: String? = nil) {
            self.provider = provider
            self.label = label
            self.config = config
            self.credentials = credentials
            self.endUser = endUser
        }
    }

    public struct CheckOutcome: Sendable {
        public var success: Bool
        public var message: String
        public var latencyMs: Int
    }

    public func create(principal: Principal, _ draft: Draft) async throws -> ConnectionRecord {
        try principal.require(.integrationsWrite)
        guard let providerID = draft.provider, !providerID.isEmpty else {
            throw ServiceError.validation("provider is required", field: "provider")
        }
        guard let plugin = try await providers.provider(providerID, accountID: principal.accountID) else {
            throw ServiceError(.badRequest, "unknown_provider", "no provider \"\(providerID)\" in the catalog", field: "provider")
        }
        let manifest = plugin.manifest
        let config = try validConfig(draft.config ?? [:], manifest: manifest)
        let credentials = try validCredentials(draft.credentials ?? [:], existing: [:], manifest: manifest)
        try await calls.targets.validate(manifest, config: config, credentials: credentials)
        let id = IDs.make("conn")
        let now = clock.wallMillis
        let record = ConnectionRecord(
            id: id, accountID: principal.accountID, provider: providerID,
            label: try validLabel(draft.label) ?? manifest.name, config: config, status: .active,
            sealedCredentials: try seal(credentials, connectionID: id), createdAt: now, updatedAt: now,
            endUser: try draft.endUser.map(EndUser.validated))
        try await store.insertConnection(record)
        await audit.record(principal, "connection.created", target: record.id, changes: Self.auditChanges(draft, record))
        return record
    }

    /// What a create or an update set, for the audit log: plain fields as they now are, the
    /// credentials by name only.
    static func auditChanges(_ draft: Draft, _ record: ConnectionRecord) -> JSONValue {
        var changes: [String: JSONValue] = [:]
        if draft.provider != nil { changes["provider"] = .string(record.provider) }
        if draft.label != nil || draft.provider != nil { changes["label"] = .string(record.label) }
        if draft.config != nil { changes["config"] = record.config }
        if let endUser = record.endUser, draft.endUser != nil { changes["end_user"] = .string(endUser) }
        if draft.credentials != nil { changes["credentials"] = AuditLog.secretNames(draft.credentials) }
        changes["status"] = .string(record.status.rawValue)
        return .object(changes)
    }

    public func get(principal: Principal, id: String) async throws -> ConnectionRecord {
        try principal.require(.integrationsRead)
        return try await owned(principal, id)
    }

    /// The caller's connection, or 404 (also for another account's id). Checks no scope:
    /// each public method requires its own first.
    private func owned(_ principal: Principal, _ id: String) async throws -> ConnectionRecord {
        guard let record = try await store.connection(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", id)
        }
        return record
    }

    public func list(principal: Principal, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord> {
        try principal.require(.integrationsRead)
        return try await store.connections(accountID: principal.accountID, filter: filter, page: page)
    }

    /// Replaces label, config and/or credentials. Credentials merge by field, so rotating one
    /// secret does not require resending the others; they apply from the next call on.
    public func update(principal: Principal, id: String, _ draft: Draft) async throws -> ConnectionRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        let before = record.status
        guard record.status != .revoked else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(id) has been deleted")
        }
        if draft.endUser != nil, draft.endUser != record.endUser {
            throw ServiceError.validation("a connection's end user cannot change; create a new connection", field: "end_user")
        }
        if draft.provider != nil, draft.provider != record.provider {
            throw ServiceError.validation("a connection's provider cannot change; create a new connection", field: "provider")
        }
        guard let plugin = try await providers.provider(record.provider, accountID: record.accountID) else {
            throw ServiceError(.unavailable, "provider_unavailable", "the \(record.provider) plugin is not loaded on this host")
        }
        if let label = try validLabel(draft.label) { record.label = label }
        if let config = draft.config { record.config = try validConfig(config, manifest: plugin.manifest) }
        var credentials: [String: String]?
        if let changed = draft.credentials {
            credentials = try validCredentials(changed, existing: try calls.openCredentials(record), manifest: plugin.manifest)
        }
        if draft.config != nil || credentials != nil {
            try await calls.targets.validate(plugin.manifest, config: record.config,
                                             credentials: try credentials ?? calls.openCredentials(record))
        }
        if let credentials {
            record.sealedCredentials = try seal(credentials, connectionID: record.id)
            // Replaced credentials are a re-authorization: a pending or failed connection is usable again.
            record.status = .active
        }
        record.updatedAt = clock.wallMillis
        guard draft.credentials != nil else {
            try await store.updateConnection(record)
            await audit.record(principal, "connection.updated", target: record.id, changes: Self.auditChanges(draft, record))
            return record
        }
        var recovery: InboundEvent?
        if before == .needsReauth { recovery = try await events.reauthorized(record) }
        try await store.updateConnectionReplacingCredentials(record, announcing: recovery)
        if let recovery { await events.committed(recovery) }
        await audit.record(principal, "connection.credentials_updated", target: record.id, changes: Self.auditChanges(draft, record))
        return record
    }

    /// Revokes the connection and purges its secrets. The record stays, so its executions keep
    /// their history; it can no longer be used.
    public func delete(principal: Principal, id: String) async throws -> ConnectionRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        record.status = .revoked
        record.sealedCredentials = nil
        record.updatedAt = clock.wallMillis
        try await store.updateConnection(record)
        await audit.record(principal, "connection.deleted", target: record.id, changes: ["status": "revoked"])
        return record
    }

    /// Runs the plugin's check. Any failure, including a timeout, is reported as a result.
    public func test(principal: Principal, id: String) async throws -> CheckOutcome {
        try principal.require(.integrationsWrite)
        let record = try await owned(principal, id)
        let prepared = try await calls.prepare(record)
        let started = clock.now
        let reply = await prepared.plugin.call(.check, prepared.call, context: prepared.context, timeout: settings.pluginTimeout)
        let latency = Int((clock.now - started) / .milliseconds(1))
        switch reply {
        case .success(let data):
            guard let result = try? WireCoding.decode(CheckResult.self, from: data) else {
                return CheckOutcome(success: false, message: "the plugin returned an unreadable check result", latencyMs: latency)
            }
            return CheckOutcome(success: result.ok, message: result.message, latencyMs: latency)
        case .failure(let error):
            return CheckOutcome(success: false, message: Redaction.redact(error.message, secrets: prepared.context.secrets),
                                latencyMs: latency)
        }
    }

    /// Reads the provider's live schema through the plugin and keeps it with the connection.
    public func discover(principal: Principal, id: String) async throws -> SchemaSnapshot {
        try principal.require(.integrationsWrite)
        let record = try await owned(principal, id)
        let prepared = try await calls.prepare(record)
        guard prepared.plugin.manifest.supportsDiscovery else {
            throw ServiceError(.badRequest, "discovery_unsupported", "\(prepared.plugin.manifest.name) does not support discovery")
        }
        switch await prepared.plugin.call(.discover, prepared.call, context: prepared.context, timeout: settings.pluginTimeout) {
        case .success(let data):
            guard let schema = try? WireCoding.decode(DiscoveredSchema.self, from: data) else {
                throw ServiceError(.upstreamFailed, "invalid_plugin_output", "the plugin returned a schema that does not decode: "
                                   + MessageSchemas.explain(data, against: MessageSchemas.discoveredSchema))
            }
            let snapshot = SchemaSnapshot(connectionID: record.id, schema: schema, discoveredAt: clock.wallMillis)
            try await store.saveSchema(snapshot)
            return snapshot
        case .failure(let error):
            throw ExecutionService.serviceError(for: error, executionID: nil, secrets: prepared.context.secrets)
        }
    }

    /// The last discovered schema, or 404 if discovery has not run.
    public func schema(principal: Principal, id: String) async throws -> SchemaSnapshot {
        let record = try await get(principal: principal, id: id)
        guard let snapshot = try await store.schema(connectionID: record.id, accountID: principal.accountID) else {
            throw ServiceError(.notFound, "schema_not_discovered", "connection \(id) has no discovered schema yet; POST …/discover first")
        }
        return snapshot
    }

    // MARK: Validation

    func validLabel(_ label: String?) throws -> String? {
        guard let label else { return nil }
        let trimmed = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw ServiceError.validation("label must be 1 to 200 characters", field: "label")
        }
        return trimmed
    }

    func validConfig(_ config: JSONValue, manifest: Manifest) throws -> JSONValue {
        let violations = JSONSchema.violations(of: config, against: manifest.configSchema)
        guard violations.isEmpty else { throw ServiceError.schema(violations, root: "config") }
        for (name, value) in (config.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where Self.isURLField(name, manifest) {
            if let url = value.stringValue { try ControlCharacters.refuse(in: url, field: "config.\(name)") }
        }
        return config
    }

    /// A config field holding a URL: named `url`, `…_url` or `…_uri`, or declared with format `uri`.
    private static func isURLField(_ name: String, _ manifest: Manifest) -> Bool {
        name == "url" || name.hasSuffix("_url") || name.hasSuffix("_uri")
            || manifest.configSchema["properties"]?[name]?["format"]?.stringValue == "uri"
    }

    /// Checks credentials against the manifest's fields. Messages name fields, never values.
    private func validCredentials(_ value: JSONValue, existing: [String: String], manifest: Manifest) throws -> [String: String] {
        guard let object = value.objectValue else {
            throw ServiceError.validation("credentials must be an object of strings", field: "credentials")
        }
        let fields = Dictionary(uniqueKeysWithValues: manifest.credentials.map { ($0.name, $0) })
        var merged = existing
        for (name, item) in object.sorted(by: { $0.key < $1.key }) {
            guard let field = fields[name] else {
                let known = manifest.credentials.map(\.name).joined(separator: ", ")
                throw ServiceError.validation("\(manifest.name) takes no credential \"\(name)\" (it takes: \(known))",
                                              field: "credentials.\(name)")
            }
            guard let secret = item.stringValue else {
                throw ServiceError.validation("credentials.\(name) must be a string", field: "credentials.\(name)")
            }
            try ControlCharacters.refuse(in: secret, field: "credentials.\(name)")
            if let pattern = field.pattern, secret.range(of: pattern, options: .regularExpression) == nil {
                throw ServiceError.validation("credentials.\(name) does not look like a \(field.label) (expected to match \(pattern))",
                                              field: "credentials.\(name)")
            }
            merged[name] = secret
        }
        for field in manifest.credentials where field.required && (merged[field.name] ?? "").isEmpty {
            throw ServiceError.validation("credentials.\(field.name) is required (\(field.description))",
                                          field: "credentials.\(field.name)")
        }
        return merged
    }

    private func seal(_ credentials: [String: String], connectionID: String) throws -> String? {
        guard !credentials.isEmpty else { return nil }
        return try vault.seal(credentials, context: ConnectionCalls.vaultContext(connectionID))
    }
}
