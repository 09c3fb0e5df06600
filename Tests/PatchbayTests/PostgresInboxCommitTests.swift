import Foundation
import PatchbayModel
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// The inbox writes each group as one statement that commits itself. A caller is told its event
/// is stored only once it is committed: visible from any other connection at once, and never
/// acknowledged when the commit itself is refused.
final class PostgresInboxCommitTests: XCTestCase {
    private var server: PostgresServer!
    private var database = ""
    private var store: PostgresStore!

    override func setUp() async throws {
        server = try PostgresServer.shared()
        database = try server.makeEmptyDatabase()
        store = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        try await store.insertGitHubEndpointWithItsAccount()
    }

    override func tearDown() async throws {
        store?.close()
    }

    private static func storeEvent(_ id: String, in store: PostgresStore) async throws -> InboundOutcome {
        let event = WebhookEventRecord(id: id, accountID: "acct_a", endpointID: "wh_a", connectionID: "conn_a", provider: "github",
                                       providerEventID: id, type: "issues", key: "github.issues.opened", occurredAt: nil,
                                       payload: ["n": .string(id)], receivedAt: 1)
        return try await store.storeInboundEvents([InboundEvent(event: event, deliveries: [])])[0]
    }

    func testAnAcknowledgedEventIsVisibleFromAnotherConnectionAtOnce() async throws {
        // Another store: its own pool, so its reads never share a connection with the writes.
        let reader = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        defer { reader.close() }
        let store = try XCTUnwrap(store)
        // Concurrent calls, so that they are written in groups of several.
        let unseen = try await withThrowingTaskGroup(of: String?.self) { group in
            for n in 0..<40 {
                group.addTask {
                    let id = "evt_\(n)"
                    guard try await Self.storeEvent(id, in: store) == .stored else { return "\(id) (not stored)" }
                    return try await reader.webhookEvent(id: id, accountID: "acct_a") == nil ? id : nil
                }
            }
            return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
        }
        XCTAssertEqual(unseen, [], "acknowledged events another connection could not read yet")
    }

    func testAnEventWhoseCommitIsRefusedIsNotAcknowledged() async throws {
        // A deferred constraint trigger: it runs at commit, after the insert has succeeded.
        _ = try server.psql(database, """
            CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused at commit'; END $$
            """)
        _ = try server.psql(database, """
            CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON webhook_events DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.provider_event_id = 'evt_refused') EXECUTE FUNCTION refuse_at_commit()
            """)
        let store = try XCTUnwrap(store)
        do {
            let outcome = try await Self.storeEvent("evt_refused", in: store)
            XCTFail("a refused commit was acknowledged as \(outcome)")
        } catch {
            XCTAssertTrue("\(String(reflecting: error))".contains("refused at commit"), "\(String(reflecting: error))")
        }
        let kept = try server.psql(database, "SELECT count(*) FROM webhook_events WHERE id = 'evt_refused'")
        XCTAssertEqual(kept, "0")
        let next = try await Self.storeEvent("evt_next", in: store)
        XCTAssertEqual(next, .stored, "the inbox keeps storing after a refused commit")
        let stats = try await store.webhookEndpointStats(id: "wh_a", accountID: "acct_a")
        XCTAssertEqual(stats.received, 1, "the refused event's counters were rolled back with it")
    }
}
