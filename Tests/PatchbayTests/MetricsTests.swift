import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// `GET /metrics` on a real host: the metrics scope guards it, and what the host does shows in
/// the series: requests by route template, action calls and upstream requests, webhooks,
/// deliveries, plugin failures, and the store's commits. The backend is process-wide, so each
/// test compares a scrape taken before with one taken after.
final class MetricsTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var scraper: String!

    override func tearDown() async throws {
        try await host?.stop()
    }

    private func start(plugins: [String] = ["PatchbaySlack", "PatchbayGitHub"], isolated: [String] = []) async throws {
        host = try await TestHost.start(plugins: plugins, isolated: isolated, metrics: TestMetrics.exposition)
        key = try await host.key()
        scraper = try await host.key(account: "monitoring", scopes: [.metrics])
    }

    private func scrape() async throws -> [String: Double] {
        let reply = try await host.request("GET", "/metrics", key: scraper)
        XCTAssertEqual(reply.status, 200, reply.body)
        return TestMetrics.parse(reply.body)
    }

    private func invoke(_ connection: String, _ action: String, _ input: JSONValue) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: key, json: ["input": input])
    }

    private func connect(_ provider: String) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key, json: ["provider": .string(provider), "credentials": [:]])
        return try XCTUnwrap(reply.json["id"]?.stringValue, reply.body)
    }

    func testOnlyAKeyWithTheMetricsScopeOrAdminReadsTheMetrics() async throws {
        try await start()
        let anonymous = try await host.request("GET", "/metrics")
        XCTAssertEqual(anonymous.status, 401, anonymous.body)
        let integrations = try await host.request("GET", "/metrics", key: key)
        XCTAssertEqual(integrations.status, 403, integrations.body)
        XCTAssertEqual(integrations.errorCode, "missing_scope")
        XCTAssertEqual(integrations.errorField, "metrics")
        // A metrics key may do nothing else.
        let connections = try await host.request("GET", "/v1/connections", key: scraper)
        XCTAssertEqual(connections.status, 403, connections.body)

        for reader in [scraper!, try await host.key(scopes: [.admin])] {
            let reply = try await host.request("GET", "/metrics", key: reader)
            XCTAssertEqual(reply.status, 200, reply.body)
            XCTAssertEqual(reply.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
            XCTAssertTrue(reply.body.contains("# TYPE patchbay_http_requests_total counter"), reply.body)
        }
    }

    func testActionCallsCountByOutcomeWithRouteTemplatesAndNoIDs() async throws {
        try await start()
        let connection = try await host.connectSlack(key: key)
        let before = try await scrape()

        for text in ["one", "two"] {
            let reply = try await invoke(connection, "post_message", ["channel": "#general", "text": .string(text)])
            XCTAssertEqual(reply.status, 200, reply.body)
        }
        let refused = try await invoke(connection, "post_message", ["channel": "#no-such-channel", "text": "x"])
        XCTAssertNotEqual(refused.status, 200, refused.body)
        let invalid = try await invoke(connection, "post_message", ["channel": 5])
        XCTAssertEqual(invalid.status, 400, invalid.body)
        let unknownID = "conn_" + UUID().uuidString.lowercased()
        let missing = try await host.request("GET", "/v1/connections/\(unknownID)", key: key)
        XCTAssertEqual(missing.status, 404, missing.body)
        let unmatched = try await host.request("GET", "/v1/no/such/\(unknownID)", key: key)
        XCTAssertEqual(unmatched.status, 404, unmatched.body)

        let text = try await host.request("GET", "/metrics", key: scraper).body
        let delta = ScrapeDelta(before: before, after: TestMetrics.parse(text))
        let route = "/v1/connections/{id}/actions/{action}/invoke"
        XCTAssertEqual(delta[#"patchbay_http_requests_total{method="POST",route="\#(route)",status="200"}"#], 2)
        XCTAssertEqual(delta[#"patchbay_http_requests_total{method="POST",route="\#(route)",status="400"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_http_request_duration_seconds_count{method="POST",route="\#(route)"}"#], 4)
        XCTAssertEqual(delta[#"patchbay_http_requests_total{method="GET",route="/v1/connections/{id}",status="404"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_http_requests_total{method="GET",route="unmatched",status="404"}"#], 1)
        // Paths as sent, ids and accounts never become labels.
        for value in [unknownID, connection, "/v1/no/such", "acct_"] {
            XCTAssertFalse(text.contains(value), "\(value) in the metrics")
        }

        // The input refused by its schema never reached the plugin: three calls ran.
        let succeeded = #"patchbay_action_calls_total{provider="slack",action="post_message",outcome="succeeded"}"#
        XCTAssertEqual(delta[succeeded], 2)
        XCTAssertEqual(delta.sum(#"patchbay_action_calls_total{provider="slack",action="post_message""#) { !$0.contains("succeeded") }, 1)
        XCTAssertEqual(delta[#"patchbay_action_call_duration_seconds_count{provider="slack",action="post_message"}"#], 3)
        XCTAssertEqual(delta[#"patchbay_upstream_requests_total{provider="slack",outcome="2xx"}"#], 3)
        XCTAssertEqual(delta[#"patchbay_upstream_request_duration_seconds_count{provider="slack"}"#], 3)
        // Each call wrote its execution twice (started, finished), in shared commits.
        XCTAssertGreaterThanOrEqual(delta.sum("patchbay_store_commit_batch_size_sum"), 6)
        XCTAssertGreaterThan(delta.sum("patchbay_store_commit_duration_seconds_count"), 0)
    }

    func testWebhooksCountReceivedRejectedDuplicatedAndDeliveries() async throws {
        try await start()
        let agent = try await FakeAgentReceiver.start()
        defer { Task { await agent.stop() } }
        let worker = host.startDeliveryWorker()
        defer { worker.cancel() }
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        let secret = try XCTUnwrap(endpoint["secret"]?.stringValue)
        let agentID = try await host.createSubscriber(name: "metrics-bot")
        // One subscription the agent accepts, one whose URL is gone for good (410: a dead letter).
        agent.script([], otherwise: FakeAgentReceiver.Answer(status: 204))
        let gone = try await FakeAgentReceiver.start()
        defer { Task { await gone.stop() } }
        gone.script([], otherwise: FakeAgentReceiver.Answer(status: 410))
        for url in [agent.url, gone.url] {
            let reply = try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                                               json: ["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "url": .string(url)])
            XCTAssertEqual(reply.status, 201, reply.body)
        }
        let before = try await scrape()

        let body = #"{"action":"opened","number":1}"#
        let path = "/hooks/github/\(endpointID)"
        let headers = ProviderWebhooks.github(secret: secret, event: "issues", delivery: "delivery-1", body: body)
        for _ in 0..<2 {
            let reply = try await host.send(path, headers: headers, body: body)
            XCTAssertEqual(reply.status, 200, reply.body)
        }
        let forged = ProviderWebhooks.github(secret: "not-the-secret", event: "issues", delivery: "delivery-2", body: body)
        let refused = try await host.send(path, headers: forged, body: body)
        XCTAssertEqual(refused.status, 401, refused.body)
        let admin = try await host.key(scopes: [.admin])
        _ = try await host.waitForDeliveries(key: admin) { deliveries in
            deliveries.count == 2 && deliveries.allSatisfy { ["succeeded", "dead"].contains($0["status"]?.stringValue ?? "") }
        }

        let delta = ScrapeDelta(before: before, after: try await scrape())
        XCTAssertEqual(delta[#"patchbay_webhooks_received_total{provider="github"}"#], 3)
        XCTAssertEqual(delta[#"patchbay_webhook_events_stored_total{provider="github"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_webhooks_duplicated_total{provider="github"}"#], 1)
        XCTAssertEqual(delta.sum(#"patchbay_webhooks_rejected_total{provider="github""#), 1)
        XCTAssertEqual(delta[#"patchbay_webhook_delivery_attempts_total{outcome="succeeded"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_webhook_delivery_attempts_total{outcome="dead"}"#], 1)
        XCTAssertEqual(delta["patchbay_webhook_dead_letters_total"], 1)
        XCTAssertEqual(delta["patchbay_webhook_delivery_lag_seconds_count"], 1)
        XCTAssertEqual(delta["patchbay_webhook_delivery_duration_seconds_count"], 2)
    }

    func testPluginCrashesQuarantinesAndTimeoutsAreCounted() async throws {
        // The hanging plugin's action declares a timeout of 200 ms; restarts of the crashing one take longer.
        try await start(plugins: ["BrokenPluginHangs"], isolated: ["BrokenPluginCrashes"])
        let crashes = try await connect("broken-crashes")
        let hangs = try await connect("broken-hangs")
        let before = try await scrape()

        let timedOut = try await invoke(hangs, "ping", [:])
        XCTAssertEqual(timedOut.errorCode, "plugin_timeout", timedOut.body)
        // Three crashes within the window quarantine the plugin; each call waits for the restart.
        for _ in 0..<3 {
            let crashed = try await invoke(crashes, "crash", [:])
            XCTAssertEqual(crashed.errorCode, "plugin_crashed", crashed.body)
        }
        let quarantined = try await invoke(crashes, "ping", [:])
        XCTAssertEqual(quarantined.errorCode, "plugin_quarantined", quarantined.body)

        let after = try await scrape()
        let delta = ScrapeDelta(before: before, after: after)
        XCTAssertEqual(delta[#"patchbay_plugin_timeouts_total{plugin="broken-hangs",waiting_on="plugin"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_plugin_crashes_total{plugin="broken-crashes"}"#], 3)
        XCTAssertEqual(delta[#"patchbay_plugin_quarantines_total{plugin="broken-crashes"}"#], 1)
        XCTAssertEqual(after[#"patchbay_plugin_quarantined{plugin="broken-crashes"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_action_calls_total{provider="broken-hangs",action="ping",outcome="timeout"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_action_calls_total{provider="broken-crashes",action="crash",outcome="plugin_failed"}"#], 3)
    }

    func testTokenRefreshesCountSuccessesAndRefusals() async throws {
        try await start()
        let fake = host.fakes.oauth.slack
        // Tokens that expire within the refresh window are refreshed before each call.
        fake.setAccessTokenLifetime(10)
        let connection = try await host.connectWithOAuth("slack", key: key, fake: fake)
        let before = try await scrape()

        let refreshed = try await invoke(connection, "auth_test", [:])
        XCTAssertEqual(refreshed.status, 200, refreshed.body)
        fake.revokeRefreshTokens()
        let refused = try await invoke(connection, "auth_test", [:])
        XCTAssertEqual(refused.errorCode, "needs_reauth", refused.body)

        let delta = ScrapeDelta(before: before, after: try await scrape())
        XCTAssertEqual(delta[#"patchbay_token_refreshes_total{provider="slack",outcome="succeeded"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_token_refreshes_total{provider="slack",outcome="refused"}"#], 1)
        XCTAssertEqual(delta[#"patchbay_token_refresh_failures_total{provider="slack"}"#], 1)
    }
}
