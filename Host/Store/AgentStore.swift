public import PatchbayModel

/// What the host keeps for agents: the agents with their drafts, their published versions,
/// and the end-user connection lookup skill calls use.
public protocol AgentStore: Sendable {
    /// Throws `StoreError.conflict` when the account already has an agent of that name.
    func insertAgent(_ agent: AgentRecord) async throws
    func agent(id: String, accountID: String) async throws -> AgentRecord?
    func agents(accountID: String, page: PageRequest) async throws -> Page<AgentRecord>
    /// Reads the agent, lets `change` edit it and writes it back, in one transaction, so two
    /// concurrent edits of a draft cannot lose each other. Nil when there is no such agent.
    func updateAgent(id: String, accountID: String,
                     _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord?
    /// Deletes the agent, its versions and its webhook subscriptions (their undelivered events
    /// are given up), in one transaction; its executions stay. False when there was none.
    func deleteAgent(id: String, accountID: String) async throws -> Bool

    /// Copies the draft to the next version number and makes it live, in one transaction.
    func publishAgent(id: String, accountID: String, note: String?, at time: Millis) async throws -> AgentVersionRecord?
    /// Publishes a copy of an earlier version's skills as the next version, marked as rolled back
    /// from it, and makes it live, in one transaction; the draft stays. Nil when the agent or the
    /// version does not exist; `StoreError.conflict` when that version is already live.
    func rollbackAgent(id: String, accountID: String, to version: Int, note: String?, at time: Millis) async throws -> AgentVersionRecord?
    /// Versions of an agent, newest first.
    func agentVersions(agentID: String, accountID: String) async throws -> [AgentVersionRecord]
    func agentVersion(agentID: String, accountID: String, version: Int) async throws -> AgentVersionRecord?

    /// Moves an execution from one status to another only if it is still in the first, so two
    /// concurrent approvals of one paused call cannot both run it. False when it was not.
    func transitionExecution(id: String, accountID: String, from: ExecutionRecord.Status,
                             to: ExecutionRecord.Status) async throws -> Bool

    /// The end user's own active connection to a provider, the newest when there are several.
    func endUserConnection(accountID: String, provider: String, endUser: String) async throws -> ConnectionRecord?
}
