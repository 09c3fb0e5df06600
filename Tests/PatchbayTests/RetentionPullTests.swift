import Foundation
import GRDB
import Logging
import PatchbayClock
import PatchbayFakes
import PatchbayModel
@testable import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// Pruned events are gone for pull consumers too: a cursor that points into the pruned range
/// is answered, not refused, and continues from the oldest event kept without skipping any.
final class RetentionPullTests: XCTestCase {
    func testACursorIntoAPrunedRangeContinuesFromTheOldestKeptEvent() async throws {
        // It ages events by writing to the SQLite file.
        let host = try await TestHost.start(plugins: ["PatchbayGitHub"], store: .sqlite)
        do {
            try await pullAcrossPruning(host)
        } catch {
            try await host.stop()
            throw error
        }
        try await host.stop()
    }

    private func pullAcrossPruning(_ host: TestHost) async throws {
        let key = try await host.key()
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        let path = "/hooks/github/\(try XCTUnwrap(endpoint["id"]?.stringValue))"
        let secret = try XCTUnwrap(endpoint["secret"]?.stringValue)
        let reader = try await host.createSubscriber(name: "reader")
        let subscribed = try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                                                json: ["agent_id": .string(reader), "provider": "github"])
        XCTAssertEqual(subscribed.status, 201, subscribed.body)
        for delivery in ["d-1", "d-2", "d-3", "d-4", "d-5", "d-6"] {
            let body = #"{"action":"opened","number":1}"#
            let reply = try await host.send(path, headers: ProviderWebhooks.github(secret: secret, event: "issues", delivery: delivery,
                                                                                    body: body), body: body)
            XCTAssertEqual(reply.status, 200, reply.body)
        }
        let first = try await host.request("GET", "/v1/agents/\(reader)/events?limit=2", key: key)
        XCTAssertEqual(first.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, ["d-1", "d-2"])
        let cursor = try XCTUnwrap(first.json["next_cursor"]?.stringValue)

        // d-1 to d-4 were received 20 days ago: past the 14 days kept.
        let store = try XCTUnwrap(host.patchbay.store as? SQLiteStore)
        let now = host.patchbay.clock.wallMillis
        let old = now - 20 * 86_400_000
        try await store.write { db in
            try db.execute(sql: "UPDATE webhook_events SET received_at = ? WHERE provider_event_id IN ('d-1', 'd-2', 'd-3', 'd-4')",
                           arguments: [old])
        }
        let pruned = try await Retention(store: store, settings: RetentionSettings(), clock: host.patchbay.clock,
                                     logger: Logger(label: "test")).prune(now: now)
        XCTAssertEqual(pruned.events, 4)

        for (query, what) in [("cursor=\(cursor)", "a cursor into the pruned range"), ("", "no cursor"), ("cursor=0", "cursor 0")] {
            let reply = try await host.request("GET", "/v1/agents/\(reader)/events?\(query)", key: key)
            XCTAssertEqual(reply.status, 200, "\(what): \(reply.body)")
            XCTAssertEqual(reply.json["data"]?.arrayValue?.map { $0["provider_event_id"] }, ["d-5", "d-6"], what)
        }
    }
}
