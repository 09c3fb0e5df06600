import Foundation
import PatchbayWire

/// The calls a channel has in flight, each answered exactly once: by its completion, by its
/// deadline, or by the caller's cancellation, whichever comes first. Shared by the in-process
/// and the worker-process channels, so both keep the same promise. Everything a plugin sends
/// for a call arrives here, its completion and its HTTP requests, and is checked against its
/// schema (`PluginMessageCheck`) before the host acts on it.
// Unchecked: every stored var is read and written under `lock`.
final class PendingCalls: @unchecked Sendable {
    struct Entry {
        let continuation: CheckedContinuation<PluginReply, Never>
        let method: PluginMethod
        let context: PluginCallContext
        /// The clock the deadline is on: the one of the registry the call came through.
        let clock: PluginClock
        /// Cleared once `onDeadline` has been run for it.
        var deadline: ContinuousClock.Instant?
        let onDeadline: @Sendable () -> Void
        /// The call's HTTP requests still in flight, by serial; cancelled when the call ends.
        var requests: [Int: Task<Void, Never>] = [:]
    }

    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    private var ignored = 0
    private var requestSerial = 0
    /// One watcher task per clock sleeps until the earliest deadline on it. A timer per call
    /// would cost a task, two trips through the task queue and a clock registration on every
    /// call, while calls nearly always end long before their deadline, which is later than those
    /// already waiting. A host has one clock; a library loaded once serves every registry in
    /// the process, and each registry's calls keep to its own clock. Once no call is in flight
    /// the watchers stop, so nothing sleeps on a clock for calls that ended: a test that moves
    /// the host's clock counts what sleeps on it.
    private var watchers: [ObjectIdentifier: (wakeAt: ContinuousClock.Instant, task: Task<Void, Never>)] = [:]
    private let check: PluginMessageCheck
    private let observer: any PluginObserver

    init(plugin: String, observer: any PluginObserver) {
        check = PluginMessageCheck(plugin: plugin, observer: observer)
        self.observer = observer
    }

    /// Registers a call; `onDeadline` runs if it is still in flight after `timeout` of `clock`.
    func add(_ requestID: UInt64, method: PluginMethod, continuation: CheckedContinuation<PluginReply, Never>, context: PluginCallContext,
             timeout: Duration, clock: PluginClock, onDeadline: @escaping @Sendable () -> Void) {
        let deadline = clock.now() + timeout
        let key = ObjectIdentifier(clock)
        lock.withLock {
            entries[requestID] = Entry(continuation: continuation, method: method, context: context, clock: clock, deadline: deadline,
                                       onDeadline: onDeadline)
            if let watcher = watchers[key], watcher.wakeAt <= deadline { return }
            // The watcher this replaces, asleep until a later deadline, wakes now and stops.
            watchers[key]?.task.cancel()
            watchers[key] = (deadline, Task { [weak self] in await self?.watch(clock, until: deadline) })
        }
    }

    /// Sleeps on `clock` until the earliest deadline on it, runs `onDeadline` for the calls past
    /// theirs, and goes on while any call on it is in flight, unless cancelled by a watcher for
    /// an earlier one.
    private func watch(_ clock: PluginClock, until wakeAt: ContinuousClock.Instant) async {
        let key = ObjectIdentifier(clock)
        var wakeAt = wakeAt
        while true {
            try? await clock.sleep(wakeAt)
            // Cancellation happens under the lock, so checking it there cannot race a replacement.
            let (expired, goesOn): ([@Sendable () -> Void], Bool) = lock.withLock {
                guard !Task.isCancelled else { return ([], false) }
                let now = clock.now()
                var expired: [@Sendable () -> Void] = []
                var next: ContinuousClock.Instant?
                for (id, entry) in entries where entry.clock === clock {
                    guard let deadline = entry.deadline else { continue }
                    if deadline <= now {
                        expired.append(entry.onDeadline)
                        entries[id]?.deadline = nil
                    } else if next.map({ deadline < $0 }) ?? true {
                        next = deadline
                    }
                }
                guard let next else {
                    watchers[key] = nil
                    return (expired, false)
                }
                watchers[key]?.wakeAt = next
                wakeAt = next
                return (expired, true)
            }
            for onDeadline in expired { onDeadline() }
            guard goesOn else { return }
        }
    }

