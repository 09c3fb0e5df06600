import Foundation
import PatchbayWire

/// The calls a channel has in flight, each answered exactly once: by its completion, by its
/// deadline, or by the caller's cancellation, whichever comes first. Shared by the in-process
/// and the worker-process channels, so both keep the same promise.
final class PendingCalls: @unchecked Sendable {
    struct Entry {
        let continuation: CheckedContinuation<PluginReply, Never>
        let context: PluginCallContext
        var timer: Task<Void, Never>?
    }

    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    private var ignored = 0

    /// Registers a call; `onDeadline` runs if it is still in flight after `timeout`.
    func add(_ requestID: UInt64, continuation: CheckedContinuation<PluginReply, Never>, context: PluginCallContext,
             timeout: Duration, onDeadline: @escaping @Sendable () -> Void) {
        lock.withLock {
            entries[requestID] = Entry(continuation: continuation, context: context)
            entries[requestID]?.timer = Task {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                onDeadline()
            }
        }
    }

    /// Answers the call if it is still in flight, and says whether it was. A call that is not
    /// (late, repeated or unknown) is counted in `ignoredCompletions` when `isCompletion`.
    @discardableResult
    func answer(_ requestID: UInt64, with reply: PluginReply, isCompletion: Bool) -> Bool {
        let entry: Entry? = lock.withLock {
            let entry = entries.removeValue(forKey: requestID)
            if entry == nil, isCompletion { ignored += 1 }
            return entry
        }
        guard let entry else { return false }
        entry.timer?.cancel()
        entry.continuation.resume(returning: reply)
        return true
    }

    /// Answers every call in flight, e.g. when the process running them died.
    func answerAll(with reply: PluginReply) {
        let all = lock.withLock {
            defer { entries.removeAll() }
            return Array(entries.values)
        }
        for entry in all {
            entry.timer?.cancel()
            entry.continuation.resume(returning: reply)
        }
    }

    func context(_ requestID: UInt64) -> PluginCallContext? {
        lock.withLock { entries[requestID]?.context }
    }

    var ignoredCompletions: Int {
        lock.withLock { ignored }
    }

    /// A completion's payload as the caller sees it.
    static func reply(ok: Bool, payload: Data) -> PluginReply {
        if ok { return .success(payload) }
        return .failure((try? WireCoding.decode(PluginError.self, from: payload))
            ?? PluginError(code: "plugin_error", message: "the plugin failed with an unreadable error"))
    }
}
