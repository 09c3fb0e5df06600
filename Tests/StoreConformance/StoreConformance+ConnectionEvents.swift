import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// Connection status changes and the host events that announce them, committed together.
extension StoreConformance {
    private static func announcement(_ id: String, account: String = accountA, connection: String) -> InboundEvent {
        event(id, account: account, endpoint: nil, connection: connection, receivedAt: 50, deliveries: [("msg_\(id)", "sub_ops")])
    }

    /// The event is stored when the change is made, and not when it is refused.
    public func connectionChangesAreAnnouncedOnlyWhenMade() async throws {
        let store = try await tenants()
        try await store.insertWebhookSubscription(Self.subscription("sub_ops", account: Self.accountA, endpoint: nil, provider: "slack"))
        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountA, status: .needsReauth,
                                            reason: "invalid_grant", at: 5, leaseOwner: nil,
                                            announcing: Self.announcement("evt_reauth", connection: "conn_a"))
        let event = try await store.webhookEvent(id: "evt_reauth", accountID: Self.accountA)
        XCTAssertNil(event?.endpointID)
        let delivery = try await store.webhookDelivery(id: "msg_evt_reauth", accountID: Self.accountA)
        XCTAssertEqual(delivery?.status, .pending)

        // Tokens saved without the lease write nothing, the event included.
        _ = try await store.acquireRefreshLease(connectionID: "conn_a", owner: "holder", now: 1, until: 1000)
        let refused = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.x",
                                                 expiresAt: nil, at: 6, leaseOwner: "stranger",
                                                 announcing: Self.announcement("evt_refused", connection: "conn_a"))
        XCTAssertFalse(refused)
        let notStored = try await store.webhookEvent(id: "evt_refused", accountID: Self.accountA)
        XCTAssertNil(notStored, "a refused change was announced")
        let saved = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.y",
                                               expiresAt: 900, at: 7, leaseOwner: "holder",
                                               announcing: Self.announcement("evt_saved", connection: "conn_a"))
        XCTAssertTrue(saved)
        let announced = try await store.webhookEvent(id: "evt_saved", accountID: Self.accountA)
        XCTAssertNotNil(announced)

        // Another account's connection is not changed nor announced.
        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountB, status: .failed, reason: "x", at: 8,
                                            leaseOwner: nil, announcing: Self.announcement("evt_foreign", account: Self.accountB,
                                                                                           connection: "conn_a"))
        let foreign = try await store.webhookEvent(id: "evt_foreign", accountID: Self.accountB)
        XCTAssertNil(foreign)
        let connection = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(connection?.status, .active)
    }

    /// Credentials replaced by hand forget the token expiry and the status reason.
    public func replacingCredentialsForgetsTheTokenLifecycle() async throws {
        let store = try await tenants()
        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountA, status: .needsReauth,
                                            reason: "invalid_grant", at: 5, leaseOwner: nil)
        _ = try await store.saveTokens(connectionID: "conn_a", accountID: Self.accountA, sealedCredentials: "pbv1.k1.t",
                                       expiresAt: 900, at: 6, leaseOwner: nil)
        try await store.setConnectionStatus(connectionID: "conn_a", accountID: Self.accountA, status: .needsReauth,
                                            reason: "invalid_grant", at: 7, leaseOwner: nil)
        var patched = Self.connection("conn_a", account: Self.accountA, createdAt: 1)
        patched.sealedCredentials = "pbv1.k1.by-hand"
        patched.updatedAt = 8
        try await store.updateConnectionReplacingCredentials(patched, announcing: Self.announcement("evt_patched", connection: "conn_a"))
        let stored = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(stored, patched)
        let auth = try await store.connectionAuth(connectionID: "conn_a", accountID: Self.accountA)
        XCTAssertNil(auth?.expiresAt)
        XCTAssertNil(auth?.statusReason)
        let event = try await store.webhookEvent(id: "evt_patched", accountID: Self.accountA)
        XCTAssertNotNil(event)
    }
}