    /// The plugin completed call `requestID`: answers it with the payload, checked against its
    /// method's result schema or the error's, unless the caller checks the result itself. False
    /// when the call is not in flight.
    @discardableResult
    func complete(_ requestID: UInt64, ok: Bool, payload: Data) -> Bool {
        guard let (method, checkedByCaller) = lock.withLock({ entries[requestID].map { ($0.method, $0.context.checksResultItself) } }) else {
            // Not in flight (late, repeated or unknown): counted as ignored, and not read.
            return answer(requestID, with: .success(Data()), isCompletion: true)
        }
        if ok, checkedByCaller { return answer(requestID, with: .success(payload), isCompletion: true) }
        return answer(requestID, with: check.completion(ok: ok, payload: payload, method: method), isCompletion: true)
    }

    /// Answers the call if it is still in flight, and says whether it was. A call that is not
    /// (late, repeated or unknown) is counted in `ignoredCompletions` when `isCompletion`.
    @discardableResult
    func answer(_ requestID: UInt64, with reply: PluginReply, isCompletion: Bool) -> Bool {
        let entry: Entry? = lock.withLock {
            let entry = entries.removeValue(forKey: requestID)
            if entry == nil, isCompletion { ignored += 1 }
            if entry != nil { stopWatchersIfIdle() }
            return entry
        }
        guard let entry else { return false }
        entry.requests.values.forEach { $0.cancel() }
        entry.continuation.resume(returning: reply)
        return true
    }

    /// Answers every call in flight, or those `including` picks, e.g. when the process running them died.
    func answerAll(with reply: PluginReply, including: (UInt64) -> Bool = { _ in true }) {
        let all: [Entry] = lock.withLock {
            let chosen = entries.filter { including($0.key) }
            for id in chosen.keys { entries.removeValue(forKey: id) }
            stopWatchersIfIdle()
            return Array(chosen.values)
        }
        for entry in all {
            entry.requests.values.forEach { $0.cancel() }
            entry.continuation.resume(returning: reply)
        }
    }

    /// With no call in flight, cancels every watcher; called under `lock`, which is where a
    /// watcher checks whether it was cancelled. Under load calls overlap and this rarely runs.
    private func stopWatchersIfIdle() {
        guard entries.isEmpty, !watchers.isEmpty else { return }
        for watcher in watchers.values { watcher.task.cancel() }
        watchers = [:]
    }

    /// Sends the HTTP request message a plugin sent for call `requestID` and passes the response
    /// to `deliver`: a message that breaks its schema gets a response with the refusal instead.
    /// False if the call is not in flight. The request is cancelled when the call ends, however
    /// it ends, so an upstream that stalls holds no connection past its call.
    func send(_ message: Data, for requestID: UInt64, deliver: @escaping @Sendable (HTTPResponseMessage) -> Void) -> Bool {
        let request: HTTPRequestMessage
        switch check.httpRequest(message) {
        case .success(let checked): request = checked
        case .failure(let refusal):
            guard lock.withLock({ entries[requestID] != nil }) else { return false }
            deliver(.failure(refusal))
            return true
        }
        return lock.withLock {
            guard let context = entries[requestID]?.context else { return false }
            requestSerial += 1
            let serial = requestSerial
            // The task cannot finish before it is stored: its removal waits for this lock.
            entries[requestID]?.requests[serial] = Task { [weak self] in
                let response = await context.http(request)
                self?.lock.withLock { _ = self?.entries[requestID]?.requests.removeValue(forKey: serial) }
                deliver(response)
            }
            return true
        }
    }

    /// How a call past its deadline reads to the caller: the provider was slow if the plugin
    /// was still waiting on one of its HTTP requests, otherwise the plugin never completed.
    /// Counted in `plugin`'s timeouts.
    func timeoutReply(_ requestID: UInt64, after timeout: Duration, plugin: String) -> PluginReply {
        let waitingOnUpstream = lock.withLock { entries[requestID]?.requests.isEmpty == false }
        observer.record(.timedOut(plugin: plugin, waitingOn: waitingOnUpstream ? "upstream" : "plugin"))
        return waitingOnUpstream ? .upstreamTimedOut(after: timeout) : .timedOut(after: timeout)
    }

    func context(_ requestID: UInt64) -> PluginCallContext? {
        lock.withLock { entries[requestID]?.context }
    }

    var ignoredCompletions: Int {
        lock.withLock { ignored }
    }
}
