public import PatchbayModel

/// The record of every action call.
public protocol ExecutionStore: Sendable {
    /// Keeps a run's record before the call goes out, so even a run the host never finished
    /// (it crashed, or the call hangs) shows up; `durability` says what that must survive.
    func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws
    func updateExecution(_ execution: ExecutionRecord) async throws
    func execution(id: String, accountID: String) async throws -> ExecutionRecord?
    func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord>
}
