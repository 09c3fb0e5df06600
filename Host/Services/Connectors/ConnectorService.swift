import Foundation
import PatchbayClock
import PatchbayEgress
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
public import PatchbayWire

/// An account's declarative HTTP connectors: written, read and deleted by namespace and name,
/// and tried one operation at a time. Once written, a connector is a provider of the catalog
/// (`ProviderDirectory`), connected and invoked like a plugin.
public struct ConnectorService: Sendable {
    let store: any ConnectorStore & ConnectionStore
    let providers: ProviderDirectory
    let calls: ConnectionCalls
    let settings: HostSettings
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    /// Connectors one account may hold.
    static let maxPerAccount = 200

    public func create(principal: Principal, definition: JSONValue) async throws -> ConnectorRecord {
        try principal.require(.integrationsWrite)
        let parsed = try ConnectorDefinition(definition)
        guard try await store.connectors(accountID: principal.accountID).count < Self.maxPerAccount else {
            throw ServiceError(.conflict, "connector_limit", "an account holds at most \(Self.maxPerAccount) connectors")
        }
        let now = clock.wallMillis
        let record = ConnectorRecord(id: IDs.make("ctr"), accountID: principal.accountID, namespace: parsed.namespace, name: parsed.name,
                                     definition: definition, createdAt: now, updatedAt: now)
        do {
            try await store.insertConnector(record)
        } catch StoreError.conflict {
            throw ServiceError(.conflict, "connector_exists",
                               "a connector \(parsed.namespace)/\(parsed.name) exists; PUT /v1/connectors/\(parsed.namespace)/\(parsed.name) replaces it",
                               field: "name")
        }
        return record
    }

    public func list(principal: Principal) async throws -> [ConnectorRecord] {
        try principal.require(.integrationsRead)
        return try await store.connectors(accountID: principal.accountID)
    }

    public func get(principal: Principal, namespace: String, name: String) async throws -> ConnectorRecord {
        try principal.require(.integrationsRead)
        return try await owned(principal, namespace, name)
    }

