import Foundation
import PatchbayStore
import XCTest

/// API request counters as replicas share them.
extension StoreConformance {
    /// Every request counts once, whichever replica counts it; windows and keys are apart;
    /// old windows are pruned in batches.
    public func apiRequestCountsAddUpAcrossReplicas() async throws {
        let store = try await tenants()
        let counts = try await concurrently(20, on: store) { replica, _ in
            try await replica.countAPIRequest(key: "key_1", windowStart: 60_000)
        }
        XCTAssertEqual(counts.sorted(), Array(1...20), "two requests saw the same count")
        let nextWindow = try await store.countAPIRequest(key: "key_1", windowStart: 120_000)
        XCTAssertEqual(nextWindow, 1)
        let otherKey = try await store.countAPIRequest(key: "key_2", windowStart: 60_000)
        XCTAssertEqual(otherKey, 1)
        let sameWindow = try await store.countAPIRequest(key: "key_1", windowStart: 60_000)
        XCTAssertEqual(sameWindow, 21)

        let firstBatch = try await store.pruneAPIRequestCounts(windowsBefore: 120_000, limit: 1)
        XCTAssertEqual(firstBatch, 1)
        let secondBatch = try await store.pruneAPIRequestCounts(windowsBefore: 120_000, limit: 1)
        XCTAssertEqual(secondBatch, 1)
        let thirdBatch = try await store.pruneAPIRequestCounts(windowsBefore: 120_000, limit: 1)
        XCTAssertEqual(thirdBatch, 0)
        let keptWindow = try await store.countAPIRequest(key: "key_1", windowStart: 120_000)
        XCTAssertEqual(keptWindow, 2, "a current window was pruned")
        let prunedWindow = try await store.countAPIRequest(key: "key_1", windowStart: 60_000)
        XCTAssertEqual(prunedWindow, 1, "a pruned window kept its count")
    }
}
