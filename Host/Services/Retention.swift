import Logging
import PatchbayClock
import PatchbayModel
import PatchbayStore
public import ServiceLifecycle

/// Prunes executions and webhook events older than `RetentionSettings` keeps them, in passes
/// under `serve`; and, whatever those settings, `Idempotency-Key` answers past their expiry and
/// API request counts of windows long over. Each batch is its own write through the store's
/// committer, so requests' writes go between batches; a failed pass is logged and the next one
/// tries again. The same pass removes provider rate budgets that hold nothing back any more.
/// The audit log is never pruned.
public final class Retention: Service, Sendable {
    let store: any RetentionStore & IdempotencyStore & APIRequestCountStore
    let settings: RetentionSettings
    let logger: Logger
    /// Passes are spaced, and cut-offs counted back from now, on the host's clock.
    let clock: any HostClock

    init(store: any RetentionStore & IdempotencyStore & APIRequestCountStore, settings: RetentionSettings, clock: any HostClock,
         logger: Logger) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.pruneOrLog()
                try await self.clock.sleep(for: self.settings.interval)
            }
        }
    }

    private func pruneOrLog() async {
        do {
            let pruned = try await prune(now: clock.wallMillis)
            guard pruned.executions > 0 || pruned.events > 0 || pruned.idempotencyKeys > 0 || pruned.budgets > 0 else { return }
            logger.info("pruned history past its retention", metadata: [
                "executions": "\(pruned.executions)", "webhook_events": "\(pruned.events)",
                "idempotency_keys": "\(pruned.idempotencyKeys)", "rate_budgets": "\(pruned.budgets)",
            ])
        } catch is CancellationError {
            // The host is stopping; the next start prunes what is left.
        } catch {
            logger.error("could not prune history past its retention; the next pass tries again", metadata: ["error": "\(error)"])
        }
    }

    /// One pass: batch after batch until nothing past its retention is left, or the host stops.
    func prune(now: Millis) async throws -> (executions: Int, events: Int, idempotencyKeys: Int, budgets: Int) {
        var executions = 0
        var events = 0
        if settings.executionDays > 0 {
            let cutoff = Self.cutoff(now: now, days: settings.executionDays)
            executions = try await inBatches { try await self.store.pruneExecutions(startedBefore: cutoff, limit: $0) }
        }
        if settings.webhookEventDays > 0 {
            let cutoff = Self.cutoff(now: now, days: settings.webhookEventDays)
            events = try await inBatches { try await self.store.pruneWebhookEvents(receivedBefore: cutoff, limit: $0) }
        }
        let idempotencyKeys = try await inBatches { try await self.store.pruneIdempotencyKeys(expiredBefore: now, limit: $0) }
        let windowsOver = now - Millis(APIRateLimitSettings.maxWindow / .milliseconds(1))
        _ = try await inBatches { try await self.store.pruneAPIRequestCounts(windowsBefore: windowsOver, limit: $0) }
        let idleSince = now - Millis(settings.idleRateBudget / .milliseconds(1))
        let budgets = try await inBatches { try await self.store.pruneRateBudgets(idleSince: idleSince, limit: $0) }
        return (executions, events, idempotencyKeys, budgets)
    }

    private func inBatches(_ batch: (Int) async throws -> Int) async throws -> Int {
        var total = 0
        while true {
            try Task.checkCancellation()
            let removed = try await batch(settings.batchSize)
            total += removed
            if removed < settings.batchSize { return total }
        }
    }

    static func cutoff(now: Millis, days: Int) -> Millis {
        now - Millis(days) * 86_400_000
    }
}
