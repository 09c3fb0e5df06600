import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// The audit log through the API: every change a key makes (connections and their credentials,
/// OAuth apps, API keys, agents published and rolled back, approvals) and the CLI's (keys, vault
/// rotation) is listed by `GET /v1/audit` for admins, with who, what and what changed, never a
/// secret's value; filters and cursor paging; other accounts see none of it.
final class AuditLogTests: XCTestCase {
    var host: TestHost!
    var admin: String!
    var adminID: String!

    static let rotatedToken = "xoxb-rotated-do-not-log-4242"
    static let clientSecret = "oauth-client-secret-do-not-log-77"

    override func setUp() async throws {
        host = try await TestHost.start()
        admin = try await host.key(scopes: [.admin])
        adminID = try await host.patchbay.apiKeys.authenticate(admin).keyID
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    func audit(_ query: String = "", key: String? = nil) async throws -> TestHost.Reply {
        try await host.request("GET", "/v1/audit" + (query.isEmpty ? "" : "?" + query), key: key ?? admin)
    }

    func must(_ method: String, _ path: String, json: JSONValue = [:], status: Int = 200) async throws -> JSONValue {
        let reply = try await host.request(method, path, key: admin, json: json)
        XCTAssertEqual(reply.status, status, "\(method) \(path): \(reply.body)")
        return reply.json
    }

    /// Makes one change of every kind; returns the connection and agent ids.
    func makeChanges() async throws -> (connection: String, agent: String, execution: String) {
        let connection = try await host.connectSlack(key: admin, label: "Before")
        _ = try await must("PATCH", "/v1/connections/\(connection)", json: ["credentials": ["bot_token": .string(Self.rotatedToken)]])
        _ = try await must("PATCH", "/v1/connections/\(connection)", json: ["label": "After"])
        _ = try await must("PUT", "/v1/oauth-apps/slack", json: [
            "client_id": "client-1", "client_secret": .string(Self.clientSecret), "redirect_uri": .string(host.callbackURL),
        ])
        _ = try await must("DELETE", "/v1/oauth-apps/slack")
        let created = try await must("POST", "/v1/api-keys", json: ["scopes": ["integrations:read"]], status: 201)
        _ = try await must("DELETE", "/v1/api-keys/\(created["id"]?.stringValue ?? "")")

        let working = try await host.connectSlack(key: admin)
        let agent = try await host.createAgent(key: admin)
        _ = try await must("POST", "/v1/agents/\(agent)/skills", json: [
            "name": "post_anywhere", "connection_id": .string(working), "action": "post_message", "requires_approval": true,
        ], status: 201)
        _ = try await host.publish(key: admin, agent: agent)
        _ = try await host.publish(key: admin, agent: agent)
        _ = try await must("POST", "/v1/agents/\(agent)/rollback", json: ["version": 1], status: 201)
        let paused = try await host.invokeSkill(key: admin, agent: agent, skill: "post_anywhere",
                                                ["input": ["channel": "C0GENERAL", "text": "approve me"]])
        let execution = try XCTUnwrap(paused.json["id"]?.stringValue, paused.body)
        _ = try await must("POST", "/v1/executions/\(execution)/continue", json: ["decision": "approve"])
        _ = try await must("DELETE", "/v1/connections/\(connection)")
        _ = try await VaultKeeper.rotate(store: host.patchbay.store, dataDirectory: host.dataDirectory, environment: [:])
        return (connection, agent, execution)
    }

    func testEveryChangeIsListedWithWhoAndWhatChangedAndNoSecret() async throws {
        let (connection, agent, execution) = try await makeChanges()
        let reply = try await audit("limit=200")
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertFalse(reply.body.contains(Self.rotatedToken), "a credential's value is in the audit log")
        XCTAssertFalse(reply.body.contains(Self.clientSecret), "an OAuth app's secret is in the audit log")
        XCTAssertFalse(reply.body.contains(FakeSlack.sandboxToken), "a credential's value is in the audit log")
        let entries = try XCTUnwrap(reply.json["data"]?.arrayValue)
        // Newest first; changes within one millisecond are ordered by id, so compare them as a set.
        XCTAssertEqual(entries.compactMap { $0["action"]?.stringValue }.sorted(), [
            "vault.rotated", "connection.deleted", "execution.approved", "agent.rolled_back", "agent.published", "agent.published",
            "connection.created", "api_key.revoked", "api_key.created", "oauth_app.deleted", "oauth_app.created", "connection.updated",
            "connection.credentials_updated", "connection.created", "api_key.created",
        ].sorted())
        let times = entries.compactMap { $0["created_at"]?.stringValue }
        XCTAssertEqual(times, times.sorted(by: >), "the log is not newest first")
        func entry(_ action: String) -> JSONValue? { entries.first { $0["action"]?.stringValue == action } }

        let credentials = try XCTUnwrap(entry("connection.credentials_updated"))
        XCTAssertEqual(credentials["target"]?.stringValue, connection)
        XCTAssertEqual(credentials["key_id"]?.stringValue, adminID)
        XCTAssertEqual(credentials["changes"], ["credentials": ["bot_token"], "status": "active"])
        XCTAssertNotNil(credentials["created_at"]?.stringValue)
        XCTAssertEqual(entry("connection.updated")?["changes"], ["label": "After", "status": "active"])
        XCTAssertEqual(entry("oauth_app.created")?["changes"]?["secrets"], ["client_secret"])
        XCTAssertEqual(entry("oauth_app.created")?["changes"]?["client_id"], "client-1")
        XCTAssertEqual(entry("agent.rolled_back")?["target"]?.stringValue, agent)
        XCTAssertEqual(entry("agent.rolled_back")?["changes"]?["to_version"], 1)
        XCTAssertEqual(entry("agent.rolled_back")?["changes"]?["version"], 3)
        XCTAssertEqual(entry("execution.approved")?["target"]?.stringValue, execution)
        // The CLI's changes carry no key: the admin key was made as `patchbay keys create` makes it.
        let byCLI = entries.filter { $0["action"] == "api_key.created" && $0["key_id"] == .null }
        XCTAssertEqual(byCLI.count, 1)
        XCTAssertEqual(byCLI.first?["changes"]?["scopes"], ["admin"])
        XCTAssertEqual(entries.filter { $0["action"] == "api_key.created" && $0["key_id"]?.stringValue == adminID }.count, 1)
        XCTAssertEqual(entry("vault.rotated")?["account_id"], .null)
        XCTAssertEqual(entry("vault.rotated")?["changes"]?["generated"], true)
    }

    func testFiltersAndCursorPaging() async throws {
        let (connection, _, _) = try await makeChanges()
        let writer = try await host.key(scopes: [.integrationsWrite, .integrationsRead])
        let writerID = try await host.patchbay.apiKeys.authenticate(writer).keyID
        let byWriter = try await host.connectSlack(key: writer, label: "by the writer")

        func actions(_ query: String) async throws -> [String] {
            let reply = try await audit(query)
            XCTAssertEqual(reply.status, 200, "\(query): \(reply.body)")
            return reply.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
        }
        let byAction = try await actions("action=connection.credentials_updated")
        XCTAssertEqual(byAction, ["connection.credentials_updated"])
        let byTarget = try await actions("target=\(connection)")
        XCTAssertEqual(byTarget.sorted(), ["connection.created", "connection.credentials_updated", "connection.deleted", "connection.updated"])
        let byKey = try await host.request("GET", "/v1/audit?key_id=\(writerID)", key: admin)
        XCTAssertEqual(byKey.json["data"]?.arrayValue?.map { $0["target"]?.stringValue }, [byWriter])
        let future = try await actions("since=2999-01-01T00:00:00Z")
        XCTAssertEqual(future, [])
        let past = try await actions("until=2000-01-01T00:00:00.000Z")
        XCTAssertEqual(past, [])
        let all = try await actions("limit=200")
        let now = try await actions("since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z&limit=200")
        XCTAssertEqual(now, all)

        var paged: [String] = []
        var cursor = ""
        for _ in 0..<50 {
            let page = try await audit("limit=4" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            let items = page.json["data"]?.arrayValue ?? []
            XCTAssertLessThanOrEqual(items.count, 4)
            paged += items.compactMap { $0["id"]?.stringValue }
            guard let next = page.json["next_cursor"]?.stringValue else { break }
            cursor = next
        }
        let everything = try await audit("limit=200")
        XCTAssertEqual(paged, everything.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue })
        XCTAssertEqual(Set(paged).count, all.count)
    }

    func testOnlyAdminsReadTheirOwnAccountsLog() async throws {
        _ = try await makeChanges()
        let writer = try await host.key(scopes: [.integrationsWrite, .integrationsRead, .skillsWrite])
        let refused = try await audit(key: writer)
        XCTAssertEqual(refused.status, 403, refused.body)
        XCTAssertEqual(refused.errorCode, "missing_scope")
        let anonymous = try await host.request("GET", "/v1/audit")
        XCTAssertEqual(anonymous.status, 401)

        let otherAdmin = try await host.key(account: "globex", scopes: [.admin])
        let theirs = try await audit("limit=200", key: otherAdmin)
        XCTAssertEqual(theirs.status, 200, theirs.body)
        // Their own key's creation, and the vault rotation that re-sealed their secrets too.
        XCTAssertEqual(theirs.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue }.sorted(), ["api_key.created", "vault.rotated"])

        for (query, field) in [("since=yesterday", "since"), ("until=1700000000", "until"), ("limit=0", "limit"), ("cursor=%25%25", "cursor")] {
            let bad = try await audit(query)
            XCTAssertEqual(bad.status, 400, "\(query): \(bad.body)")
            XCTAssertEqual(bad.errorField, field, query)
        }
        let wrongMethod = try await host.request("POST", "/v1/audit", key: admin, json: [:])
        XCTAssertEqual(wrongMethod.status, 405)
    }
}
