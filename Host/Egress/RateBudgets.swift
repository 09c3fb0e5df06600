import Foundation
import Logging
import PatchbayClock
import PatchbayModel
import PatchbayStore
import PatchbayWire
import Synchronization

/// Providers' rate limits as budgets: before each request the host works out when the
/// provider will accept it, waits until then, or refuses it at once with `rate_limited` when
/// that is past the call's deadline; after each answer it reads the provider's signals as the
/// manifest's `rate_limits` declares them.
///
/// Each replica keeps its own view of every budget, so letting a call through costs a lock and
/// some arithmetic, never a query. The view is shared through the store: written when an answer
/// changes it in a way others should know (a pause, a spent window, a bucket fuller than this
/// replica counted), and read again at most every `refreshInterval` per budget. The cost is a
/// store write per signal rather than per call, and replicas learn of one another's spending
/// within that interval and the next answer; a replica's own burst is always counted at once.
final class RateBudgets: Sendable {
    private let store: (any RateBudgetStore)?
    private let refreshInterval: Millis
    private let clock: any HostClock
    private let logger: Logger
    private let budgets = Mutex<[String: Entry]>([:])

    private struct Entry {
        var budget = RateBudget()
        /// When this replica last read the store for it.
        var syncedAt: Millis?
    }

    init(store: (any RateBudgetStore)?, refreshInterval: Millis = 1_000, clock: any HostClock, logger: Logger) {
        self.store = store
        self.refreshInterval = refreshInterval
        self.clock = clock
        self.logger = logger
    }

    /// Waits until the budget under `key` lets a call through, counting it; nil when it may be
    /// sent, or the refusal when it would wait past `deadline` (or the call ends while waiting).
    func admit(_ key: String, spec: RateLimitSpec, provider: String, deadline: ContinuousClock.Instant) async -> PluginError? {
        await refresh(key, spec: spec)
        let now = clock.wallMillis
        // A call let through at its deadline would time out anyway: keep time for the request itself.
        let left = Millis((deadline - clock.now) / .milliseconds(1))
        let latest = left - min(1_000, left / 4)
        let (wait, reason): (Millis, RateBudget.Reason?) = budgets.withLock { budgets in
            var entry = budgets[key, default: Entry()]
            let admission = entry.budget.admission(now: now, spec: spec)
            guard admission.wait < latest else { return (admission.wait, admission.reason) }
            entry.budget = admission.after
            budgets[key] = entry
            return (admission.wait, nil)
        }
        if let reason { return Self.refusal(provider: provider, wait: wait, reason: reason) }
        guard wait > 0 else { return nil }
        do {
            try await clock.sleep(for: .milliseconds(wait))
        } catch {
            return EgressFailure.cancelled
        }
        return nil
    }

    /// Reads one answer's signals into the budget under `key`, and shares the change when others should know it.
    func observe(_ key: String, spec: RateLimitSpec, response: HTTPResponseMessage) {
        guard response.error == nil else { return }
        let now = clock.wallMillis
        let changed: RateBudgetRecord? = budgets.withLock { budgets in
            var entry = budgets[key, default: Entry()]
            let shared = entry.budget.observe(status: response.status, headers: response.headers, spec: spec, now: now)
            budgets[key] = entry
            return shared ? entry.budget.record(key: key) : nil
        }
        guard let changed, let store else { return }
        // Off the call's path: the answer is the caller's now; the other replicas can wait a write.
        let logger = logger
        Task {
            do {
                try await store.recordRateBudget(changed)
            } catch {
                logger.warning("could not share a rate budget", metadata: ["key": "\(key)", "error": "\(error)"])
            }
        }
    }

    /// Merges the store's record into the view when the view has not been refreshed for
    /// `refreshInterval`. Only the first call to find it stale reads; the others go on with
    /// the view as it is.
    private func refresh(_ key: String, spec: RateLimitSpec) async {
        guard let store else { return }
        let now = clock.wallMillis
        let due: Bool = budgets.withLock { budgets in
            var entry = budgets[key, default: Entry()]
            guard entry.syncedAt.map({ now - $0 >= refreshInterval }) ?? true else { return false }
            entry.syncedAt = now
            budgets[key] = entry
            return true
        }
        guard due else { return }
        do {
            guard let record = try await store.rateBudget(key: key) else { return }
            budgets.withLock { $0[key, default: Entry()].budget.merge(record, spec: spec, now: clock.wallMillis) }
        } catch {
            // The view this replica has is still the best it knows; the next refresh tries again.
            logger.warning("could not read a shared rate budget", metadata: ["key": "\(key)", "error": "\(error)"])
        }
    }

    /// A call that would have waited past its deadline, refused unsent with how long it would
    /// have had to wait.
    static func refusal(provider: String, wait: Millis, reason: RateBudget.Reason) -> PluginError {
        let seconds = String(format: "%.1f", Double(wait) / 1000)
        return PluginError(code: "rate_limited",
                           message: "not sent: \(reason.rawValue), so \(provider.isEmpty ? "the provider" : provider) would accept this call "
                               + "only in \(seconds) s, after its deadline; try again then",
                           retryable: true, details: ["retry_after_ms": .integer(wait), "reason": .string(String(describing: reason))])
    }
}
