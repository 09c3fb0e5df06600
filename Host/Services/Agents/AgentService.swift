import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
public import PatchbayWire
import Synchronization

/// Agents and their drafts: skills added by hand, provisioned from a connection or installed
/// from a pack; publishing, versions and rollback.
public struct AgentService: Sendable {
    let store: any AgentStore & ConnectionStore
    let providers: ProviderDirectory
    /// Seals the signing secrets of `http_webhook` skills.
    let vault: Vault
    /// The push side's target policy and timeout, which `http_webhook` skills share.
    let webhookSettings: WebhookSettings
    /// Told of every publish and rollback, once committed, on the agent's `agentLive` channel.
    let notifier: any Notifier
    let audit: AuditLog
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    public struct Draft: Sendable {
        public var name: String?
        public var description: String?
        public var variables: JSONValue?

        public init(name: String? = nil, description: String? = nil, variables: JSONValue? = nil) {
            self.name = name
            self.description = description
            self.variables = variables
        }
    }

    public struct SkillDraft: Sendable {
        public var name: String?
        public var connectionID: String?
        public var action: String?
        public var description: String?
        public var presets: JSONValue?
        public var requiresApproval: Bool?

        public init(name: String? = nil, connectionID: String? = nil, action: String? = nil, description: String? = nil,
                    presets: JSONValue? = nil, requiresApproval: Bool? = nil) {
            self.name = name
            self.connectionID = connectionID
            self.action = action
            self.description = description
            self.presets = presets
            self.requiresApproval = requiresApproval
        }
    }

    // MARK: Agents

    public func create(principal: Principal, _ draft: Draft) async throws -> AgentRecord {
        try principal.require(.skillsWrite)
        guard let name = draft.name else { throw ServiceError.validation("name is required", field: "name") }
        let now = clock.wallMillis
        let agent = AgentRecord(
            id: IDs.make("agent"), accountID: principal.accountID, name: try validName(name),
            description: try validDescription(draft.description ?? ""), variables: try validVariables(draft.variables ?? [:]),
            draft: [], liveVersion: nil, createdAt: now, updatedAt: now)
        do {
            try await store.insertAgent(agent)
        } catch StoreError.conflict {
            throw nameTaken(agent.name)
        }
        return agent
    }

    public func get(principal: Principal, id: String) async throws -> AgentRecord {
        try principal.require(.integrationsRead)
        return try await owned(principal, id)
    }

    public func list(principal: Principal, page: PageRequest) async throws -> Page<AgentRecord> {
        try principal.require(.integrationsRead)
        return try await store.agents(accountID: principal.accountID, page: page)
    }

    /// Changes name, description and/or variables. Variables are replaced whole.
    public func update(principal: Principal, id: String, _ draft: Draft) async throws -> AgentRecord {
        try principal.require(.skillsWrite)
        let name = try draft.name.map(validName)
        let description = try draft.description.map(validDescription)
        let variables = try draft.variables.map(validVariables)
        do {
            return try await edit(principal, id) { agent in
                if let name { agent.name = name }
                if let description { agent.description = description }
                if let variables { agent.variables = variables }
            }
        } catch StoreError.conflict {
            throw nameTaken(name ?? "")
        }
    }

    public func delete(principal: Principal, id: String) async throws {
        try principal.require(.skillsWrite)
        guard try await store.deleteAgent(id: id, accountID: principal.accountID) else { throw ServiceError.notFound("agent", id) }
    }

    // MARK: The draft

    public func addSkill(principal: Principal, agentID: String, _ draft: SkillDraft) async throws -> SkillDefinition {
        try principal.require(.skillsWrite)
        guard let connectionID = draft.connectionID else {
            throw ServiceError.validation("connection_id is required", field: "connection_id")
        }
        guard let actionName = draft.action else { throw ServiceError.validation("action is required", field: "action") }
        let connection = try await usableConnection(principal, connectionID)
        let spec = try await action(actionName, of: connection)
        let skill = try SkillFactory.make(
            name: draft.name ?? actionName, description: draft.description, connection: connection, spec: spec,
            presets: try presets(draft.presets), requiresApproval: draft.requiresApproval ?? false)
        try await append([skill], principal, agentID)
        return skill
    }

