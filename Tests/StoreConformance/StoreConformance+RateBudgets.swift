import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// Providers' rate budgets as replicas share them.
extension StoreConformance {
    /// A budget reads back as written; a later observation replaces an earlier one, an earlier
    /// one never replaces a later one, and a pause only ever grows, whichever replica writes.
    public func rateBudgetsKeepTheLatestObservationAndTheLongestPause() async throws {
        let store = try await tenants()
        let none = try await store.rateBudget(key: "shopify:connection:conn_none")
        XCTAssertNil(none)

        let first = RateBudgetRecord(key: "shopify:connection:conn_a", notBefore: 0, bucketUsed: 12, bucketMax: 40, observedAt: 1_000)
        try await store.recordRateBudget(first)
        let read = try await store.rateBudget(key: first.key)
        XCTAssertEqual(read, first)

        // An older observation from a slower replica: its counts are stale, its pause still counts.
        try await store.recordRateBudget(RateBudgetRecord(key: first.key, notBefore: 5_000, bucketUsed: 3, bucketMax: 40, observedAt: 900))
        let stale = try await store.rateBudget(key: first.key)
        XCTAssertEqual(stale, RateBudgetRecord(key: first.key, notBefore: 5_000, bucketUsed: 12, bucketMax: 40, observedAt: 1_000))

        // A newer observation replaces the counts, but not with a shorter pause.
        try await store.recordRateBudget(RateBudgetRecord(key: first.key, notBefore: 2_000, remaining: 7, resetAt: 60_000,
                                                          bucketUsed: 39, bucketMax: 80, observedAt: 1_500))
        let newer = try await store.rateBudget(key: first.key)
        XCTAssertEqual(newer, RateBudgetRecord(key: first.key, notBefore: 5_000, remaining: 7, resetAt: 60_000,
                                               bucketUsed: 39, bucketMax: 80, observedAt: 1_500))

        // Budgets are apart by key, and fields a provider stops sending are cleared by a newer observation.
        try await store.recordRateBudget(RateBudgetRecord(key: "github:connection:conn_a", remaining: 0, resetAt: 9_000, observedAt: 2_000))
        try await store.recordRateBudget(RateBudgetRecord(key: first.key, notBefore: 0, observedAt: 1_600))
        let cleared = try await store.rateBudget(key: first.key)
        XCTAssertEqual(cleared, RateBudgetRecord(key: first.key, notBefore: 5_000, observedAt: 1_600))
        let other = try await store.rateBudget(key: "github:connection:conn_a")
        XCTAssertEqual(other?.remaining, 0)
        XCTAssertEqual(other?.resetAt, 9_000)

        // Replicas writing at once: the longest pause and the latest observation win.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await store.recordRateBudget(RateBudgetRecord(key: "slack:app:A1", notBefore: Millis(10_000 + index),
                                                                      remaining: index, observedAt: Millis(3_000 + index)))
                }
            }
            try await group.waitForAll()
        }
        let raced = try await store.rateBudget(key: "slack:app:A1")
        XCTAssertEqual(raced, RateBudgetRecord(key: "slack:app:A1", notBefore: 10_019, remaining: 19, observedAt: 3_019))
    }
}
