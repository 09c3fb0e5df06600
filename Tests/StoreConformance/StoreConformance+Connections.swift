import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// Connections and their discovered schemas.
extension StoreConformance {
    /// Reads, updates and schemas of a connection answer only to its own account.
    public func connectionsAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        let foreign = try await store.connection(id: "conn_a", accountID: Self.accountB)
        XCTAssertNil(foreign)

        var hijacked = Self.connection("conn_a", account: Self.accountB, createdAt: 1)
        hijacked.label = "hijacked"
        try await store.updateConnection(hijacked)
        var renamed = Self.connection("conn_a", account: Self.accountA, createdAt: 1)
        renamed.label = "renamed"
        renamed.config = ["team": "T2"]
        renamed.updatedAt = 5
        try await store.updateConnection(renamed)
        let stored = try await store.connection(id: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(stored, renamed, "an update by another account changed the row, or the owner's did not")

        let schema = DiscoveredSchema(objects: [SchemaObject(name: "channels", fields: [])])
        try await store.saveSchema(SchemaSnapshot(connectionID: "conn_a", schema: DiscoveredSchema(objects: []), discoveredAt: 1))
        try await store.saveSchema(SchemaSnapshot(connectionID: "conn_a", schema: schema, discoveredAt: 2))
        let snapshot = try await store.schema(connectionID: "conn_a", accountID: Self.accountA)
        XCTAssertEqual(snapshot, SchemaSnapshot(connectionID: "conn_a", schema: schema, discoveredAt: 2), "a new discovery replaces the last")
        let foreignSchema = try await store.schema(connectionID: "conn_a", accountID: Self.accountB)
        XCTAssertNil(foreignSchema, "another account read the schema")
    }

    /// Newest first by (created_at, id), ties included, with no row twice or missing across
    /// pages, the limit honoured, filters applied, and another account's rows never listed.
    public func connectionsPageByKeyset() async throws {
        let store = try await tenants()
        var expected: [ConnectionRecord] = []
        for index in 0..<23 {
            // Three rows share each time, so the cursor has to break ties by id.
            let record = Self.connection(String(format: "conn_%02d", index), account: Self.accountA,
                                         provider: index.isMultiple(of: 2) ? "github" : "slack",
                                         status: index.isMultiple(of: 5) ? .revoked : .active, createdAt: 100 + Int64(index / 3))
            try await store.insertConnection(record)
            expected.append(record)
        }
        expected.append(Self.connection("conn_a", account: Self.accountA, createdAt: 1))
        expected.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }

        for limit in [1, 4, 24, 50] {
            let listed = try await walk(limit: limit) {
                try await store.connections(accountID: Self.accountA, filter: ConnectionFilter(), page: $0)
            }
            XCTAssertEqual(listed.map(\.id), expected.map(\.id), "pages of \(limit)")
        }
        let github = try await walk(limit: 3) {
            try await store.connections(accountID: Self.accountA, filter: ConnectionFilter(provider: "github", status: .active), page: $0)
        }
        XCTAssertEqual(github.map(\.id), expected.filter { $0.provider == "github" && $0.status == .active }.map(\.id))
        let other = try await walk(limit: 10) {
            try await store.connections(accountID: Self.accountB, filter: ConnectionFilter(), page: $0)
        }
        XCTAssertEqual(other.map(\.id), ["conn_b"])

        // A row inserted while a client pages, newer than the cursor, neither repeats nor shifts the rest.
        let first = try await store.connections(accountID: Self.accountA, filter: ConnectionFilter(), page: PageRequest(limit: 5))
        try await store.insertConnection(Self.connection("conn_new", account: Self.accountA, createdAt: 1000))
        let second = try await store.connections(accountID: Self.accountA, filter: ConnectionFilter(),
                                                 page: PageRequest(limit: 5, after: first.next))
        XCTAssertEqual((first.items + second.items).map(\.id), Array(expected.prefix(10)).map(\.id))
    }

    /// Providers with an active connection, and an end user's own newest active connection.
    public func connectedProvidersAndEndUserConnections() async throws {
        let store = try await tenants()
        try await store.insertConnection(Self.connection("conn_gh", account: Self.accountA, provider: "github", status: .revoked,
                                                         createdAt: 2))
        try await store.insertConnection(Self.connection("conn_sheets", account: Self.accountB, provider: "sheets", createdAt: 2))
        let providers = try await store.connectedProviders(accountID: Self.accountA)
        XCTAssertEqual(providers, ["slack"])

        try await store.insertConnection(Self.connection("conn_u1_old", account: Self.accountA, createdAt: 3, endUser: "u1"))
        try await store.insertConnection(Self.connection("conn_u1_new", account: Self.accountA, createdAt: 4, endUser: "u1"))
        try await store.insertConnection(Self.connection("conn_u1_gone", account: Self.accountA, status: .revoked, createdAt: 5,
                                                         endUser: "u1"))
        try await store.insertConnection(Self.connection("conn_u1_b", account: Self.accountB, createdAt: 6, endUser: "u1"))
        let newest = try await store.endUserConnection(accountID: Self.accountA, provider: "slack", endUser: "u1")
        XCTAssertEqual(newest?.id, "conn_u1_new")
        let nobody = try await store.endUserConnection(accountID: Self.accountA, provider: "slack", endUser: "u2")
        XCTAssertNil(nobody)
    }
}
