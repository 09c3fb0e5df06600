import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// Pruning history past its retention, a bounded batch at a time, keeping what is still in use.
extension StoreConformance {
    /// Finished executions and events whose deliveries are all finished go, with those
    /// deliveries and their attempts; running or awaiting executions, events still owed to a
    /// subscriber and anything newer than the cutoff stay. Each call removes at most `limit`,
    /// and replicas pruning at once remove each row once.
    public func pruningRemovesOnlyFinishedHistory() async throws {
        let store = try await tenants()
        let a = Self.accountA
        for (id, status, startedAt) in [("exe_done", ExecutionRecord.Status.succeeded, Millis(10)), ("exe_failed", .failed, 11),
                                        ("exe_running", .running, 12), ("exe_awaiting", .awaitingApproval, 13),
                                        ("exe_new", .succeeded, 500)] {
            try await store.insertExecution(Self.execution(id, account: a, connection: "conn_a", status: status, startedAt: startedAt),
                                            durability: .onDisk)
        }
        let executionBatches = try await prunedInBatches { try await store.pruneExecutions(startedBefore: 100, limit: 1) }
        XCTAssertEqual(executionBatches, [1, 1, 0])
        let executions = try await walk(limit: 10) { try await store.executions(accountID: a, filter: ExecutionFilter(), page: $0) }
        XCTAssertEqual(Set(executions.map(\.id)), ["exe_running", "exe_awaiting", "exe_new"])

        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: a, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: a, endpoint: "wh_1"))
        _ = try await store.storeInboundEvents([
            Self.event("evt_plain", account: a, endpoint: "wh_1", connection: "conn_a", receivedAt: 10),
            Self.event("evt_done", account: a, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_done", "sub_1")]),
            Self.event("evt_pending", account: a, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_pending", "sub_1")]),
            Self.event("evt_leased", account: a, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_leased", "sub_1")]),
            Self.event("evt_new", account: a, endpoint: "wh_1", connection: "conn_a", receivedAt: 500),
        ])
        // `msg_done` was delivered after one attempt; `msg_leased` is being delivered right now.
        let leased = try await store.leaseWebhookDeliveries(owner: "w1", now: 20, leaseUntil: 1000, limit: 10)
        var done = try XCTUnwrap(leased.first { $0.id == "msg_done" })
        done.status = .succeeded
        done.attempts = 1
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: done, attempt: WebhookAttemptRecord(id: "att_done", deliveryID: "msg_done", attemptedAt: 21, durationMs: 5,
                                                          statusCode: 200, error: nil), disableSubscription: nil)])
        var pending = try XCTUnwrap(leased.first { $0.id == "msg_pending" })
        pending.status = .pending
        pending.leaseOwner = nil
        pending.leaseExpiresAt = nil
        try await store.updateWebhookDelivery(pending)

        let eventBatches = try await concurrently(4, on: store) { store, _ in
            try await prunedInBatches { try await store.pruneWebhookEvents(receivedBefore: 100, limit: 1) }
        }
        XCTAssertEqual(eventBatches.joined().reduce(0, +), 2, "events pruned: \(eventBatches)")
        XCTAssertTrue(eventBatches.joined().allSatisfy { $0 <= 1 }, "a call pruned more than its limit")
        for (id, kept) in [("evt_plain", false), ("evt_done", false), ("evt_pending", true), ("evt_leased", true), ("evt_new", true)] {
            let event = try await store.webhookEvent(id: id, accountID: a)
            XCTAssertEqual(event != nil, kept, "\(id) was \(kept ? "pruned" : "kept")")
        }
        let prunedDelivery = try await store.webhookDelivery(id: "msg_done", accountID: a)
        XCTAssertNil(prunedDelivery)
        let prunedAttempts = try await store.webhookAttempts(deliveryID: "msg_done", accountID: a)
        XCTAssertEqual(prunedAttempts, [])
        let owed = try await store.webhookDelivery(id: "msg_pending", accountID: a)
        XCTAssertEqual(owed?.status, .pending)
        let delivering = try await store.webhookDelivery(id: "msg_leased", accountID: a)
        XCTAssertEqual(delivering?.leaseOwner, "w1")
    }

    /// Rate budgets go once nothing in them is at or after the cutoff: observed, paused until and
    /// reset before it. A budget still paused, with a window still to reset or observed since
    /// stays, whatever its age; each call removes at most `limit`, and replicas pruning at once
    /// remove each budget once.
    public func pruningRemovesOnlyIdleRateBudgets() async throws {
        let store = try await tenants()
        let budgets = [
            RateBudgetRecord(key: "slack:connection:idle_1", notBefore: 50, observedAt: 40),
            RateBudgetRecord(key: "github:connection:idle_2", remaining: 0, resetAt: 90, observedAt: 10),
            RateBudgetRecord(key: "shopify:connection:idle_3", bucketUsed: 39, bucketMax: 40, observedAt: 99),
            RateBudgetRecord(key: "slack:connection:paused", notBefore: 100, observedAt: 10),
            RateBudgetRecord(key: "github:connection:window", remaining: 3, resetAt: 5_000, observedAt: 10),
            RateBudgetRecord(key: "google_sheets:app:acct_a", notBefore: 0, observedAt: 100),
        ]
        for budget in budgets { try await store.recordRateBudget(budget) }
        let batches = try await concurrently(3, on: store) { store, _ in
            try await prunedInBatches { try await store.pruneRateBudgets(idleSince: 100, limit: 1) }
        }
        XCTAssertEqual(batches.joined().reduce(0, +), 3, "budgets pruned: \(batches)")
        XCTAssertTrue(batches.joined().allSatisfy { $0 <= 1 }, "a call pruned more than its limit")
        for budget in budgets {
            let kept = try await store.rateBudget(key: budget.key)
            XCTAssertEqual(kept, budget.key.contains("idle") ? nil : budget, budget.key)
        }
        // A budget observed again is no longer idle.
        try await store.recordRateBudget(RateBudgetRecord(key: "slack:connection:paused", notBefore: 100, observedAt: 200))
        let observedAgain = try await store.pruneRateBudgets(idleSince: 150, limit: 10)
        XCTAssertEqual(observedAgain, 1, "only the app budget, observed at 100, is idle by 150")
        let paused = try await store.rateBudget(key: "slack:connection:paused")
        XCTAssertNotNil(paused)
    }

    /// Calls `prune` until it removes nothing, and answers what each call removed.
    private func prunedInBatches(_ prune: () async throws -> Int) async throws -> [Int] {
        var removed: [Int] = []
        for _ in 0..<100 {
            removed.append(try await prune())
            if removed.last == 0 { return removed }
        }
        XCTFail("pruning never ended")
        return removed
    }
}
