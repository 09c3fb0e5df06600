import Foundation
import PatchbayModel
@testable import PatchbayStore
import XCTest

/// What `/readyz` asks the PostgreSQL store: whether the database takes writes, proved by a
/// probe write when nothing else wrote lately, and again once it does.
final class PostgresStoreHealthTests: XCTestCase {
    func testAReadOnlyDatabaseIsAStorageProblemUntilItTakesWritesAgain() async throws {
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let store = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        defer { store.close() }
        let healthy = await store.storageProblem()
        XCTAssertNil(healthy)

        // New sessions start read-only; ending the pool's sessions makes it open new ones.
        func setReadOnly(_ on: Bool) throws {
            try server.psql("postgres", "ALTER DATABASE \(database) SET default_transaction_read_only = \(on ? "on" : "off")")
            try server.psql("postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'")
        }
        try setReadOnly(true)
        try await eventually("the store to say the database refuses writes", within: .seconds(30)) {
            await store.storageProblem()?.unavailableCause == "read-only"
        }
        let count = try server.psql(database, "SELECT count(*) FROM storage_probe")
        XCTAssertEqual(count, "0")

        try setReadOnly(false)
        try await eventually("the store to see the database take writes again", within: .seconds(30)) {
            await store.storageProblem() == nil
        }
        let probed = try server.psql(database, "SELECT count(*) FROM storage_probe")
        XCTAssertEqual(probed, "1", "recovery was not proved by a write")
    }
}
