public import PatchbayModel

/// Which host processes are alive, so that calls cut off by a crash are not left `running`.
///
/// Each process that opens a store is one instance, with its own `instanceID`. The store
/// stamps that id on every execution it marks `running`, and the instance keeps a heartbeat
/// row fresh while it serves. Another instance (or the same host after a restart, which is a
/// new instance) marks the executions of an instance that is gone as interrupted.
public protocol HostInstanceStore: Sendable {
    /// This process's instance, stamped on each execution it runs.
    var instanceID: String { get }
    /// Writes the instance's heartbeat row (created on first use).
    func saveHostInstance(_ instance: HostInstanceRecord) async throws
    func hostInstances() async throws -> [HostInstanceRecord]
    /// Marks every `running` execution of these instances `interrupted` with
    /// `ExecutionRecord.outcomeUnknown`, and forgets the instances; returns how many were marked.
    func interruptExecutions(ofInstances ids: [String], at: Millis) async throws -> Int
    /// Why writes fail, or nil when they succeed. After a failed write, or when no write has
    /// succeeded for a few seconds, this tries a small write of its own: the answer changes as
    /// soon as the disk has room again, and an idle host still proves it takes writes.
    func storageProblem() async -> StoreError?
}
