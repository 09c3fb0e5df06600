import Foundation
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Configuration as code: applies a `ConfigDocument` to an account through the same services
/// the API uses (so the same validation applies), object by object in the order things depend
/// on each other (connectors, OAuth apps, connections, agents), and writes an account back as
/// such a file (`ConfigExport`). Applying is idempotent: what already matches is left alone,
/// so a second apply of the same file changes nothing. Objects the file does not name are
/// left as they are; nothing is deleted.
public struct ConfigService: Sendable {
    let store: any Store
    let vault: Vault
    let providers: ProviderDirectory
    let apiKeys: APIKeyService
    let connectors: ConnectorService
    let apps: OAuthAppService
    let connections: ConnectionService
    let agents: AgentService

    /// Applies `document` to the account named `accountName` (created if it does not exist),
    /// or with `dryRun` only says what applying would do. Stops at the first refusal, which
    /// names the file, line and object; what was applied before it stays, and applying the
    /// corrected file carries on from there.
    public func apply(_ document: ConfigDocument, accountName: String, dryRun: Bool) async throws -> ConfigPlan {
        var plan = ConfigPlan(dryRun: dryRun)
        var run = Run(document: document, dryRun: dryRun)
        if let account = try await store.account(named: accountName) {
            run.principal = Self.principal(account.id)
        } else {
            plan.add("account", accountName, .create)
            if !dryRun { run.principal = Self.principal(try await apiKeys.account(named: accountName).id) }
        }
        for (index, definition) in document.connectors.enumerated() {
            try await document.located("connectors[\(index)]") { try await applyConnector(definition, &run, &plan) }
        }
        for (index, app) in document.oauthApps.enumerated() {
            try await document.located("oauth_apps[\(index)]") { try await applyOAuthApp(app, &run, &plan) }
        }
        for (index, connection) in document.connections.enumerated() {
            try await document.located("connections[\(index)]") { try await applyConnection(connection, &run, &plan) }
        }
        for (index, agent) in document.agents.enumerated() {
            try await document.located("agents[\(index)]") { try await applyAgent(agent, at: "agents[\(index)]", &run, &plan) }
        }
        return plan
    }

    /// The configuration writer for the account named `accountName`.
    public func export(accountName: String) async throws -> ConfigExport {
        guard let account = try await store.account(named: accountName) else { throw ServiceError.notFound("account", accountName) }
        return try await ConfigExport.make(self, principal: Self.principal(account.id), accountName: account.name)
    }

    /// The file acts for the operator who runs `apply`, with every scope, on one account.
    static func principal(_ accountID: String) -> Principal {
        Principal(accountID: accountID, keyID: "config", scopes: [.admin])
    }

    /// What one apply carries from object to object.
    struct Run {
        let document: ConfigDocument
        let dryRun: Bool
        /// An account that does not exist yet (dry run) owns nothing: every read finds nothing.
        var principal = ConfigService.principal("")
        /// Providers a dry run would create or change: what depends on them cannot be checked yet.
        var pending: Set<String> = []
    }

    // MARK: Connectors

    private func applyConnector(_ definition: JSONValue, _ run: inout Run, _ plan: inout ConfigPlan) async throws {
        let namespace = definition["namespace"]?.stringValue ?? "default", name = definition["name"]?.stringValue ?? ""
        let label = "\(namespace)/\(name)"
        guard let existing = try await store.connector(accountID: run.principal.accountID, namespace: namespace, name: name) else {
            plan.add("connector", label, .create)
            run.pending.insert(ConnectorRecord.providerID(namespace: namespace, name: name))
            if !run.dryRun { _ = try await connectors.create(principal: run.principal, definition: definition) }
            return
        }
        var stored = existing.definition.objectValue ?? [:]
        stored["namespace"] = .string(namespace)
        stored["name"] = .string(name)
        let changes = Self.changedKeys(stored, definition.objectValue ?? [:])
        guard !changes.isEmpty else { return plan.add("connector", label, .unchanged) }
        plan.add("connector", label, .update, changes: changes)
        run.pending.insert(existing.providerID)
        if !run.dryRun { _ = try await connectors.update(principal: run.principal, namespace: namespace, name: name, definition: definition) }
    }

