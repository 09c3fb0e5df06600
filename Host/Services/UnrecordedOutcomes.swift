import Foundation
import PatchbayModel
import PatchbayStore
import Synchronization

/// Outcomes of calls that the store refused to record (a full disk), kept in memory and written
/// again with each heartbeat until the store takes them, so a stored execution does not keep
/// saying `running` once the disk has room. Lost if the host stops first: the execution is
/// then marked interrupted, outcome unknown, like any call cut off by a stop.
final class UnrecordedOutcomes: Sendable {
    private let waiting = Mutex<[ExecutionRecord]>([])

    func add(_ execution: ExecutionRecord) {
        var execution = execution
        execution.recordIncomplete = false
        waiting.withLock { $0.append(execution) }
    }

    /// Writes what is waiting, oldest first, stopping at the first refusal.
    func retry(_ store: any ExecutionStore) async {
        while let next = waiting.withLock({ $0.first }) {
            do {
                try await store.updateExecution(next)
            } catch {
                return
            }
            waiting.withLock { $0.removeAll { $0.id == next.id } }
        }
    }
}
