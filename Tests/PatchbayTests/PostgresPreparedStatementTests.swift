import Foundation
import PatchbayModel
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// The statements run on every webhook delivery are prepared once per pooled connection. A
/// replica of the next release may add columns to their tables while this one keeps its
/// prepared statements: they must keep answering, and the inbox keep storing.
final class PostgresPreparedStatementTests: XCTestCase {
    /// A store on a new database holding the GitHub endpoint `wh_a` of account `acct_a`.
    private func storeWithAnEndpoint() async throws -> (PostgresServer, String, PostgresStore) {
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let store = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        do {
            try await store.insertGitHubEndpointWithItsAccount()
        } catch {
            store.close()
            throw error
        }
        return (server, database, store)
    }

    func testRouteReadsAndTheInboxKeepWorkingWhenTheNextReleaseAddsColumns() async throws {
        let (server, database, store) = try await storeWithAnEndpoint()
        defer { store.close() }
        try await store.insertWebhookSubscription(WebhookSubscriptionRecord(
            id: "sub_a", accountID: "acct_a", agentID: "agent_1", endpointID: "wh_a", provider: nil, patterns: [], mode: .push,
            url: "https://agent.example/a", sealedSecrets: "pbv1.k1.sub_a", status: .active, disabledReason: nil,
            createdAt: 1, updatedAt: 1))

        func readRoutes() async throws -> [WebhookRoute?] {
            // Concurrent reads, so that several pooled connections prepare the statement.
            try await withThrowingTaskGroup(of: WebhookRoute?.self) { group in
                for _ in 0..<20 { group.addTask { try await store.webhookRoute(endpointID: "wh_a") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        func storeEvent(_ id: String) async throws -> InboundOutcome {
            let event = WebhookEventRecord(id: id, accountID: "acct_a", endpointID: "wh_a", connectionID: "conn_a", provider: "github",
                                           providerEventID: id, type: "issues", key: "github.issues.opened", occurredAt: nil,
                                           payload: ["n": .string(id)], receivedAt: 1)
            return try await store.storeInboundEvents([InboundEvent(event: event, deliveries: [(id: "msg_\(id)", subscriptionID: "sub_a")])])[0]
        }
        let before = try await readRoutes()
        XCTAssertEqual(before.map { $0?.subscriptions.map(\.id) }, Array(repeating: ["sub_a"], count: 20))
        let first = try await storeEvent("evt_1")
        XCTAssertEqual(first, .stored)

        for table in ["webhook_endpoints", "connections", "webhook_subscriptions", "webhook_events"] {
            _ = try server.psql(database, "ALTER TABLE \(table) ADD COLUMN added_by_next_release TEXT NOT NULL DEFAULT 'x'")
        }

        let after = try await readRoutes()
        XCTAssertEqual(after.map { $0?.endpoint.id }, Array(repeating: "wh_a", count: 20))
        XCTAssertEqual(after.map { $0?.connection?.id }, Array(repeating: "conn_a", count: 20))
        let second = try await storeEvent("evt_2"), again = try await storeEvent("evt_1")
        XCTAssertEqual(second, .stored)
        XCTAssertEqual(again, .duplicate, "deduplication still holds after the change")
        let deliveries = try server.psql(database, "SELECT string_agg(id, ',' ORDER BY id) FROM webhook_deliveries")
        XCTAssertEqual(deliveries, "msg_evt_1,msg_evt_2")
    }

    /// The route read runs for every group of deliveries: the server must keep its plan rather
    /// than plan the join again on each execution (`PostgresMigrations.webhookRoutes`).
    func testTheRouteReadKeepsOnePlan() async throws {
        let (server, database, store) = try await storeWithAnEndpoint()
        defer { store.close() }

        let executions = Array(repeating: "EXECUTE route('{wh_a}');", count: 8).joined(separator: " ")
        let plans = try server.psql(database, """
            PREPARE route(text[]) AS \(PostgresWebhookRoutesStatement.sql); \(executions)
            SELECT generic_plans || ' ' || custom_plans FROM pg_prepared_statements WHERE name = 'route'
            """)
        // psql prints every statement's rows: the counts are the last line.
        let counts = (plans.split(separator: "\n").last ?? "").split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(counts.count, 2, plans)
        XCTAssertGreaterThanOrEqual(counts.first ?? 0, 3, "the statement was planned again for its bound ids: \(plans)")
        XCTAssertLessThanOrEqual(counts.last ?? .max, 5, plans)
        let setting = try server.psql(database, "SELECT array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'patchbay_webhook_routes'")
        XCTAssertEqual(setting, "plan_cache_mode=force_generic_plan", "the join inside the function keeps one plan")
    }
}