    /// Changes a draft skill's description, presets or approval; the action and connection stay.
    public func updateSkill(principal: Principal, agentID: String, name: String, _ draft: SkillDraft) async throws -> SkillDefinition {
        try principal.require(.skillsWrite)
        if draft.connectionID != nil || draft.action != nil || draft.name != nil {
            throw ServiceError.validation("only description, presets and requires_approval can change; add a new skill instead",
                                          field: draft.name != nil ? "name" : draft.connectionID != nil ? "connection_id" : "action")
        }
        let agent = try await owned(principal, agentID)
        guard let current = agent.draft.first(where: { $0.name == name }) else { throw unknownSkill(name) }
        if current.webhook != nil {
            throw ServiceError.validation("an http_webhook skill is not changed in place; remove it and add it again (with a new secret)",
                                          field: "name")
        }
        if current.binding != nil, draft.presets != nil {
            throw ServiceError.validation("a binding's presets are fixed when it is bound; bind it again to change them", field: "presets")
        }
        let connection = try await usableConnection(principal, current.connectionID)
        let spec = try await action(current.action, of: connection)
        var skill = try SkillFactory.make(
            name: name, description: draft.description ?? current.description, connection: connection, spec: spec,
            presets: current.binding != nil ? [:] : try draft.presets.map(presets) ?? current.presets,
            requiresApproval: draft.requiresApproval ?? current.requiresApproval)
        if let binding = current.binding {
            // A binding's schema and presets are over the object's fields, not the action's inputs.
            skill.binding = binding
            skill.presets = current.presets
            skill.inputSchema = current.inputSchema
        }
        let replacement = skill
        _ = try await edit(principal, agentID) { agent in
            guard let index = agent.draft.firstIndex(where: { $0.name == name }) else { throw unknownSkill(name) }
            agent.draft[index] = replacement
        }
        return skill
    }

    public func removeSkill(principal: Principal, agentID: String, name: String) async throws {
        try principal.require(.skillsWrite)
        _ = try await edit(principal, agentID) { agent in
            guard agent.draft.contains(where: { $0.name == name }) else { throw unknownSkill(name) }
            agent.draft.removeAll { $0.name == name }
        }
    }

    /// One skill per action of the connection's provider: the named ones, or every `important`
    /// action when none are named. Unknown names are refused together, before anything is added.
    public func provision(principal: Principal, agentID: String, connectionID: String, actions: [String]?,
                          requiresApproval: Bool) async throws -> [SkillDefinition] {
        try principal.require(.skillsWrite)
        let connection = try await usableConnection(principal, connectionID)
        let manifest = try await plugin(of: connection).manifest
        let specs: [ActionSpec]
        if let actions {
            guard !actions.isEmpty else { throw ServiceError.validation("actions must name at least one action", field: "actions") }
            let unknown = actions.filter { manifest.action(named: $0) == nil }
            guard unknown.isEmpty else {
                throw ServiceError(.badRequest, "unknown_action",
                                   "\(manifest.name) has no action \(unknown.joined(separator: ", ")) (it has: \(manifest.actions.map(\.name).joined(separator: ", ")))",
                                   field: "actions")
            }
            specs = actions.compactMap(manifest.action(named:))
        } else {
            specs = manifest.actions.filter(\.important)
        }
        let skills = try specs.map { spec in
            try SkillFactory.make(name: spec.name, description: nil, connection: connection, spec: spec, presets: [:],
                                  requiresApproval: requiresApproval)
        }
        try await append(skills, principal, agentID)
        return skills
    }

    /// Removes every draft skill of a provider; returns their names.
    public func unprovision(principal: Principal, agentID: String, provider: String) async throws -> [String] {
        try principal.require(.skillsWrite)
        let removed = RemovedNames()
        _ = try await edit(principal, agentID) { agent in
            removed.names.withLock { $0 = agent.draft.filter { $0.provider == provider }.map(\.name) }
            agent.draft.removeAll { $0.provider == provider }
        }
        return removed.names.withLock { $0 }
    }

    /// Adds a provider pack's skills to the draft, all or none.
    public func installPack(principal: Principal, agentID: String, connectionID: String, packID: String) async throws -> [SkillDefinition] {
        try principal.require(.skillsWrite)
        let connection = try await usableConnection(principal, connectionID)
        let manifest = try await plugin(of: connection).manifest
        guard let pack = manifest.packs.first(where: { $0.id == packID }) else {
            throw ServiceError(.notFound, "unknown_pack", "\(manifest.name) has no pack \"\(packID)\"", field: "pack")
        }
        var skills: [SkillDefinition] = []
        for item in pack.skills {
            skills.append(try SkillFactory.make(name: item.name, description: item.description, connection: connection,
                                                spec: try await action(item.action, of: connection), presets: item.presets,
                                                requiresApproval: false))
        }
        try await append(skills, principal, agentID)
        return skills
    }

