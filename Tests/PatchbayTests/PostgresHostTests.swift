import Foundation
import PatchbayFakes
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// The API on a host that keeps its data in PostgreSQL: the README's walk through (a key, the
/// catalog, a Slack connection, a test, an action call, a refused input, the executions),
/// with what it left read back from the database itself.
final class PostgresHostTests: XCTestCase {
    func testTheReadmeWalkThroughOnPostgres() async throws {
        let host = try await TestHost.start(store: .postgres)
        do {
            try await walkThrough(host)
        } catch {
            try await host.stop()
            throw error
        }
        try await host.stop()
    }

    private func walkThrough(_ host: TestHost) async throws {
        let postgres = try XCTUnwrap(host.postgres, "the host does not keep its data in PostgreSQL")
        let key = try await host.key(account: "acme")
        let catalog = try await host.request("GET", "/v1/catalog", key: key)
        XCTAssertEqual(catalog.status, 200, catalog.body)
        let slack = try await host.request("GET", "/v1/catalog/slack", key: key)
        XCTAssertEqual(slack.status, 200, slack.body)

        let connection = try await host.connectSlack(key: key, label: "Sandbox workspace")
        let test = try await host.request("POST", "/v1/connections/\(connection)/test", key: key)
        XCTAssertEqual(test.status, 200, test.body)
        XCTAssertEqual(test.json["success"], true)

        let invoke = "/v1/connections/\(connection)/actions/post_message/invoke"
        let posted = try await host.request("POST", invoke, key: key,
                                            json: ["input": ["channel": "#general", "text": "Hello from Patchbay"]])
        XCTAssertEqual(posted.status, 200, posted.body)
        XCTAssertEqual(posted.json["status"], "succeeded")
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Hello from Patchbay")
        let refused = try await host.request("POST", invoke, key: key, json: ["input": ["channel": "#general"]])
        XCTAssertEqual(refused.status, 400, refused.body)
        XCTAssertEqual(refused.errorField, "input.text")

        let executions = try await host.request("GET", "/v1/executions?connection_id=\(connection)", key: key)
        XCTAssertEqual(executions.status, 200, executions.body)
        let listed = executions.json["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.map { $0["id"] }, [posted.json["id"]], executions.body)

        let server = try PostgresServer.shared()
        let stored = try server.psql(postgres.url.database, "SELECT status FROM executions WHERE connection_id = '\(connection)'")
        XCTAssertEqual(stored, "succeeded")
        let sealed = try server.psql(postgres.url.database, "SELECT sealed_credentials FROM connections WHERE id = '\(connection)'")
        XCTAssertFalse(sealed.isEmpty)
        XCTAssertFalse(sealed.contains(FakeSlack.sandboxToken), "the token is stored in the clear")
    }
}