    // MARK: OAuth apps

    private func applyOAuthApp(_ app: ConfigDocument.OAuthApp, _ run: inout Run, _ plan: inout ConfigPlan) async throws {
        let draft = OAuthAppService.Draft(clientID: app.clientID, clientSecret: app.clientSecret, scopes: app.scopes, redirectURI: app.redirectURI)
        guard let existing = try await store.oauthApp(accountID: run.principal.accountID, provider: app.provider) else {
            plan.add("oauth app", app.provider, .create)
            if !run.dryRun { _ = try await apps.save(principal: run.principal, provider: app.provider, draft) }
            return
        }
        var changes: [String] = []
        if existing.clientID != app.clientID { changes.append("client_id") }
        if try OAuthAppService.clientSecret(existing, vault: vault) != app.clientSecret { changes.append("client_secret") }
        if let scopes = app.scopes, scopes != existing.scopes { changes.append("scopes") }
        if let redirectURI = app.redirectURI, redirectURI != existing.redirectURI { changes.append("redirect_uri") }
        guard !changes.isEmpty else { return plan.add("oauth app", app.provider, .unchanged) }
        plan.add("oauth app", app.provider, .update, changes: changes)
        if !run.dryRun { _ = try await apps.save(principal: run.principal, provider: app.provider, draft) }
    }

    // MARK: Connections

    private func applyConnection(_ connection: ConfigDocument.Connection, _ run: inout Run, _ plan: inout ConfigPlan) async throws {
        let draft = ConnectionService.Draft(provider: connection.provider, label: connection.label, config: connection.config,
                                            credentials: .object(connection.credentials.mapValues { .string($0) }))
        guard let existing = try await sharedConnection(connection.provider, run.principal) else {
            plan.add("connection", connection.provider, .create)
            run.pending.insert("connection:\(connection.provider)")
            if !run.dryRun { _ = try await connections.create(principal: run.principal, draft) }
            return
        }
        var changes: [String] = []
        if let label = connection.label, label != existing.label { changes.append("label") }
        if let config = connection.config, config != existing.config { changes.append("config") }
        let stored = try ConnectionCalls.openCredentials(existing, vault: vault)
        changes += connection.credentials.keys.sorted().filter { stored[$0] != connection.credentials[$0] }.map { "credentials.\($0)" }
        guard !changes.isEmpty else { return plan.add("connection", connection.provider, .unchanged) }
        plan.add("connection", connection.provider, .update, changes: changes)
        if !run.dryRun {
            var update = draft
            update.provider = nil
            _ = try await connections.update(principal: run.principal, id: existing.id, update)
        }
    }

    /// The account's shared connection to `provider` that the file manages: its oldest active one.
    func sharedConnection(_ provider: String, _ principal: Principal) async throws -> ConnectionRecord? {
        var page = PageRequest(limit: 200)
        var oldest: ConnectionRecord?
        while true {
            let found = try await store.connections(accountID: principal.accountID,
                                                    filter: ConnectionFilter(provider: provider, status: .active), page: page)
            if let last = found.items.last(where: { $0.endUser == nil }) { oldest = last }
            guard let next = found.next else { return oldest }
            page.after = next
        }
    }

    // MARK: Agents

