import Foundation
import GRDB
import PatchbayClock
import PatchbayModel
@testable import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import Logging
import XCTest

/// History past its retention is pruned in bounded batches; what is still in use is kept.
final class RetentionTests: XCTestCase {
    private var directory = ""
    private var store: SQLiteStore!
    private let day: Millis = 86_400_000
    /// Passes are spaced and cut-offs counted by this clock, which moves only when a test moves it.
    private let clock = ManualClock()
    private var now: Millis { clock.wallMillis }

    override func setUp() async throws {
        directory = NSTemporaryDirectory() + "patchbay-retention-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory + "/store.sqlite")
        try await store.insertAccount(Account(id: "acct_a", name: "a", createdAt: 1))
        try await store.insertConnection(ConnectionRecord(id: "conn_a", accountID: "acct_a", provider: "github", label: "a",
                                                          config: .object([:]), status: .active, sealedCredentials: nil,
                                                          createdAt: 1, updatedAt: 1))
        try await store.insertWebhookEndpoint(WebhookEndpointRecord(id: "whe_a", accountID: "acct_a", connectionID: "conn_a",
                                                                    provider: "github", status: .active, sealedSecret: nil,
                                                                    channelID: nil, resourceID: nil, createdAt: 1, updatedAt: 1))
    }

