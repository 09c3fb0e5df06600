import Foundation
import GRDB
@testable import PatchbayStore
import PatchbayStoreConformance
import Synchronization
import XCTest

/// `ListingAtScale` on SQLite, and what only SQLite shows: each listing's query walks an index
/// in order rather than scanning or sorting the table, and a pruning batch at this size is quick.
final class ListingScaleTests: XCTestCase {
    // Set by the class's `setUp`, read by its tests.
    private static let directory = Mutex("")
    private static let store = Mutex<SQLiteStore?>(nil)
    static let start = ListingAtScale.start

    /// Seeds once for the class, in one transaction of set-based inserts: seconds, not minutes.
    override class func setUp() {
        super.setUp()
        let directory = NSTemporaryDirectory() + "patchbay-scale-" + UUID().uuidString
        self.directory.withLock { $0 = directory }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: directory + "/store.sqlite")
            self.store.withLock { $0 = store }
            let seeding = ContinuousClock.now
            try store.pool.write { db in try seed(db) }
            print("seeded the rows of ListingAtScale in \(ContinuousClock.now - seeding)")
        } catch {
            XCTFail("seeding failed: \(error)")
        }
    }

    override class func tearDown() {
        store.withLock { $0 = nil }
        try? FileManager.default.removeItem(atPath: directory.withLock { $0 })
        super.tearDown()
    }

    /// The rows `ListingAtScale` describes, in one transaction of set-based inserts.
    static func seed(_ db: Database) throws {
        let (connections, executions, endpoints, events) =
            (ListingAtScale.connections, ListingAtScale.executions, ListingAtScale.endpoints, ListingAtScale.events)
        try db.execute(sql: """
            INSERT INTO accounts (id, name, created_at) VALUES ('acct_big', 'big', 1), ('acct_small', 'small', 1);
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(connections - 1))
            INSERT INTO connections (id, account_id, provider, label, config, status, created_at, updated_at)
            SELECT printf('conn_%06d', i), CASE WHEN i % 1000 = 999 THEN 'acct_small' ELSE 'acct_big' END,
                CASE i % 10 WHEN 0 THEN 'slack' WHEN 1 THEN 'github' ELSE printf('provider%d', i % 10) END,
                printf('connection %d', i), '{}', CASE WHEN i % 7 = 0 THEN 'revoked' ELSE 'active' END,
                \(start) + i / 2, \(start) + i / 2
            FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(executions - 1))
            INSERT INTO executions (id, account_id, connection_id, provider, action, status, started_at, finished_at, requests)
            SELECT printf('exec_%07d', i), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
                printf('conn_%06d', i % 1000), 'github',
                CASE i % 4 WHEN 0 THEN 'create_issue' WHEN 1 THEN 'close_issue' WHEN 2 THEN 'comment' ELSE 'list_issues' END,
                CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'succeeded' END, \(start) + i / 2, \(start) + i / 2 + 5, '[]'
            FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(endpoints - 1))
            INSERT INTO webhook_endpoints (id, account_id, connection_id, provider, status, created_at, updated_at)
            SELECT printf('whe_%03d', i), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
                printf('conn_%06d', CASE WHEN i % 10 = 9 THEN 999 ELSE i END), 'github', 'active', 1, 1
            FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(events - 1))
            INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
                payload, received_at)
            SELECT printf('evt_%07d', i), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
                printf('whe_%03d', i % \(endpoints)), 'conn_000001', 'github', printf('d-%d', i), 'issues',
                CASE i % 4 WHEN 0 THEN 'issues.opened' WHEN 1 THEN 'issues.closed' WHEN 2 THEN 'push' ELSE 'pull_request.opened' END,
                '{"n":1}', \(start) + i / 2
            FROM n;
            """)
    }

    /// Reads in process: a page takes a few milliseconds, a scan hundreds.
    private var suite: ListingAtScale {
        get throws { ListingAtScale(store: try XCTUnwrap(Self.store.withLock { $0 }), pageBudget: .milliseconds(50)) }
    }

    func testConnectionPagesAtAHundredThousandConnections() async throws { try await suite.connectionPages() }
    func testExecutionPagesAtAMillionExecutions() async throws { try await suite.executionPages() }
    func testWebhookEventPagesAndPullsAtAMillionEvents() async throws { try await suite.eventPagesAndPulls() }

    /// One batch of pruning at this size holds the single writer briefly: it finds its rows by
    /// index instead of scanning a million events. (It removes the oldest thousand events,
    /// which no other test here reads.)
    func testOnePruningBatchAtAMillionEventsIsQuick() async throws {
        let store = try XCTUnwrap(Self.store.withLock { $0 })
        let started = ContinuousClock.now
        let removed = try await store.pruneWebhookEvents(receivedBefore: Self.start + 500, limit: 1000)
        let elapsed = ContinuousClock.now - started
        print("one pruning batch of 1000 events: \(elapsed)")
        XCTAssertEqual(removed, 1000)
        XCTAssertLessThan(elapsed, .seconds(1))
        let again = try await store.pruneWebhookEvents(receivedBefore: Self.start + 500, limit: 1000)
        XCTAssertEqual(again, 0)
    }

    /// Each listing's query walks an index in the listing's order: no table scan, no sort.
    func testListingQueriesUseAnIndexInOrder() async throws {
        let store = try XCTUnwrap(Self.store.withLock { $0 })
        let page = "ORDER BY received_at DESC, id DESC LIMIT 51"
        let after = "received_at <= 1 AND (received_at < 1 OR id < 'x')"
        let queries = [
            "SELECT * FROM webhook_events WHERE account_id = 'a' \(page)",
            "SELECT * FROM webhook_events WHERE account_id = 'a' AND \(after) \(page)",
            "SELECT * FROM webhook_events WHERE account_id = 'a' AND endpoint_id = 'e' AND \(after) \(page)",
            "SELECT * FROM webhook_events WHERE account_id = 'a' AND provider = 'p' AND key = 'k' \(page)",
            """
            SELECT * FROM webhook_events WHERE account_id = 'a' AND sequence > 5 AND (endpoint_id IN ('e') OR provider IN ('p'))
            ORDER BY sequence LIMIT 500
            """,
            "SELECT * FROM connections WHERE account_id = 'a' ORDER BY created_at DESC, id DESC LIMIT 51",
            """
            SELECT * FROM connections WHERE account_id = 'a' AND provider = 'p' AND status = 'active'
                AND created_at <= 1 AND (created_at < 1 OR id < 'x') ORDER BY created_at DESC, id DESC LIMIT 51
            """,
        ]
        for query in queries {
            let plan = try await store.read { db in try RetentionTests.plan(db, query) }
            XCTAssertTrue(plan.contains("USING INDEX") || plan.contains("USING INTEGER PRIMARY KEY"), "\(query)\n\(plan)")
            XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(query)\n\(plan)")
            XCTAssertFalse(plan.contains("SCAN webhook_events\n") || plan.hasSuffix("SCAN webhook_events")
                               || plan.hasSuffix("SCAN connections"), "\(query)\n\(plan)")
            // A page after a cursor seeks to it rather than walking every newer row.
            if query.contains("<= 1") {
                XCTAssertTrue(plan.contains("received_at<?") || plan.contains("created_at<?"), "\(query)\n\(plan)")
            }
        }
    }
}
