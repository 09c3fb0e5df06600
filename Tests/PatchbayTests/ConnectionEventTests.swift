import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// A connection that must be authorized again is announced in the webhook inbox, and so is its
/// recovery: a refused refresh at the fake OAuth server reaches pull and push subscribers.
final class ConnectionEventTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var agent: FakeAgentReceiver!
    var worker: Task<Void, any Error>?

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack"])
        key = try await host.key()
        agent = try await FakeAgentReceiver.start()
    }

    override func tearDown() async throws {
        worker?.cancel()
        _ = await worker?.result
        await agent.stop()
        try await host.stop()
    }

    func subscribe(name: String, _ body: [String: JSONValue]) async throws -> String {
        let agentID = try await host.createSubscriber(name: name)
        var body = body
        body["agent_id"] = .string(agentID)
        let reply = try await host.request("POST", "/v1/webhooks/subscriptions", key: key, json: .object(body))
        guard reply.status == 201 else { throw TestHostError.unexpected("subscribe: \(reply.status) \(reply.body)") }
        return agentID
    }

    func pull(_ agentID: String, after cursor: String?, wait: Int) async throws -> (events: [JSONValue], cursor: String) {
        let query = (cursor.map { "cursor=\($0)&" } ?? "") + "wait=\(wait)"
        let reply = try await host.request("GET", "/v1/agents/\(agentID)/events?\(query)", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        return (reply.json["data"]?.arrayValue ?? [], try XCTUnwrap(reply.json["next_cursor"]?.stringValue))
    }

    func testNeedsReauthAndRecoveryReachSubscribersByPullAndPush() async throws {
        let reader = try await subscribe(name: "ops-reader", ["provider": "slack", "events": ["patchbay.connection.*"]])
        let unrelated = try await subscribe(name: "chat-reader", ["provider": "slack", "events": ["slack.message.*"]])
        _ = try await subscribe(name: "ops-pager", ["provider": "slack", "events": ["patchbay.connection.needs_reauth"],
                                                    "url": .string(agent.url)])
        worker = host.startDeliveryWorker()

        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let connection = try await host.connectWithOAuth("slack", key: key, fake: fake)
        fake.revokeRefreshTokens()
        let refused = try await host.request("POST", "/v1/connections/\(connection)/actions/auth_test/invoke", key: key,
                                             json: ["input": [:]])
        XCTAssertEqual(refused.errorCode, "needs_reauth", refused.body)

        let first = try await pull(reader, after: nil, wait: 5)
        XCTAssertEqual(first.events.count, 1)
        let event = try XCTUnwrap(first.events.first)
        XCTAssertEqual(event["type"], "patchbay.connection.needs_reauth")
        XCTAssertEqual(event["provider"], "slack")
        XCTAssertEqual(event["connection_id"]?.stringValue, connection)
        XCTAssertEqual(event["endpoint_id"], .null, "no endpoint received it: the host made it")
        XCTAssertEqual(event["data"]?["connection_id"]?.stringValue, connection)
        XCTAssertEqual(event["data"]?["provider"], "slack")
        XCTAssertTrue(event["data"]?["error"]?.stringValue?.contains("invalid_refresh_token") == true, "\(event)")
        let secrets = [fake.lastAccessToken].compactMap { $0 }
        XCTAssertFalse(secrets.contains { "\(event)".contains($0) }, "no token in the event")

        // The connection stays refused without asking the provider again, and announces nothing new.
        let again = try await host.request("POST", "/v1/connections/\(connection)/actions/auth_test/invoke", key: key,
                                           json: ["input": [:]])
        XCTAssertEqual(again.errorCode, "needs_reauth")
        let quiet = try await pull(reader, after: first.cursor, wait: 0)
        XCTAssertEqual(quiet.events.count, 0)

        fake.setAccessTokenLifetime(43_200)
        let reauth = try await host.request("POST", "/v1/connections/\(connection)/authorize", key: key, json: [:])
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(reauth.json["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let recovered = try await pull(reader, after: first.cursor, wait: 5)
        XCTAssertEqual(recovered.events.map { $0["type"] }, ["patchbay.connection.reauthorized"])
        XCTAssertEqual(recovered.events.first?["data"]?["connection_id"]?.stringValue, connection)

        let skipped = try await pull(unrelated, after: nil, wait: 0)
        XCTAssertEqual(skipped.events.count, 0, "patterns filter host events like any other")
        let pushed = await agent.waitForRequests(1)
        XCTAssertEqual(pushed.count, 1)
        let body = try WireCoding.decode(JSONValue.self, from: Data(try XCTUnwrap(pushed.first).body.utf8))
        XCTAssertEqual(body["type"], "patchbay.connection.needs_reauth")
        XCTAssertEqual(body["id"], event["id"])
    }

    func testReplacingTheCredentialsAlsoAnnouncesTheRecovery() async throws {
        let reader = try await subscribe(name: "ops-reader", ["provider": "slack", "events": ["patchbay.connection.*"]])
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let connection = try await host.connectWithOAuth("slack", key: key, fake: fake)
        fake.revokeRefreshTokens()
        _ = try await host.request("POST", "/v1/connections/\(connection)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        let patched = try await host.request("PATCH", "/v1/connections/\(connection)", key: key,
                                             json: ["credentials": ["bot_token": .string(FakeSlack.sandboxToken)]])
        XCTAssertEqual(patched.json["status"], "active", patched.body)
        let relabelled = try await host.request("PATCH", "/v1/connections/\(connection)", key: key, json: ["label": "Ops"])
        XCTAssertEqual(relabelled.status, 200, "an active connection that changes is not a recovery")
        let events = try await pull(reader, after: nil, wait: 5)
        XCTAssertEqual(events.events.map { $0["type"] }, ["patchbay.connection.needs_reauth", "patchbay.connection.reauthorized"])
        XCTAssertFalse("\(events.events)".contains(FakeSlack.sandboxToken), "no token in an event")
    }
}