    override func tearDown() async throws {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    func execution(_ id: String, _ status: ExecutionRecord.Status, daysAgo: Millis) -> ExecutionRecord {
        ExecutionRecord(id: id, accountID: "acct_a", connectionID: "conn_a", provider: "github", action: "get_issue", status: status,
                        startedAt: now - daysAgo * day, requests: [["method": "GET", "url": "https://api.github.com/"]])
    }

    func event(_ id: String, daysAgo: Millis, deliveries: [String] = []) -> InboundEvent {
        InboundEvent(event: WebhookEventRecord(id: id, accountID: "acct_a", endpointID: "whe_a", connectionID: "conn_a",
                                               provider: "github", providerEventID: id, type: "issues", key: "issues.opened",
                                               occurredAt: nil, payload: ["n": 1], receivedAt: now - daysAgo * day),
                     deliveries: deliveries.map { (id: $0, subscriptionID: "whs_a") })
    }

    func count(_ table: String) async throws -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    func testFinishedExecutionsPastTheCutoffArePrunedAndRunningOrAwaitingOnesKept() async throws {
        for record in [execution("exe_old_ok", .succeeded, daysAgo: 40), execution("exe_old_failed", .failed, daysAgo: 31),
                       execution("exe_old_interrupted", .interrupted, daysAgo: 90),
                       execution("exe_old_running", .running, daysAgo: 40),
                       execution("exe_old_awaiting", .awaitingApproval, daysAgo: 60),
                       execution("exe_new", .succeeded, daysAgo: 29)] {
            try await store.insertExecution(record, durability: .onDisk)
        }
        let removed = try await store.pruneExecutions(startedBefore: now - 30 * day, limit: 1000)
        XCTAssertEqual(removed, 3)
        let kept = try await store.executions(accountID: "acct_a", filter: ExecutionFilter(), page: PageRequest(limit: 50))
        XCTAssertEqual(Set(kept.items.map(\.id)), ["exe_old_running", "exe_old_awaiting", "exe_new"])
    }

    func testEventsPastTheCutoffGoWithTheirFinishedDeliveriesAndEventsStillBeingDeliveredStay() async throws {
        _ = try await store.storeInboundEvents([
            event("evt_old_plain", daysAgo: 20), event("evt_old_done", daysAgo: 15, deliveries: ["whd_done", "whd_dead"]),
            event("evt_old_pending", daysAgo: 30, deliveries: ["whd_pending", "whd_done_too"]),
            event("evt_old_leased", daysAgo: 30, deliveries: ["whd_leased"]), event("evt_new", daysAgo: 13, deliveries: ["whd_new"]),
        ])
        // One delivery of `evt_old_done` succeeded after an attempt, the other is a dead letter;
        // `whd_leased` is being delivered right now.
        try await store.write { db in
            try db.execute(sql: "UPDATE webhook_deliveries SET status = 'succeeded' WHERE id IN ('whd_done', 'whd_done_too', 'whd_new')")
            try db.execute(sql: "UPDATE webhook_deliveries SET status = 'dead' WHERE id = 'whd_dead'")
            try db.execute(sql: "UPDATE webhook_deliveries SET status = 'delivering', lease_owner = 'w' WHERE id = 'whd_leased'")
            for delivery in ["whd_done", "whd_dead", "whd_done_too", "whd_new"] {
                try db.execute(sql: "INSERT INTO webhook_attempts (id, delivery_id, attempted_at, duration_ms) VALUES (?, ?, 1, 1)",
                               arguments: ["wha_" + delivery, delivery])
            }
        }

        let removed = try await store.pruneWebhookEvents(receivedBefore: now - 14 * day, limit: 1000)
        XCTAssertEqual(removed, 2)
        let kept = try await store.webhookEvents(accountID: "acct_a", filter: WebhookEventFilter(), page: PageRequest(limit: 50))
        XCTAssertEqual(Set(kept.items.map(\.id)), ["evt_old_pending", "evt_old_leased", "evt_new"])
        let deliveries = try await store.read { db in try String.fetchAll(db, sql: "SELECT id FROM webhook_deliveries") }
        XCTAssertEqual(Set(deliveries), ["whd_pending", "whd_done_too", "whd_leased", "whd_new"])
        let attempts = try await store.read { db in try String.fetchAll(db, sql: "SELECT delivery_id FROM webhook_attempts") }
        XCTAssertEqual(Set(attempts), ["whd_done_too", "whd_new"])
    }

    func testAPassPrunesInBatchesUntilNothingPastTheCutoffIsLeft() async throws {
        for index in 0..<25 { try await store.insertExecution(execution("exe_\(index)", .succeeded, daysAgo: 8), durability: .onDisk) }
        try await store.insertExecution(execution("exe_recent", .succeeded, daysAgo: 1), durability: .onDisk)
        _ = try await store.storeInboundEvents((0..<12).map { event("evt_\($0)", daysAgo: 3) } + [event("evt_recent", daysAgo: 0)])
        var settings = RetentionSettings()
        settings.executionDays = 7
        settings.webhookEventDays = 2
        settings.batchSize = 10
        let counting = CountingRetentionStore(store)
        let pruned = try await Retention(store: counting, settings: settings, clock: clock, logger: Logger(label: "test")).prune(now: now)
        XCTAssertEqual(pruned.executions, 25)
        XCTAssertEqual(pruned.events, 12)
        XCTAssertEqual(counting.batches, ["executions 10", "executions 10", "executions 5", "events 10", "events 2", "budgets 0"])
        let executionsLeft = try await count("executions")
        let eventsLeft = try await count("webhook_events")
        XCTAssertEqual(executionsLeft, 1)
        XCTAssertEqual(eventsLeft, 1)
    }

    func testZeroDaysKeepsEverything() async throws {
        try await store.insertExecution(execution("exe_ancient", .succeeded, daysAgo: 3000), durability: .onDisk)
        _ = try await store.storeInboundEvents([event("evt_ancient", daysAgo: 3000)])
        var settings = RetentionSettings()
        settings.executionDays = 0
        settings.webhookEventDays = 0
        let counting = CountingRetentionStore(store)
        let pruned = try await Retention(store: counting, settings: settings, clock: clock, logger: Logger(label: "test")).prune(now: now)
        XCTAssertEqual(pruned.executions + pruned.events, 0)
        XCTAssertEqual(counting.batches, ["budgets 0"], "only rate budgets, which are not history, are pruned")
    }

    /// Whatever the day counts, a pass removes `Idempotency-Key` answers past their expiry and
    /// request counts of windows over for an hour, and keeps the rest.
    func testAPassPrunesExpiredIdempotencyKeysAndOldRequestCounts() async throws {
        for (key, expiresAt) in [("gone", now - 1), ("kept", now + 60_000)] {
            _ = try await store.claimIdempotencyKey(IdempotencyRecord(accountID: "acct_a", key: key, fingerprint: "f", claimToken: "t",
                                                                      createdAt: expiresAt - 86_400_000, expiresAt: expiresAt),
                                                    staleBefore: 0)
        }
        _ = try await store.countAPIRequest(key: "key_a", windowStart: now - 2 * 3_600_000)
        _ = try await store.countAPIRequest(key: "key_a", windowStart: now - 60_000)
        var settings = RetentionSettings()
        settings.executionDays = 0
        settings.webhookEventDays = 0
        let counting = CountingRetentionStore(store)
        let pruned = try await Retention(store: counting, settings: settings, clock: clock, logger: Logger(label: "test")).prune(now: now)
        XCTAssertEqual(pruned.idempotencyKeys, 1)
        XCTAssertEqual(counting.batches, ["idempotency keys 1", "request counts 1", "budgets 0"])
        let keysLeft = try await count("idempotency_keys")
        let countsLeft = try await count("api_request_counts")
        XCTAssertEqual(keysLeft, 1)
        XCTAssertEqual(countsLeft, 1)
    }

    /// The service `serve` runs prunes on its own, a pass every `interval` of the clock, until it is stopped.
    func testTheServicePrunesOnItsOwnAndStopsWhenCancelled() async throws {
        var settings = RetentionSettings()
        settings.interval = .seconds(60)
        let retention = Retention(store: store, settings: settings, clock: clock, logger: Logger(label: "test"))
        let running = Task { try await retention.run() }
        // The first pass is done once the service sleeps until the next.
        try await clock.sleepers(atLeast: 1)
        try await store.insertExecution(execution("exe_old", .succeeded, daysAgo: 31), durability: .onDisk)
        _ = try await store.storeInboundEvents([event("evt_old", daysAgo: 15)])

        clock.advance(by: .milliseconds(59_999))
        XCTAssertEqual(clock.sleeperCount, 1, "a pass ran before its interval was over")
        let early = (try await count("executions"), try await count("webhook_events"))
        XCTAssertEqual(early.0 + early.1, 2)
        clock.advance(by: .milliseconds(1))
        try await clock.sleepers(atLeast: 1)
        let left = (executions: try await count("executions"), events: try await count("webhook_events"))
        XCTAssertEqual(left.executions, 0)
        XCTAssertEqual(left.events, 0)
        running.cancel()
        _ = await running.result
    }

    /// Pruning uses the indexes the retention migration adds, not a scan of the table.
    func testPruningFindsItsRowsByIndex() async throws {
        let plans = try await store.read { db in
            [try Self.plan(db, """
                SELECT rowid FROM executions WHERE status NOT IN ('running', 'awaiting_approval') AND started_at < 5
                ORDER BY started_at LIMIT 10
                """),
             try Self.plan(db, """
                SELECT sequence, id FROM webhook_events e
                WHERE received_at < 5 AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'delivering'))
                ORDER BY received_at LIMIT 10
                """)]
        }
        XCTAssertTrue(plans[0].contains("USING INDEX executions_finished_by_start"), plans[0])
        XCTAssertTrue(plans[1].contains("USING INDEX webhook_events_by_received"), plans[1])
        XCTAssertTrue(plans[1].contains("webhook_deliveries_by_event"), plans[1])
        for plan in plans { XCTAssertFalse(plan.contains("TEMP B-TREE"), plan) }
    }

    static func plan(_ db: Database, _ sql: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
    }
}

/// Passes each batch on to the store and notes its size and what it removed.
/// Unchecked because `lock` guards `noted`, which the compiler cannot see.
private final class CountingRetentionStore: RetentionStore, @unchecked Sendable {
    let store: SQLiteStore
    private let lock = NSLock()
    private var noted: [String] = []

