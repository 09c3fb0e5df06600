import GRDB
@testable import PatchbayStore
import XCTest

/// The store's lookups read rows through `ColumnReader` rather than GRDB's `Row`; it must read
/// what `Row` reads: NULL and a missing column as nil for an optional, column names in any case,
/// the leftmost of two equal names, and a reused statement's new rows.
final class ColumnReaderTests: XCTestCase {
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE things (id TEXT NOT NULL, Label TEXT, size INTEGER, flag INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO things VALUES ('a', 'first', 3, 1), ('b', NULL, NULL, 0)")
        }
        return queue
    }

    private struct Thing: Equatable {
        var id: String
        var label: String?
        var size: Int?
        var flag: Bool
        var missing: String?
    }

    private static func thing<Stored: StoredRow>(_ row: Stored) -> Thing {
        Thing(id: row["id"], label: row["label"], size: row["size"], flag: row["flag"], missing: row["no_such_column"])
    }

    func testItReadsWhatRowReads() throws {
        let queue = try database()
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM things ORDER BY id")
            let read = try SQLiteStore.all(statement, [], Self.thing)
            let expected = try Row.fetchAll(db, sql: "SELECT * FROM things ORDER BY id").map(Self.thing)
            XCTAssertEqual(read, expected)
            XCTAssertEqual(read, [Thing(id: "a", label: "first", size: 3, flag: true), Thing(id: "b", label: nil, size: nil, flag: false)])
        }
    }

    func testAReusedStatementReadsItsNewRowsAndFirstStopsAtOne() throws {
        let queue = try database()
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM things WHERE id = ?")
            XCTAssertEqual(try SQLiteStore.first(statement, ["a"], Self.thing)?.label, "first")
            XCTAssertEqual(try SQLiteStore.first(statement, ["b"], Self.thing)?.id, "b")
            XCTAssertNil(try SQLiteStore.first(statement, ["z"], Self.thing))
            let all = try db.cachedStatement(sql: "SELECT * FROM things ORDER BY id")
            XCTAssertEqual(try SQLiteStore.first(all, [], Self.thing)?.id, "a")
            XCTAssertEqual(try SQLiteStore.all(all, [], limit: 1, Self.thing).count, 1)
        }
    }

    func testTheLeftmostOfTwoEqualNamesIsRead() throws {
        let queue = try database()
        try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT id, 'shadow' AS ID FROM things WHERE id = 'a'")
            XCTAssertEqual(try SQLiteStore.first(statement, []) { row -> String in row["id"] }, "a")
        }
    }
}
