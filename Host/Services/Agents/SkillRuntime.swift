import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayStore
public import PatchbayWire

/// What an agent runtime does with published skills: call them (over HTTP or MCP), and what an
/// operator does with calls that wait for approval. Every call is an execution, run by the same
/// path as a direct action call.
public struct SkillRuntime: Sendable {
    let store: any AgentStore & ConnectionStore & ExecutionStore
    let executions: ExecutionService
    let audit: AuditLog
    let webhooks: WebhookSkillCall
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    public struct Call: Sendable {
        public var input: JSONValue
        public var toolCallID: String?
        public var endUser: String?
        public var trigger: ExecutionRecord.Trigger

        public init(input: JSONValue, toolCallID: String? = nil, endUser: String? = nil, trigger: ExecutionRecord.Trigger = .skill) {
            self.input = input
            self.toolCallID = toolCallID
            self.endUser = endUser
            self.trigger = trigger
        }
    }

    public enum Decision: String, Sendable, CaseIterable {
        case approve, deny
    }

    /// The live version's skills, for tool lists.
    public func publishedSkills(principal: Principal, agentID: String) async throws -> (AgentRecord, AgentVersionRecord) {
        try principal.require(.skillsInvoke)
        let agent = try await agent(principal, agentID)
        return (agent, try await liveVersion(agent))
    }

    /// Calls a published skill. A skill that needs approval is recorded as `awaiting_approval`
    /// and returned without running; anything else runs now.
    public func invoke(principal: Principal, agentID: String, skill name: String, _ call: Call) async throws -> ExecutionRecord {
        try principal.require(.skillsInvoke)
        if let toolCallID = call.toolCallID, !(1...200).contains(toolCallID.count) {
            throw ServiceError.validation("tool_call_id must be 1 to 200 characters", field: "tool_call_id")
        }
        let endUser = try call.endUser.map(EndUser.validated)
        let agent = try await agent(principal, agentID)
        let version = try await liveVersion(agent)
        guard let skill = version.skills.first(where: { $0.name == name }) else {
            throw ServiceError(.notFound, "unknown_skill", "agent \(agentID) has no published skill \"\(name)\"")
        }
        let connection = try await connection(for: skill, endUser: endUser, principal)
        if let webhook = skill.webhook {
            // The owner's own endpoint: no provider action, so nothing waits for approval either.
            let input = try checkedInput(skill, call.input, agent: agent)
            guard connection.status == .active else {
                throw ServiceError(.conflict, "connection_revoked", "the skill's connection \(connection.id) has been deleted")
            }
            let execution = ExecutionRecord(
                id: IDs.make("exec"), accountID: principal.accountID, connectionID: connection.id, provider: connection.provider,
                action: skill.action, status: .running, startedAt: clock.wallMillis, trigger: call.trigger,
                skillCall: SkillCall(agentID: agent.id, skill: skill.name, agentVersion: version.version, toolCallID: call.toolCallID,
                                     endUser: endUser))
            try await store.insertExecution(execution, durability: .outlivesProcess)
            return try await webhooks.run(webhook, connection: connection, input: .object(input), skill: skill.name, execution)
        }
        let checked = try await check(skill, call.input, agent: agent, connection: connection)
        var execution = ExecutionRecord(
            id: IDs.make("exec"), accountID: principal.accountID, connectionID: connection.id, provider: connection.provider,
            action: skill.action, status: skill.requiresApproval ? .awaitingApproval : .running, startedAt: clock.wallMillis,
            trigger: call.trigger,
            skillCall: SkillCall(agentID: agent.id, skill: skill.name, agentVersion: version.version, toolCallID: call.toolCallID,
                                 endUser: endUser))
        if skill.requiresApproval {
            execution.skillCall?.pendingInput = call.input
            // The caller is told the call awaits approval: it must survive anything.
            try await store.insertExecution(execution, durability: .onDisk)
            return execution
        }
        try await store.insertExecution(execution, durability: .outlivesProcess)
        return try await executions.run(checked, execution, shaping: outputShaping(skill))
    }

