import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// Declarative connectors: found, changed and deleted only by their account, unique by
/// namespace and name within it, listed in name order.
extension StoreConformance {
    static func connector(_ id: String, account: String, namespace: String = "default", name: String,
                          at time: Millis = 100) -> ConnectorRecord {
        ConnectorRecord(id: id, accountID: account, namespace: namespace, name: name,
                        definition: ["base_url": "https://api.example.com", "auth": ["type": "none"],
                                     "operations": [["name": "get_thing", "method": "GET", "path": "/things/{id}",
                                                     "description": "Ünïcode survives"]]],
                        createdAt: time, updatedAt: time)
    }

    public func connectorsAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        let mine = Self.connector("ctr_a", account: Self.accountA, name: "things")
        try await store.insertConnector(mine)
        let found = try await store.connector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertEqual(found, mine, "the definition did not read back as written")
        let foreign = try await store.connector(accountID: Self.accountB, namespace: "default", name: "things")
        XCTAssertNil(foreign)
        let foreignList = try await store.connectors(accountID: Self.accountB)
        XCTAssertEqual(foreignList, [])

        var changed = mine
        changed.accountID = Self.accountB
        changed.definition = ["base_url": "https://evil.example.com"]
        let foreignUpdate = try await store.updateConnector(changed)
        XCTAssertFalse(foreignUpdate)
        let foreignDelete = try await store.deleteConnector(accountID: Self.accountB, namespace: "default", name: "things")
        XCTAssertFalse(foreignDelete)
        let untouched = try await store.connector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertEqual(untouched, mine, "another account's update or delete reached this connector")

        var updated = mine
        updated.definition = ["base_url": "https://api2.example.com"]
        updated.updatedAt = 200
        updated.createdAt = 999
        let didUpdate = try await store.updateConnector(updated)
        XCTAssertTrue(didUpdate)
        let reread = try await store.connector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertEqual(reread?.definition, updated.definition)
        XCTAssertEqual(reread?.updatedAt, 200)
        XCTAssertEqual(reread?.createdAt, 100, "an update changed the creation time")

        let deleted = try await store.deleteConnector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertTrue(deleted)
        let again = try await store.deleteConnector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertFalse(again)
        let gone = try await store.connector(accountID: Self.accountA, namespace: "default", name: "things")
        XCTAssertNil(gone)
        let goneUpdate = try await store.updateConnector(updated)
        XCTAssertFalse(goneUpdate, "an update of a deleted connector must say there is none")
    }

    public func connectorNamesAreUniquePerAccount() async throws {
        let store = try await tenants()
        try await store.insertConnector(Self.connector("ctr_1", account: Self.accountA, name: "zeta"))
        try await store.insertConnector(Self.connector("ctr_2", account: Self.accountA, name: "alpha"))
        try await store.insertConnector(Self.connector("ctr_3", account: Self.accountA, namespace: "team", name: "alpha"))
        // The same namespace and name in another account is a different connector.
        try await store.insertConnector(Self.connector("ctr_4", account: Self.accountB, name: "zeta"))
        do {
            try await store.insertConnector(Self.connector("ctr_5", account: Self.accountA, name: "zeta"))
            XCTFail("a second connector of the same namespace and name was stored")
        } catch let error as StoreError {
            guard case .conflict = error else { return XCTFail("expected a conflict, got \(error)") }
        }
        let listed = try await store.connectors(accountID: Self.accountA)
        XCTAssertEqual(listed.map(\.id), ["ctr_2", "ctr_1", "ctr_3"], "not ordered by namespace, then name")
        let other = try await store.connectors(accountID: Self.accountB)
        XCTAssertEqual(other.map(\.id), ["ctr_4"])
    }
}