    private func applyAgent(_ agent: ConfigDocument.Agent, at path: String, _ run: inout Run, _ plan: inout ConfigPlan) async throws {
        let existing = try await agentNamed(agent.name, run.principal)
        let waiting = agent.enabledConnectors.contains { run.pending.contains($0.provider) || run.pending.contains("connection:\($0.provider)") }
        if run.dryRun, waiting {
            // Its skills depend on what this file would create or change first.
            return plan.add("agent", agent.name, existing == nil ? .create : .update, changes: ["skills"])
        }
        let skills = try await desiredSkills(agent, at: path, run.principal)
        guard let existing else {
            plan.add("agent", agent.name, .create)
            if !run.dryRun {
                let created = try await agents.create(principal: run.principal, .init(name: agent.name, description: agent.description,
                                                                                          variables: agent.variables))
                try await agents.replaceDraft(principal: run.principal, agentID: created.id, with: skills)
                if agent.publish, !skills.isEmpty { _ = try await agents.publish(principal: run.principal, agentID: created.id, note: Self.note) }
            }
            return
        }
        var changes: [String] = []
        if let description = agent.description, description != existing.description { changes.append("description") }
        if let variables = agent.variables, variables != .object(existing.variables) { changes.append("variables") }
        if skills != existing.draft { changes.append("skills") }
        var live: [SkillDefinition]?
        if let version = existing.liveVersion {
            live = try await store.agentVersion(agentID: existing.id, accountID: run.principal.accountID, version: version)?.skills
        }
        let publishes = agent.publish && !skills.isEmpty && live != skills
        if publishes { changes.append("published") }
        guard !changes.isEmpty else { return plan.add("agent", agent.name, .unchanged) }
        plan.add("agent", agent.name, .update, changes: changes)
        guard !run.dryRun else { return }
        _ = try await agents.update(principal: run.principal, id: existing.id,
                                    .init(description: agent.description, variables: agent.variables))
        if skills != existing.draft { try await agents.replaceDraft(principal: run.principal, agentID: existing.id, with: skills) }
        if publishes { _ = try await agents.publish(principal: run.principal, agentID: existing.id, note: Self.note) }
    }

    static let note = "patchbay apply"

    /// One skill per operation of each enabled connector, through the account's shared connection to it.
    private func desiredSkills(_ agent: ConfigDocument.Agent, at path: String, _ principal: Principal) async throws -> [SkillDefinition] {
        var skills: [SkillDefinition] = []
        for (index, enabled) in agent.enabledConnectors.enumerated() {
            let field = "\(path).enabled_connectors[\(index)]"
            guard let connection = try await sharedConnection(enabled.provider, principal) else {
                throw ServiceError(.conflict, "connection_required",
                                   "\(field): the account has no connection to \(enabled.provider); declare one under connections or connect it first",
                                   field: "\(field).connector")
            }
            guard let plugin = try await providers.provider(enabled.provider, accountID: principal.accountID) else {
                throw ServiceError(.badRequest, "unknown_provider", "\(field): no provider \(enabled.provider) in the catalog",
                                   field: "\(field).connector")
            }
            let manifest = plugin.manifest
            let names = enabled.operations ?? manifest.actions.filter(\.important).map(\.name)
            for (position, name) in names.enumerated() {
                guard let spec = manifest.action(named: name) else {
                    throw ServiceError(.badRequest, "unknown_action",
                                       "\(field).operations[\(position)]: \(manifest.name) has no operation \(name) (it has: \(manifest.actions.map(\.name).joined(separator: ", ")))",
                                       field: "\(field).operations[\(position)]")
                }
                do {
                    skills.append(try SkillFactory.make(name: name, description: nil, connection: connection, spec: spec,
                                                        presets: enabled.parameters[name] ?? [:], requiresApproval: false))
                } catch var error as ServiceError {
                    error.field = "\(field).parameters.\(name)" + (error.field.map { $0.hasPrefix("presets.") ? "." + $0.dropFirst(8) : "" } ?? "")
                    error.message = "\(field).parameters.\(name): \(error.message)"
                    throw error
                }
            }
        }
        let clashing = SkillFactory.clashes(skills, with: [])
        guard clashing.isEmpty else {
            throw ServiceError.validation("\(path): two enabled connectors give an operation of the same name: \(clashing.joined(separator: ", "))",
                                          field: "\(path).enabled_connectors")
        }
        return skills
    }

    func agentNamed(_ name: String, _ principal: Principal) async throws -> AgentRecord? {
        try await allAgents(principal).first { $0.name == name }
    }

    func allAgents(_ principal: Principal) async throws -> [AgentRecord] {
        var page = PageRequest(limit: 200)
        var all: [AgentRecord] = []
        while true {
            let found = try await store.agents(accountID: principal.accountID, page: page)
            all += found.items
            guard let next = found.next else { return all }
            page.after = next
        }
    }

    /// The top-level members whose values differ, for the plan.
    private static func changedKeys(_ old: [String: JSONValue], _ new: [String: JSONValue]) -> [String] {
        Set(old.keys).union(new.keys).sorted().filter { old[$0] != new[$0] }
    }
}
