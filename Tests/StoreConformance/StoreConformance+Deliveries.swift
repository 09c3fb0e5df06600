import Foundation
import PatchbayClock
import PatchbayModel
import PatchbayStore
import XCTest

/// Push delivery jobs: leases, late workers, attempts.
extension StoreConformance {
    /// A store with one endpoint, one active push subscription `sub_1`, and `count` events each
    /// owed to it as delivery `msg_<n>`, due at time 10.
    private func deliveries(_ count: Int) async throws -> any Store {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: Self.accountA, endpoint: "wh_1"))
        let batch = (0..<count).map { index in
            Self.event("evt_\(index)", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_\(index)", "sub_1")])
        }
        _ = try await store.storeInboundEvents(batch)
        return store
    }

    /// Deleting a subscription dead-letters what it was still owed, stamped by the store's clock.
    public func deletingASubscriptionDeadLettersItsDeliveriesAtTheStoresClock() async throws {
        let store = try await deliveries(1)
        clock.advance(by: .seconds(1))
        try await store.deleteWebhookSubscription(id: "sub_1", accountID: Self.accountA)
        let delivery = try await store.webhookDelivery(id: "msg_0", accountID: Self.accountA)
        XCTAssertEqual(delivery?.status, .dead)
        XCTAssertEqual(delivery?.updatedAt, clock.wallMillis)
    }

    /// A leased delivery is not leased again until its lease runs out; then another worker gets
    /// it, and the first one's late outcome changes nothing but is kept as an attempt.
    public func aLeasedDeliveryIsNotLeasedAgainUntilItExpires() async throws {
        let store = try await deliveries(1)
        let early = try await store.leaseWebhookDeliveries(owner: "w1", now: 9, leaseUntil: 100, limit: 10)
        XCTAssertEqual(early, [], "a delivery was leased before it was due")
        let first = try await store.leaseWebhookDeliveries(owner: "w1", now: 10, leaseUntil: 100, limit: 10)
        XCTAssertEqual(first.map(\.id), ["msg_0"])
        XCTAssertEqual(first.first?.status, .delivering)
        XCTAssertEqual(first.first?.leaseOwner, "w1")
        XCTAssertEqual(first.first?.leaseExpiresAt, 100)
        let held = try await store.leaseWebhookDeliveries(owner: "w2", now: 99, leaseUntil: 200, limit: 10)
        XCTAssertEqual(held, [], "a live lease was handed out twice")
        let taken = try await store.leaseWebhookDeliveries(owner: "w2", now: 100, leaseUntil: 200, limit: 10)
        XCTAssertEqual(taken.map(\.id), ["msg_0"], "an expired lease was not picked up again")

        var late = first[0]
        late.status = .succeeded
        late.attempts = 1
        late.lastStatusCode = 200
        late.updatedAt = 150
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: late, attempt: WebhookAttemptRecord(id: "att_1", deliveryID: "msg_0", attemptedAt: 20, durationMs: 7,
                                                          statusCode: 200, error: nil), disableSubscription: nil)])
        let afterLate = try await store.webhookDelivery(id: "msg_0", accountID: Self.accountA)
        XCTAssertEqual(afterLate?.status, .delivering)
        XCTAssertEqual(afterLate?.leaseOwner, "w2", "a worker whose lease ran out overwrote the delivery")

        var failed = taken[0]
        failed.status = .pending
        failed.attempts = 1
        failed.nextAttemptAt = 500
        failed.lastStatusCode = 503
        failed.lastError = "HTTP 503"
        failed.updatedAt = 160
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: failed, attempt: WebhookAttemptRecord(id: "att_2", deliveryID: "msg_0", attemptedAt: 110, durationMs: 9,
                                                            statusCode: 503, error: "HTTP 503"), disableSubscription: nil)])
        let retried = try await store.webhookDelivery(id: "msg_0", accountID: Self.accountA)
        XCTAssertEqual(retried?.status, .pending)
        XCTAssertNil(retried?.leaseOwner)
        XCTAssertEqual(retried?.nextAttemptAt, 500)
        XCTAssertEqual(retried?.lastError, "HTTP 503")
        let notYet = try await store.leaseWebhookDeliveries(owner: "w3", now: 499, leaseUntil: 600, limit: 10)
        XCTAssertEqual(notYet, [], "a retry was leased before its time")
        let attempts = try await store.webhookAttempts(deliveryID: "msg_0", accountID: Self.accountA)
        XCTAssertEqual(attempts.map(\.id), ["att_1", "att_2"], "attempts are history, oldest first, the late one too")
        let foreign = try await store.webhookAttempts(deliveryID: "msg_0", accountID: Self.accountB)
        XCTAssertEqual(foreign, [], "another account read the attempts")
    }

    /// Workers leasing at the same moment never get the same delivery, and together get all.
    public func concurrentLeasersNeverShareADelivery() async throws {
        let store = try await deliveries(60)
        let leased = try await concurrently(12, on: store) { store, index in
            var mine: [String] = []
            while true {
                let batch = try await store.leaseWebhookDeliveries(owner: "w\(index)", now: 20, leaseUntil: 10_000, limit: 3)
                if batch.isEmpty { return mine }
                XCTAssertTrue(batch.allSatisfy { $0.leaseOwner == "w\(index)" })
                mine += batch.map(\.id)
            }
        }.flatMap { $0 }
        XCTAssertEqual(leased.count, 60, "\(leased.count - Set(leased).count) deliveries were leased twice")
        XCTAssertEqual(Set(leased), Set((0..<60).map { "msg_\($0)" }))
    }

    /// Only active subscriptions' deliveries are leased; a 410 disables the subscription with the
    /// attempt that saw it; the limit is honoured; listings filter and page.
    public func deliveriesOfDisabledSubscriptionsWait() async throws {
        let store = try await deliveries(5)
        let one = try await store.leaseWebhookDeliveries(owner: "w1", now: 20, leaseUntil: 100, limit: 1)
        XCTAssertEqual(one.count, 1)
        var gone = one[0]
        gone.status = .dead
        gone.attempts = 1
        gone.lastStatusCode = 410
        gone.updatedAt = 30
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: gone, attempt: WebhookAttemptRecord(id: "att_410", deliveryID: gone.id, attemptedAt: 25, durationMs: 3,
                                                          statusCode: 410, error: nil), disableSubscription: "the agent answered 410")])
        let subscription = try await store.webhookSubscription(id: "sub_1", accountID: Self.accountA)
        XCTAssertEqual(subscription?.status, .disabled)
        XCTAssertEqual(subscription?.disabledReason, "the agent answered 410")
        let none = try await store.leaseWebhookDeliveries(owner: "w1", now: 20, leaseUntil: 100, limit: 10)
        XCTAssertEqual(none, [], "a disabled subscription's delivery was leased")

        let dead = try await store.webhookDeliveries(accountID: Self.accountA, filter: WebhookDeliveryFilter(status: .dead),
                                                     page: PageRequest(limit: 10))
        XCTAssertEqual(dead.items.map(\.id), [gone.id])
        let pending = try await walk(limit: 2) {
            try await store.webhookDeliveries(accountID: Self.accountA, filter: WebhookDeliveryFilter(subscriptionID: "sub_1", status: .pending),
                                              page: $0)
        }
        XCTAssertEqual(Set(pending.map(\.id)), Set((0..<5).map { "msg_\($0)" }).subtracting([gone.id]))
        XCTAssertEqual(pending.map(\.id), pending.map(\.id).sorted(by: >), "ties on created_at are broken by id, newest first")
        let ofEvent = try await store.webhookDeliveries(accountID: Self.accountA, filter: WebhookDeliveryFilter(eventID: "evt_3"),
                                                        page: PageRequest(limit: 10))
        XCTAssertEqual(ofEvent.items.map(\.id), ["msg_3"])

        let fetched = try await store.webhookDelivery(id: gone.id, accountID: Self.accountA)
        var replayed = try XCTUnwrap(fetched)
        replayed.status = .pending
        replayed.nextAttemptAt = 40
        replayed.updatedAt = 40
        var foreign = replayed
        foreign.accountID = Self.accountB
        foreign.status = .succeeded
        try await store.updateWebhookDelivery(foreign)
        try await store.updateWebhookDelivery(replayed)
        let stored = try await store.webhookDelivery(id: gone.id, accountID: Self.accountA)
        XCTAssertEqual(stored?.status, .pending, "another account's update went through, or the owner's did not")
        XCTAssertEqual(stored?.nextAttemptAt, 40)
    }

    /// A delivery written on its own (a replay) is leased like the inbox's.
    public func insertedDeliveriesAreLeased() async throws {
        let store = try await deliveries(1)
        try await store.insertWebhookDelivery(WebhookDeliveryRecord(
            id: "msg_replay", accountID: Self.accountA, subscriptionID: "sub_1", eventID: "evt_0", status: .pending, attempts: 0,
            nextAttemptAt: 50, createdAt: 50, updatedAt: 50))
        let leased = try await store.leaseWebhookDeliveries(owner: "w1", now: 60, leaseUntil: 100, limit: 10)
        XCTAssertEqual(Set(leased.map(\.id)), ["msg_0", "msg_replay"])
    }
}