    /// Replaces the whole draft, as a configuration file declares it (`ConfigService`).
    func replaceDraft(principal: Principal, agentID: String, with skills: [SkillDefinition]) async throws {
        try principal.require(.skillsWrite)
        let clashing = SkillFactory.clashes(skills, with: [])
        guard clashing.isEmpty else { throw SkillFactory.clashError(clashing) }
        guard skills.count <= Self.maxSkills else {
            throw ServiceError.validation("an agent holds at most \(Self.maxSkills) skills", field: "skills")
        }
        _ = try await edit(principal, agentID) { agent in agent.draft = skills }
    }

    // MARK: Publishing

    /// Copies the draft to a new numbered version and makes it live. Every template variable the
    /// skills use must be set first, so a published skill never fails for want of one.
    public func publish(principal: Principal, agentID: String, note: String?) async throws -> AgentVersionRecord {
        try principal.require(.skillsWrite)
        let agent = try await owned(principal, agentID)
        guard !agent.draft.isEmpty else {
            throw ServiceError(.conflict, "empty_draft", "the draft has no skills to publish")
        }
        let missing = Set(agent.draft.flatMap { PresetTemplates.variables(in: .object($0.presets)) })
            .subtracting(agent.variables.keys).sorted()
        guard missing.isEmpty else {
            throw ServiceError(.conflict, "variable_not_set",
                               "the skills use variables that are not set: \(missing.joined(separator: ", "))",
                               field: "variables.\(missing[0])")
        }
        try validNote(note)
        guard let version = try await store.publishAgent(id: agentID, accountID: principal.accountID, note: note, at: clock.wallMillis) else {
            throw ServiceError.notFound("agent", agentID)
        }
        await notifier.notify(.agentLive(agentID), payload: String(version.version))
        await audit.record(principal, "agent.published", target: agentID,
                           changes: ["version": .integer(Int64(version.version)), "note": note.map(JSONValue.string) ?? .null])
        return version
    }

    /// Wakes once for each new live version of the agent (a publish or a rollback, on any
    /// replica; unread ones coalesce) until the task iterating it is cancelled, which ends the
    /// listening. It listens from the moment it returns, so no version published later is missed.
    public func liveVersionChanges(agentID: String) -> some AsyncSequence<Void, Never> & Sendable {
        notifier.listen(.agentLive(agentID)).map { _ in }
    }

    public func versions(principal: Principal, agentID: String) async throws -> (AgentRecord, [AgentVersionRecord]) {
        try principal.require(.integrationsRead)
        let agent = try await owned(principal, agentID)
        return (agent, try await store.agentVersions(agentID: agent.id, accountID: principal.accountID))
    }

    public func version(principal: Principal, agentID: String, version: Int) async throws -> (AgentRecord, AgentVersionRecord) {
        try principal.require(.integrationsRead)
        let agent = try await owned(principal, agentID)
        guard let record = try await store.agentVersion(agentID: agent.id, accountID: principal.accountID, version: version) else {
            throw ServiceError.notFound("version", String(version))
        }
        return (agent, record)
    }

    /// Publishes a copy of an earlier version's skills as the next version and makes it live, so
    /// versions stay immutable and the history shows the rollback. The draft is left as it is:
    /// it may hold work in progress (often the fix for what the rollback undid).
    public func rollback(principal: Principal, agentID: String, to version: Int, note: String?) async throws -> AgentVersionRecord {
        try principal.require(.skillsWrite)
        try validNote(note)
        let agent = try await owned(principal, agentID)
        let rolledBack: AgentVersionRecord?
        do {
            rolledBack = try await store.rollbackAgent(id: agent.id, accountID: principal.accountID, to: version, note: note,
                                                       at: clock.wallMillis)
        } catch StoreError.conflict {
            throw ServiceError(.conflict, "version_already_live", "version \(version) is already live; nothing to roll back",
                               field: "version")
        }
        guard let rolledBack else {
            throw ServiceError(.notFound, "unknown_version", "agent \(agentID) has no version \(version)", field: "version")
        }
        await notifier.notify(.agentLive(agentID), payload: String(rolledBack.version))
        await audit.record(principal, "agent.rolled_back", target: agentID, changes: [
            "to_version": .integer(Int64(version)), "version": .integer(Int64(rolledBack.version)),
            "note": note.map(JSONValue.string) ?? .null,
        ])
        return rolledBack
    }

