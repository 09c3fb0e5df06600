import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// `Idempotency-Key` claims and answers as replicas share them.
extension StoreConformance {
    static func claim(_ key: String, account: String = "acct_a", fingerprint: String = "f1", token: String,
                      at createdAt: Millis = 1_000, lifetime: Millis = 10_000) -> IdempotencyRecord {
        IdempotencyRecord(accountID: account, key: key, fingerprint: fingerprint, claimToken: token, createdAt: createdAt,
                          expiresAt: createdAt + lifetime)
    }

    /// One claimant wins a key, even when replicas race for it; only it completes the claim, and
    /// the answer reads back byte for byte; keys are apart by account.
    public func idempotencyKeysAreClaimedOnceAndKeepTheFirstAnswer() async throws {
        let store = try await tenants()
        let winners = try await concurrently(12, on: store) { replica, index in
            try await replica.claimIdempotencyKey(Self.claim("k1", token: "t\(index)"), staleBefore: 0)
        }
        XCTAssertEqual(winners.filter { $0 == .claimed }.count, 1, "\(winners)")
        let winner = "t\(try XCTUnwrap(winners.firstIndex(of: .claimed)))"
        guard case .held(let running) = try await store.claimIdempotencyKey(Self.claim("k1", token: "late"), staleBefore: 0) else {
            return XCTFail("a running claim was taken over")
        }
        XCTAssertEqual(running.claimToken, winner)
        XCTAssertNil(running.response)

        let answer = StoredResponse(status: 202, headers: ["content-type": "application/json"], body: Data([0x7B, 0x00, 0xFF, 0x7D]))
        let byLoser = try await store.completeIdempotencyKey(accountID: "acct_a", key: "k1", claimToken: "late", response: answer)
        XCTAssertFalse(byLoser, "a request that does not hold the claim completed it")
        let byWinner = try await store.completeIdempotencyKey(accountID: "acct_a", key: "k1", claimToken: winner, response: answer)
        XCTAssertTrue(byWinner)
        let again = try await store.completeIdempotencyKey(accountID: "acct_a", key: "k1", claimToken: winner,
                                                           response: StoredResponse(status: 500, headers: [:], body: Data()))
        XCTAssertFalse(again, "a kept answer was replaced")
        // An answer is kept even past the stale bound: only expiry frees it.
        guard case .held(let done) = try await store.claimIdempotencyKey(Self.claim("k1", token: "x", at: 2_000), staleBefore: 5_000)
        else { return XCTFail("an answered key was taken over before it expired") }
        XCTAssertEqual(done.response, answer)
        XCTAssertEqual(done.fingerprint, "f1")
        XCTAssertEqual(done.expiresAt, 11_000)

        // Another account's key of the same name is its own.
        let other = try await store.claimIdempotencyKey(Self.claim("k1", account: "acct_b", token: "b"), staleBefore: 0)
        XCTAssertEqual(other, .claimed)
        // Once expired, the key is free again, and the new claim starts without an answer.
        let renewed = try await store.claimIdempotencyKey(Self.claim("k1", fingerprint: "f2", token: "new", at: 11_000), staleBefore: 0)
        XCTAssertEqual(renewed, .claimed)
        guard case .held(let fresh) = try await store.claimIdempotencyKey(Self.claim("k1", token: "y", at: 11_001), staleBefore: 0)
        else { return XCTFail("the renewed claim was lost") }
        XCTAssertEqual(fresh.claimToken, "new")
        XCTAssertEqual(fresh.fingerprint, "f2")
        XCTAssertNil(fresh.response)
    }

    /// A released claim frees the key; a claim running since before the stale bound is taken
    /// over, and its first holder can no longer complete it; expired keys are pruned in batches.
    public func idempotencyKeysAreReleasedTakenOverAndPruned() async throws {
        let store = try await tenants()
        let first = try await store.claimIdempotencyKey(Self.claim("r", token: "a"), staleBefore: 0)
        XCTAssertEqual(first, .claimed)
        try await store.releaseIdempotencyKey(accountID: "acct_a", key: "r", claimToken: "other")
        let stillHeld = try await store.claimIdempotencyKey(Self.claim("r", token: "b"), staleBefore: 0)
        XCTAssertNotEqual(stillHeld, .claimed,
                          "a release by a request without the claim freed the key")
        try await store.releaseIdempotencyKey(accountID: "acct_a", key: "r", claimToken: "a")
        let afterRelease = try await store.claimIdempotencyKey(Self.claim("r", token: "b"), staleBefore: 0)
        XCTAssertEqual(afterRelease, .claimed)

        let running = try await store.claimIdempotencyKey(Self.claim("s", token: "first", at: 1_000), staleBefore: 0)
        XCTAssertEqual(running, .claimed)
        let notYetStale = try await store.claimIdempotencyKey(Self.claim("s", token: "second", at: 1_500), staleBefore: 1_000)
        XCTAssertNotEqual(notYetStale, .claimed)
        let takenOver = try await store.claimIdempotencyKey(Self.claim("s", token: "second", at: 1_500), staleBefore: 1_001)
        XCTAssertEqual(takenOver, .claimed)
        let late = try await store.completeIdempotencyKey(accountID: "acct_a", key: "s", claimToken: "first",
                                                          response: StoredResponse(status: 200, headers: [:], body: Data()))
        XCTAssertFalse(late, "a claim that was taken over was completed by its first holder")

        for index in 0..<5 {
            _ = try await store.claimIdempotencyKey(Self.claim("old\(index)", token: "o", at: Millis(index), lifetime: 10), staleBefore: 0)
        }
        let firstBatch = try await store.pruneIdempotencyKeys(expiredBefore: 100, limit: 3)
        XCTAssertEqual(firstBatch, 3)
        let secondBatch = try await store.pruneIdempotencyKeys(expiredBefore: 100, limit: 3)
        XCTAssertEqual(secondBatch, 2)
        let thirdBatch = try await store.pruneIdempotencyKeys(expiredBefore: 100, limit: 3)
        XCTAssertEqual(thirdBatch, 0)
        guard case .held = try await store.claimIdempotencyKey(Self.claim("s", token: "z", at: 1_600), staleBefore: 0) else {
            return XCTFail("a key not yet expired was pruned")
        }
    }
}