    init(_ store: SQLiteStore) { self.store = store }

    var batches: [String] { lock.withLock { noted } }

    func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int {
        let removed = try await store.pruneExecutions(startedBefore: cutoff, limit: limit)
        lock.withLock { noted.append("executions \(removed)") }
        return removed
    }

    func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int {
        let removed = try await store.pruneWebhookEvents(receivedBefore: cutoff, limit: limit)
        lock.withLock { noted.append("events \(removed)") }
        return removed
    }

    func pruneRateBudgets(idleSince cutoff: Millis, limit: Int) async throws -> Int {
        let removed = try await store.pruneRateBudgets(idleSince: cutoff, limit: limit)
        lock.withLock { noted.append("budgets \(removed)") }
        return removed
    }
}

/// Idempotency keys and request counts go to the store as they are; only their pruning is noted.
extension CountingRetentionStore: IdempotencyStore, APIRequestCountStore {
    func claimIdempotencyKey(_ claim: IdempotencyRecord, staleBefore: Millis) async throws -> IdempotencyClaim {
        try await store.claimIdempotencyKey(claim, staleBefore: staleBefore)
    }

    func completeIdempotencyKey(accountID: String, key: String, claimToken: String, response: StoredResponse) async throws -> Bool {
        try await store.completeIdempotencyKey(accountID: accountID, key: key, claimToken: claimToken, response: response)
    }

    func releaseIdempotencyKey(accountID: String, key: String, claimToken: String) async throws {
        try await store.releaseIdempotencyKey(accountID: accountID, key: key, claimToken: claimToken)
    }

    func pruneIdempotencyKeys(expiredBefore cutoff: Millis, limit: Int) async throws -> Int {
        let removed = try await store.pruneIdempotencyKeys(expiredBefore: cutoff, limit: limit)
        if removed > 0 { lock.withLock { noted.append("idempotency keys \(removed)") } }
        return removed
    }

    func countAPIRequest(key: String, windowStart: Millis) async throws -> Int {
        try await store.countAPIRequest(key: key, windowStart: windowStart)
    }

    func pruneAPIRequestCounts(windowsBefore cutoff: Millis, limit: Int) async throws -> Int {
        let removed = try await store.pruneAPIRequestCounts(windowsBefore: cutoff, limit: limit)
        if removed > 0 { lock.withLock { noted.append("request counts \(removed)") } }
        return removed
    }
}
