import Foundation
import PatchbayStore

/// Outcomes of calls that the store refused to record (a full disk), kept in memory and written
/// again with each heartbeat until the store takes them, so a stored execution does not keep
/// saying `running` once the disk has room. Lost if the host stops first: the execution is
/// then marked interrupted, outcome unknown, like any call cut off by a stop.
final class UnrecordedOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [ExecutionRecord] = []

    func add(_ execution: ExecutionRecord) {
        var execution = execution
        execution.recordIncomplete = false
        lock.withLock { waiting.append(execution) }
    }

    /// Writes what is waiting, oldest first, stopping at the first refusal.
    func retry(_ store: any ExecutionStore) async {
        while let next = lock.withLock({ waiting.first }) {
            do {
                try await store.updateExecution(next)
            } catch {
                return
            }
            lock.withLock { waiting.removeAll { $0.id == next.id } }
        }
    }
}