    /// Replaces the whole definition; connections keep working with the new one from their next call.
    public func update(principal: Principal, namespace: String, name: String, definition: JSONValue) async throws -> ConnectorRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, namespace, name)
        guard var body = definition.objectValue else { throw ServiceError.validation("the body must be a JSON object", field: nil) }
        // The path names the connector; the body may repeat its names but not change them.
        for (key, value) in [("namespace", namespace), ("name", name)] {
            if let given = body[key], given != .string(value) {
                throw ServiceError.validation("\(key) cannot change; create a connector of the new \(key) instead", field: key)
            }
            body[key] = .string(value)
        }
        _ = try ConnectorDefinition(.object(body))
        record.definition = .object(body)
        // Strictly later, so a provider built from the old definition is never taken for this one.
        record.updatedAt = max(clock.wallMillis, record.updatedAt + 1)
        guard try await store.updateConnector(record) else { throw ServiceError.notFound("connector", "\(namespace)/\(name)") }
        return record
    }

    /// Refused while a connection uses the connector: revoke those first, so no connection is left without its provider.
    public func delete(principal: Principal, namespace: String, name: String) async throws -> ConnectorRecord {
        try principal.require(.integrationsWrite)
        let record = try await owned(principal, namespace, name)
        let provider = record.providerID
        for status in [ConnectionRecord.Status.active, .pending, .needsReauth, .failed] {
            let using = try await store.connections(accountID: principal.accountID, filter: ConnectionFilter(provider: provider, status: status),
                                                    page: PageRequest(limit: 1))
            if let connection = using.items.first {
                throw ServiceError(.conflict, "connector_in_use",
                                   "connection \(connection.id) uses \(namespace)/\(name); DELETE the connections of provider \(provider) first")
            }
        }
        guard try await store.deleteConnector(accountID: principal.accountID, namespace: namespace, name: name) else {
            throw ServiceError.notFound("connector", "\(namespace)/\(name)")
        }
        return record
    }

    func owned(_ principal: Principal, _ namespace: String, _ name: String) async throws -> ConnectorRecord {
        guard let record = try await store.connector(accountID: principal.accountID, namespace: namespace, name: name) else {
            throw ServiceError.notFound("connector", "\(namespace)/\(name)")
        }
        return record
    }

    // MARK: Trying an operation

    /// What one trial of an operation sent and got back, with every secret masked.
    public struct Trial: Sendable {
        public var exchanges: [JSONValue]
        public var output: JSONValue?
        public var error: PluginError?
        public var durationMs: Int
    }

    /// Runs one operation with `input` as an agent's call would, through the connection given or
    /// else the account's shared connection (none is needed when the connector takes no auth),
    /// and shows each request and reply. Not recorded as an execution.
    public func test(principal: Principal, namespace: String, name: String, operation operationName: String, input: JSONValue,
                     connectionID: String?) async throws -> Trial {
        try principal.require(.integrationsWrite)
        let record = try await owned(principal, namespace, name)
        let definition = try ConnectorDefinition(record.definition)
        guard let operation = definition.operation(named: operationName) else {
            throw ServiceError(.notFound, "unknown_operation",
                               "\(namespace)/\(name) has no operation \"\(operationName)\" (it has: \(definition.operations.map(\.name).joined(separator: ", ")))",
                               field: "operation")
        }
        let violations = JSONSchema.violations(of: input, against: operation.parameters)
        guard violations.isEmpty else { throw ServiceError.schema(violations, root: "input") }

        let (context, exchanges) = try await trialContext(principal, definition, connectionID: connectionID)
        let trace = TrialTrace(secrets: context.secrets, authHeader: definition.auth.scheme)
        let send: ConnectorRunner.Send = { request in
            let response = await context.http(request)
            trace.add(request, response, sentAs: exchanges.all.last)
            return response
        }
        let runner = ConnectorRunner(definition: definition, operation: operation)
        let timeout = operation.timeoutMs.map { Duration.milliseconds($0) } ?? settings.pluginTimeout
        let started = clock.now
        let outcome = await ConnectorChannel.within(timeout, on: providers.registry.clock) { await runner.run(input, send: send) }
        let duration = Int((clock.now - started) / .milliseconds(1))
        var trial = Trial(exchanges: trace.all, durationMs: duration)
        switch outcome {
        case .success(let output)?: trial.output = trace.redacted(output)
        case .failure(var error)?:
            error.message = Redaction.redact(error.message, secrets: context.secrets)
            trial.error = error
        case nil:
            trial.error = PluginError(code: "upstream_timeout", message: "the operation did not complete within \(timeout)", retryable: true)
        }
        return trial
    }

    /// The egress context of a trial: the connection's, or a bare one for a connector without auth.
    private func trialContext(_ principal: Principal, _ definition: ConnectorDefinition,
                              connectionID: String?) async throws -> (PluginCallContext, ExchangeLog) {
        var connection: ConnectionRecord?
        if let connectionID {
            guard let found = try await store.connection(id: connectionID, accountID: principal.accountID), found.provider == definition.providerID else {
                throw ServiceError(.notFound, "not_found", "no connection \"\(connectionID)\" of \(definition.providerID)", field: "connection_id")
            }
            connection = found
        } else {
            let page = try await store.connections(accountID: principal.accountID,
                                                   filter: ConnectionFilter(provider: definition.providerID, status: .active),
                                                   page: PageRequest(limit: 50))
            connection = page.items.first { $0.endUser == nil }
        }
        if let connection {
            let prepared = try await calls.prepare(connection)
            return (prepared.context, prepared.exchanges)
        }
        guard definition.auth == .none else {
            throw ServiceError(.conflict, "connection_required",
                               "\(definition.providerID) needs credentials: connect it (POST /v1/connections with provider \(definition.providerID)) or pass connection_id",
                               field: "connection_id")
        }
        let target = EgressTarget(baseURL: definition.baseURL, allowedHosts: [], auth: definition.auth.scheme, credentials: [:])
        let exchanges = ExchangeLog()
        let egress = calls.egress
        return (PluginCallContext { request in await egress.send(request, to: target, record: exchanges.append) }, exchanges)
    }
}