    // MARK: Helpers

    func owned(_ principal: Principal, _ id: String) async throws -> AgentRecord {
        guard let agent = try await store.agent(id: id, accountID: principal.accountID) else { throw ServiceError.notFound("agent", id) }
        return agent
    }

    func edit(_ principal: Principal, _ id: String,
              _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord {
        let now = clock.wallMillis
        guard let agent = try await store.updateAgent(id: id, accountID: principal.accountID, { agent in
            try change(&agent)
            agent.updatedAt = now
        }) else { throw ServiceError.notFound("agent", id) }
        return agent
    }

    /// Adds skills to the draft in one transaction, refusing every clash at once.
    func append(_ skills: [SkillDefinition], _ principal: Principal, _ agentID: String) async throws {
        guard skills.count <= Self.maxSkills else {
            throw ServiceError.validation("an agent holds at most \(Self.maxSkills) skills", field: "skills")
        }
        _ = try await edit(principal, agentID) { agent in
            let clashing = SkillFactory.clashes(skills, with: agent.draft)
            guard clashing.isEmpty else { throw SkillFactory.clashError(clashing) }
            guard agent.draft.count + skills.count <= Self.maxSkills else {
                throw ServiceError.validation("an agent holds at most \(Self.maxSkills) skills", field: "skills")
            }
            agent.draft += skills
        }
    }

    static let maxSkills = 200

    func usableConnection(_ principal: Principal, _ id: String) async throws -> ConnectionRecord {
        guard let connection = try await store.connection(id: id, accountID: principal.accountID) else {
            throw ServiceError(.notFound, "not_found", "no connection \"\(id)\"", field: "connection_id")
        }
        guard connection.status == .active else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(id) has been deleted", field: "connection_id")
        }
        return connection
    }

    func plugin(of connection: ConnectionRecord) async throws -> LoadedPlugin {
        let provider = connection.provider
        guard let plugin = try await providers.provider(provider, accountID: connection.accountID) else {
            throw ServiceError(.unavailable, "provider_unavailable", "the \(provider) plugin is not loaded on this host")
        }
        return plugin
    }

    func action(_ name: String, of connection: ConnectionRecord) async throws -> ActionSpec {
        let manifest = try await plugin(of: connection).manifest
        guard let spec = manifest.action(named: name) else {
            throw ServiceError(.badRequest, "unknown_action",
                               "\(manifest.name) has no action \"\(name)\" (it has: \(manifest.actions.map(\.name).joined(separator: ", ")))",
                               field: "action")
        }
        return spec
    }

    private func presets(_ value: JSONValue?) throws -> [String: JSONValue] {
        guard let value else { return [:] }
        guard let object = value.objectValue else { throw ServiceError.validation("presets must be an object", field: "presets") }
        return object
    }

    private func validNote(_ note: String?) throws {
        if let note, note.count > 500 { throw ServiceError.validation("note must be at most 500 characters", field: "note") }
    }

    private func validName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else { throw ServiceError.validation("name must be 1 to 100 characters", field: "name") }
        return name
    }

    private func validDescription(_ text: String) throws -> String {
        guard text.count <= 2000 else { throw ServiceError.validation("description must be at most 2000 characters", field: "description") }
        return text
    }

    private func validVariables(_ value: JSONValue) throws -> [String: JSONValue] {
        guard let object = value.objectValue else { throw ServiceError.validation("variables must be an object", field: "variables") }
        for key in object.keys.sorted() where key.range(of: "^[A-Za-z_][A-Za-z0-9_]{0,63}$", options: .regularExpression) == nil {
            throw ServiceError.validation("variable name \"\(key)\" must be a letter or underscore then letters, digits or underscores",
                                          field: "variables.\(key)")
        }
        return object
    }

    private func nameTaken(_ name: String) -> ServiceError {
        ServiceError(.conflict, "agent_name_taken", "the account already has an agent named \"\(name)\"", field: "name")
    }

    func unknownSkill(_ name: String) -> ServiceError {
        ServiceError(.notFound, "unknown_skill", "no skill \"\(name)\" on this agent")
    }
}

/// Carries names out of a store transaction's closure.
private final class RemovedNames: Sendable {
    let names = Mutex<[String]>([])
}