    /// Approves (optionally with edited input) or denies a paused skill call.
    public func decide(principal: Principal, executionID: String, decision: Decision, editedInput: JSONValue?) async throws -> ExecutionRecord {
        try principal.require(.skillsWrite)
        guard var execution = try await store.execution(id: executionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("execution", executionID)
        }
        guard execution.status == .awaitingApproval, let skillCall = execution.skillCall else {
            throw ServiceError(.conflict, "not_awaiting_approval",
                               "execution \(executionID) is \(execution.status.rawValue), not awaiting approval")
        }
        if decision == .deny {
            if editedInput != nil { throw ServiceError.validation("input is only taken with approve", field: "input") }
            guard try await store.transitionExecution(id: execution.id, accountID: principal.accountID,
                                                      from: .awaitingApproval, to: .denied) else { throw alreadyDecided(executionID) }
            execution.status = .denied
            execution.finishedAt = clock.wallMillis
            execution.errorCode = "approval_denied"
            execution.errorMessage = "the call was denied"
            execution.skillCall?.pendingInput = nil
            try await store.updateExecution(execution)
            await audit.record(principal, "execution.denied", target: execution.id, changes: ["skill": .string(skillCall.skill)])
            return execution
        }
        let input = editedInput ?? skillCall.pendingInput ?? [:]
        guard let version = try await store.agentVersion(agentID: skillCall.agentID, accountID: principal.accountID,
                                                         version: skillCall.agentVersion),
              let skill = version.skills.first(where: { $0.name == skillCall.skill }),
              let agent = try await store.agent(id: skillCall.agentID, accountID: principal.accountID)
        else {
            throw ServiceError(.conflict, "agent_deleted", "the agent this call was made for no longer exists; deny it instead")
        }
        guard let connection = try await store.connection(id: execution.connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", execution.connectionID)
        }
        let checked = try await check(skill, input, agent: agent, connection: connection)
        guard try await store.transitionExecution(id: execution.id, accountID: principal.accountID,
                                                  from: .awaitingApproval, to: .running) else { throw alreadyDecided(executionID) }
        execution.status = .running
        execution.skillCall?.pendingInput = nil
        // Recorded before the call runs: the approval stands whatever the call's outcome.
        await audit.record(principal, "execution.approved", target: execution.id,
                           changes: ["skill": .string(skillCall.skill), "input_edited": .bool(editedInput != nil)])
        return try await executions.run(checked, execution, shaping: outputShaping(skill))
    }

    // MARK: Helpers

    /// A binding returns only its returned fields; other skills return the action's output as it is.
    private func outputShaping(_ skill: SkillDefinition) -> (@Sendable (JSONValue) -> JSONValue)? {
        guard let binding = skill.binding else { return nil }
        return { BindingShapes.shapeOutput(binding, $0) }
    }

    /// The caller's input against the skill's schema, then the presets filled and merged in and
    /// the whole against the action's own schema.
    private func check(_ skill: SkillDefinition, _ input: JSONValue, agent: AgentRecord,
                       connection: ConnectionRecord) async throws -> ExecutionService.Checked {
        let merged = try checkedInput(skill, input, agent: agent)
        if let binding = skill.binding {
            return try await executions.check(connection, action: skill.action, input: BindingShapes.actionInput(binding, merged))
        }
        return try await executions.check(connection, action: skill.action, input: .object(merged))
    }

    /// The caller's input checked against the skill's schema, with the presets filled and merged in.
    private func checkedInput(_ skill: SkillDefinition, _ input: JSONValue, agent: AgentRecord) throws -> [String: JSONValue] {
        guard var merged = input.objectValue else { throw ServiceError.validation("input must be an object", field: "input") }
        let violations = JSONSchema.violations(of: input, against: skill.inputSchema)
        guard violations.isEmpty else { throw ServiceError.schema(violations, root: "input") }
        for (key, value) in skill.presets {
            merged[key] = try PresetTemplates.fill(value, variables: agent.variables)
        }
        return merged
    }

    /// The end user's own connection to the skill's provider when they have one, else the
    /// account's connection the skill was made with.
    private func connection(for skill: SkillDefinition, endUser: String?, _ principal: Principal) async throws -> ConnectionRecord {
        if let endUser,
           let own = try await store.endUserConnection(accountID: principal.accountID, provider: skill.provider, endUser: endUser) {
            return own
        }
        guard let shared = try await store.connection(id: skill.connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", skill.connectionID)
        }
        return shared
    }

    private func agent(_ principal: Principal, _ id: String) async throws -> AgentRecord {
        guard let agent = try await store.agent(id: id, accountID: principal.accountID) else { throw ServiceError.notFound("agent", id) }
        return agent
    }

    private func liveVersion(_ agent: AgentRecord) async throws -> AgentVersionRecord {
        guard let live = agent.liveVersion, let version = try await store.agentVersion(agentID: agent.id, accountID: agent.accountID, version: live) else {
            throw ServiceError(.conflict, "agent_not_published", "agent \(agent.id) has no published version yet; publish its draft")
        }
        return version
    }

    private func alreadyDecided(_ id: String) -> ServiceError {
        ServiceError(.conflict, "not_awaiting_approval", "execution \(id) was decided by another call")
    }
}
