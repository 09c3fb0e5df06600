import Foundation
import Logging
import PatchbayClock
import PatchbayStore

/// Where a `TestHost` keeps its data: SQLite in its data directory, or a new database of its
/// own on the tests' PostgreSQL server. `PATCHBAY_TEST_STORE=postgres` runs every host of a
/// test run on PostgreSQL, so the API-level tests check that store too.
enum TestStore: Sendable {
    case sqlite
    case postgres

    static var fromEnvironment: TestStore {
        ProcessInfo.processInfo.environment["PATCHBAY_TEST_STORE"] == "postgres" ? .postgres : .sqlite
    }

    /// The store of a new host: `database` when it restarts one that ran on PostgreSQL (the
    /// same data, as a restarted replica finds it), else a new one of this kind.
    func open(directory: String, database: PostgresStoreURL?, clock: any HostClock, logger: Logger) async throws -> (any Store, PostgresStore?) {
        if let database {
            let store = try await PostgresStore(url: database, clock: clock, logger: logger)
            return (store, store)
        }
        switch self {
        case .sqlite:
            return (try SQLiteStore(path: directory + "/patchbay.sqlite", clock: clock), nil)
        case .postgres:
            let server = try PostgresServer.shared()
            let url = try PostgresStoreURL(server.connectionString(database: try server.makeEmptyDatabase()))
            let store = try await PostgresStore(url: url, clock: clock, logger: logger)
            return (store, store)
        }
    }
}
