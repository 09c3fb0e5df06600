import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// A connection's status change and the host event announcing it are one write: after a
/// reopen both are there, and an event that cannot be stored takes the change down with it.
final class ConnectionEventStoreTests: XCTestCase {
    private var directory = ""
    private var path: String { directory + "/store.sqlite" }

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "patchbay-connection-events-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func openStore(connections: [(id: String, status: ConnectionRecord.Status)]) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        try await store.insertAccount(Account(id: "acct_1", name: "one", createdAt: 1))
        for connection in connections {
            try await store.insertConnection(ConnectionRecord(
                id: connection.id, accountID: "acct_1", provider: "slack", label: connection.id, config: [:],
                status: connection.status, sealedCredentials: "sealed-before", createdAt: 1, updatedAt: 1))
        }
        return store
    }

    private func hostEvent(_ id: String, connectionID: String, key: String, delivery: String) -> InboundEvent {
        InboundEvent(
            event: WebhookEventRecord(id: id, accountID: "acct_1", endpointID: nil, connectionID: connectionID, provider: "slack",
                                      providerEventID: id, type: key, key: key, occurredAt: nil,
                                      payload: ["connection_id": .string(connectionID)], receivedAt: 10),
            deliveries: [(id: delivery, subscriptionID: "whsub_ops")])
    }

    func testEachStatusChangeLandsWithItsEventAndDeliveries() async throws {
        let store = try await openStore(connections: [("conn_refused", .active), ("conn_oauth", .needsReauth),
                                                      ("conn_patched", .needsReauth)])
        try await store.setConnectionStatus(
            connectionID: "conn_refused", accountID: "acct_1", status: .needsReauth, reason: "invalid_grant", at: 5, leaseOwner: nil,
            announcing: hostEvent("evt_refused", connectionID: "conn_refused", key: "patchbay.connection.needs_reauth", delivery: "msg_1"))
        let saved = try await store.saveTokens(
            connectionID: "conn_oauth", accountID: "acct_1", sealedCredentials: "sealed-after", expiresAt: nil, at: 6, leaseOwner: nil,
            announcing: hostEvent("evt_oauth", connectionID: "conn_oauth", key: "patchbay.connection.reauthorized", delivery: "msg_2"))
        XCTAssertTrue(saved)
        let stored = try await store.connection(id: "conn_patched", accountID: "acct_1")
        var patched = try XCTUnwrap(stored)
        patched.status = .active
        patched.sealedCredentials = "sealed-by-hand"
        try await store.updateConnectionReplacingCredentials(
            patched, announcing: hostEvent("evt_patched", connectionID: "conn_patched", key: "patchbay.connection.reauthorized",
                                           delivery: "msg_3"))

        let reopened = try SQLiteStore(path: path)
        let expected: [(connection: String, status: ConnectionRecord.Status, event: String, delivery: String)] = [
            ("conn_refused", .needsReauth, "evt_refused", "msg_1"), ("conn_oauth", .active, "evt_oauth", "msg_2"),
            ("conn_patched", .active, "evt_patched", "msg_3"),
        ]
        for item in expected {
            let connection = try await reopened.connection(id: item.connection, accountID: "acct_1")
            XCTAssertEqual(connection?.status, item.status, item.connection)
            let event = try await reopened.webhookEvent(id: item.event, accountID: "acct_1")
            XCTAssertEqual(event?.connectionID, item.connection)
            let delivery = try await reopened.webhookDelivery(id: item.delivery, accountID: "acct_1")
            XCTAssertEqual(delivery?.eventID, item.event)
            XCTAssertEqual(delivery?.status, .pending)
        }
        let reason = try await reopened.connectionAuth(connectionID: "conn_refused", accountID: "acct_1")
        XCTAssertEqual(reason?.statusReason, "invalid_grant")
    }

    func testAnEventThatCannotBeStoredLeavesTheStatusAsItWas() async throws {
        let store = try await openStore(connections: [("conn_first", .active), ("conn_active", .active),
                                                      ("conn_oauth", .needsReauth), ("conn_patched", .needsReauth)])
        try await store.setConnectionStatus(
            connectionID: "conn_first", accountID: "acct_1", status: .needsReauth, reason: "first", at: 5, leaseOwner: nil,
            announcing: hostEvent("evt_taken", connectionID: "conn_first", key: "patchbay.connection.needs_reauth", delivery: "msg_1"))

        // Each write below reuses the stored event's id, so its event insert fails inside the transaction.
        let clash = { (connection: String) in
            self.hostEvent("evt_taken", connectionID: connection, key: "patchbay.connection.needs_reauth", delivery: "msg_\(connection)")
        }
        await assertConflict {
            try await store.setConnectionStatus(connectionID: "conn_active", accountID: "acct_1", status: .needsReauth,
                                                reason: "refused", at: 6, leaseOwner: nil, announcing: clash("conn_active"))
        }
        await assertConflict {
            _ = try await store.saveTokens(connectionID: "conn_oauth", accountID: "acct_1", sealedCredentials: "sealed-after",
                                           expiresAt: 99, at: 6, leaseOwner: nil, announcing: clash("conn_oauth"))
        }
        let stored = try await store.connection(id: "conn_patched", accountID: "acct_1")
        var patched = try XCTUnwrap(stored)
        patched.status = .active
        patched.sealedCredentials = "sealed-by-hand"
        await assertConflict { try await store.updateConnectionReplacingCredentials(patched, announcing: clash("conn_patched")) }

        let reopened = try SQLiteStore(path: path)
        for (id, status) in [("conn_active", ConnectionRecord.Status.active), ("conn_oauth", .needsReauth), ("conn_patched", .needsReauth)] {
            let connection = try await reopened.connection(id: id, accountID: "acct_1")
            XCTAssertEqual(connection?.status, status, "\(id) kept its status")
            XCTAssertEqual(connection?.sealedCredentials, "sealed-before", "\(id) kept its credentials")
            let delivery = try await reopened.webhookDelivery(id: "msg_\(id)", accountID: "acct_1")
            XCTAssertNil(delivery, "no delivery job for an event that was not stored")
        }
        let auth = try await reopened.connectionAuth(connectionID: "conn_active", accountID: "acct_1")
        XCTAssertNil(auth?.statusReason, "no reason stored for a change that did not happen")
        let kept = try await reopened.webhookEvent(id: "evt_taken", accountID: "acct_1")
        XCTAssertEqual(kept?.connectionID, "conn_first", "the earlier event is untouched")
    }

    func testARevokedConnectionAnnouncesNothing() async throws {
        let store = try await openStore(connections: [("conn_gone", .revoked)])
        try await store.setConnectionStatus(
            connectionID: "conn_gone", accountID: "acct_1", status: .needsReauth, reason: "refused", at: 5, leaseOwner: nil,
            announcing: hostEvent("evt_gone", connectionID: "conn_gone", key: "patchbay.connection.needs_reauth", delivery: "msg_1"))
        let saved = try await store.saveTokens(
            connectionID: "conn_gone", accountID: "acct_1", sealedCredentials: "sealed-after", expiresAt: nil, at: 6, leaseOwner: nil,
            announcing: hostEvent("evt_back", connectionID: "conn_gone", key: "patchbay.connection.reauthorized", delivery: "msg_2"))
        XCTAssertFalse(saved)
        let connection = try await store.connection(id: "conn_gone", accountID: "acct_1")
        XCTAssertEqual(connection?.status, .revoked)
        let events = try await store.webhookEvents(accountID: "acct_1", filter: WebhookEventFilter(), page: PageRequest(limit: 10))
        XCTAssertEqual(events.items.count, 0)
    }

    private func assertConflict(_ write: () async throws -> Void, line: UInt = #line) async {
        do {
            try await write()
            XCTFail("the write succeeded", line: line)
        } catch {
            guard case .conflict? = error as? StoreError else { return XCTFail("not a conflict: \(error)", line: line) }
        }
    }
}
