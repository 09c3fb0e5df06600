import Foundation
import PatchbayStore
import XCTest

/// `patchbay store copy`, the real executable, from a data dir whose host has stopped.
extension CLITests {
    func testStoreCopyCopiesAStoppedInstallAndRefusesToCopyTwice() async throws {
        let server = try PostgresServer.shared()
        let directory = NSTemporaryDirectory() + "patchbay-store-copy-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try SQLiteStore(path: directory + "/patchbay.sqlite")
            try await StoreCopyTests.seed(store)
        }
        let database = try server.makeEmptyDatabase()
        // The URL from the environment, as the command's help suggests, keeps the password out of `ps`.
        let environment = ["PATCHBAY_DATABASE_URL": server.connectionString(database: database)]

        let (status, output) = try run(["store", "copy", "--from", directory], withErrors: true, environment: environment)
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("every table matches"), output)
        XCTAssertTrue(output.contains(" rows/s)"), output)
        XCTAssertTrue(output.contains("webhook_events.sequence continues at 4"), output)
        XCTAssertTrue(output.contains("master key"), output)
        for table in StoreCopyTests.copiedTables {
            XCTAssertTrue(output.contains("\n\(table) "), "\(table) is in the table printed:\n\(output)")
        }
        XCTAssertFalse(output.contains("MISMATCH"), output)
        XCTAssertFalse(output.contains(PostgresServer.password), "the password is never printed")
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM executions"), "3")

        let (again, refusal) = try run(["store", "copy", "--from", directory, "--to", server.connectionString(database: database)],
                                       withErrors: true)
        XCTAssertEqual(again, 1, refusal)
        XCTAssertTrue(refusal.contains("is not empty"), refusal)
        XCTAssertFalse(refusal.contains(PostgresServer.password), refusal)
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM executions"), "3")
    }
}
