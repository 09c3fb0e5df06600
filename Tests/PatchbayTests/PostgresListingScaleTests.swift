import Foundation
@testable import PatchbayStore
import PatchbayStoreConformance
import Synchronization
import XCTest

/// `ListingAtScale` on PostgreSQL, and each listing's query as the store sends it walks an
/// index in order rather than scanning or sorting the table.
final class PostgresListingScaleTests: XCTestCase {
    static let start = ListingAtScale.start
    // Set by the first test's `setUp`, read by the rest.
    private static let seeded = Mutex<(store: PostgresStore, database: String)?>(nil)

    /// Seeds once for the class, with set-based inserts through psql: seconds, not minutes.
    override func setUp() async throws {
        if Self.seeded.withLock({ $0 != nil }) { return }
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let store = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        let seeding = ContinuousClock.now
        try server.psql(database, Self.seedSQL)
        print("seeded the rows of ListingAtScale in \(ContinuousClock.now - seeding)")
        Self.seeded.withLock { $0 = (store, database) }
    }

    /// The rows `ListingAtScale` describes.
    static let seedSQL = """
        INSERT INTO accounts (id, name, created_at) VALUES ('acct_big', 'big', 1), ('acct_small', 'small', 1);
        INSERT INTO connections (id, account_id, provider, label, config, status, created_at, updated_at)
        SELECT 'conn_' || lpad(i::text, 6, '0'), CASE WHEN i % 1000 = 999 THEN 'acct_small' ELSE 'acct_big' END,
            CASE i % 10 WHEN 0 THEN 'slack' WHEN 1 THEN 'github' ELSE 'provider' || (i % 10) END,
            'connection ' || i, '{}', CASE WHEN i % 7 = 0 THEN 'revoked' ELSE 'active' END,
            \(start) + i / 2, \(start) + i / 2
        FROM generate_series(0, \(ListingAtScale.connections - 1)) AS i;
        INSERT INTO executions (id, account_id, connection_id, provider, action, status, started_at, finished_at, requests)
        SELECT 'exec_' || lpad(i::text, 7, '0'), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
            'conn_' || lpad((i % 1000)::text, 6, '0'), 'github',
            CASE i % 4 WHEN 0 THEN 'create_issue' WHEN 1 THEN 'close_issue' WHEN 2 THEN 'comment' ELSE 'list_issues' END,
            CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'succeeded' END, \(start) + i / 2, \(start) + i / 2 + 5, '[]'
        FROM generate_series(0, \(ListingAtScale.executions - 1)) AS i;
        INSERT INTO webhook_endpoints (id, account_id, connection_id, provider, status, created_at, updated_at)
        SELECT 'whe_' || lpad(i::text, 3, '0'), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
            'conn_' || lpad((CASE WHEN i % 10 = 9 THEN 999 ELSE i END)::text, 6, '0'), 'github', 'active', 1, 1
        FROM generate_series(0, \(ListingAtScale.endpoints - 1)) AS i;
        INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key, payload,
            received_at)
        SELECT 'evt_' || lpad(i::text, 7, '0'), CASE WHEN i % 10 = 9 THEN 'acct_small' ELSE 'acct_big' END,
            'whe_' || lpad((i % \(ListingAtScale.endpoints))::text, 3, '0'), 'conn_000001', 'github', 'd-' || i, 'issues',
            CASE i % 4 WHEN 0 THEN 'issues.opened' WHEN 1 THEN 'issues.closed' WHEN 2 THEN 'push' ELSE 'pull_request.opened' END,
            '{"n":1}', \(start) + i / 2
        FROM generate_series(0, \(ListingAtScale.events - 1)) AS i ORDER BY i;
        ANALYZE
        """

    /// A round trip to the server on loopback comes on top of the query: a scan of the table
    /// takes hundreds of milliseconds here, a page a few.
    private var suite: ListingAtScale {
        get throws { ListingAtScale(store: try XCTUnwrap(Self.seeded.withLock { $0?.store }), pageBudget: .milliseconds(100)) }
    }

    func testConnectionPagesAtAHundredThousandConnections() async throws { try await suite.connectionPages() }
    func testExecutionPagesAtAMillionExecutions() async throws { try await suite.executionPages() }
    func testEventPagesAndPullsAtAMillionEvents() async throws { try await suite.eventPagesAndPulls() }

    /// Each listing's query, as the store sends it, walks an index in the listing's order:
    /// no sequential scan, no sort.
    func testListingQueriesUseAnIndexInOrder() throws {
        let database = try XCTUnwrap(Self.seeded.withLock { $0?.database })
        let page = "ORDER BY started_at DESC, id DESC LIMIT 51"
        let after = "started_at <= \(Self.start + 250_000) AND (started_at < \(Self.start + 250_000) OR id < 'exec_0500001')"
        let queries: [(index: String, query: String)] = [
            ("connections_by_account", "SELECT * FROM connections WHERE account_id = 'acct_big' ORDER BY created_at DESC, id DESC LIMIT 51"),
            ("connections_by_account", """
                SELECT * FROM connections WHERE account_id = 'acct_big' AND provider = 'github' AND status = 'active'
                    AND created_at <= \(Self.start + 25_000) AND (created_at < \(Self.start + 25_000) OR id < 'conn_050001')
                    ORDER BY created_at DESC, id DESC LIMIT 51
                """),
            ("executions_by_account", "SELECT * FROM executions WHERE account_id = 'acct_big' \(page)"),
            ("executions_by_account", "SELECT * FROM executions WHERE account_id = 'acct_big' AND \(after) \(page)"),
            // One connection's calls are a thousandth of the account's: its own index, not a walk of the account's.
            ("executions_by_connection",
             "SELECT * FROM executions WHERE account_id = 'acct_big' AND connection_id = 'conn_000042' AND \(after) \(page)"),
        ]
        for (index, query) in queries {
            let plan = try PostgresServer.shared().psql(database, "EXPLAIN " + query)
            XCTAssertTrue(plan.contains("Index Scan using \(index)"), "\(query)\n\(plan)")
            XCTAssertFalse(plan.contains("Seq Scan"), "\(query)\n\(plan)")
            XCTAssertFalse(plan.contains("Sort"), "\(query)\n\(plan)")
        }
    }
}
