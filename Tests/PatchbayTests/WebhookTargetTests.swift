import Foundation
import PatchbayFakes
@testable import PatchbayServices
import PatchbayWire
import XCTest

/// Push delivery reaches only public addresses unless the operator allows local receivers: a
/// subscription's URL is checked as it is made, and the worker checks the addresses the name
/// resolves to when it connects, dead-lettering a refused delivery with the reason.
final class WebhookTargetTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var admin: String!
    var agent: FakeAgentReceiver!
    var worker: Task<Void, any Error>?

    override func setUp() async throws {
        agent = try await FakeAgentReceiver.start()
    }

    override func tearDown() async throws {
        worker?.cancel()
        _ = await worker?.result
        await agent.stop()
        try await host?.stop()
    }

    /// A host with a GitHub endpoint and an agent; answers (endpoint id, GitHub secret, agent id).
    func start(privateTargets: Bool) async throws -> (endpoint: String, secret: String, agent: String) {
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], privateWebhookTargets: privateTargets)
        key = try await host.key()
        admin = try await host.key(scopes: [.admin])
        let connection = try await host.request("POST", "/v1/connections", key: key,
                                                json: ["provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)]])
        let endpoint = try await host.createEndpoint(key: key, connection: try XCTUnwrap(connection.json["id"]?.stringValue))
        return (try XCTUnwrap(endpoint["id"]?.stringValue), try XCTUnwrap(endpoint["secret"]?.stringValue),
                try await host.createSubscriber(name: "triage-bot"))
    }

    func subscribe(endpoint: String, agent agentID: String, url: String) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/webhooks/subscriptions", key: key,
                               json: ["agent_id": .string(agentID), "endpoint_id": .string(endpoint), "url": .string(url)])
    }

    func sendIssue(endpoint: String, secret: String, delivery: String) async throws {
        let body = #"{"action":"opened","number":1}"#
        let reply = try await host.send("/hooks/github/\(endpoint)", headers: ProviderWebhooks.github(
            secret: secret, event: "issues", delivery: delivery, body: body), body: body)
        XCTAssertEqual(reply.status, 200, reply.body)
    }

    func testPrivateAndNonHTTPTargetsAreRefusedWhenTheSubscriptionIsMade() async throws {
        let (endpoint, _, agentID) = try await start(privateTargets: false)
        let refused = [
            "http://127.0.0.1:8080/hook", "http://localhost:8080/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/hook", "http://172.16.0.9/hook", "http://192.168.1.1/hook", "http://[::1]/hook",
            "http://[fe80::1]/hook", "http://[fd12:3456::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook",
            "http://224.0.0.1/hook", "http://2130706433/hook", "ftp://example.com/hook", "file:///etc/passwd", "example.com/hook",
            // The rest of the special-purpose registries, which the push side shares with the egress.
            "http://198.18.0.1/hook", "http://192.0.0.8/hook", "http://192.0.2.1/hook", "http://198.51.100.7/hook",
            "http://203.0.113.10/hook", "http://100.64.0.1/hook", "http://240.0.0.1/hook", "http://255.255.255.255/hook",
            "http://[2001:db8::1]/hook", "http://[64:ff9b:1::1]/hook", "http://[2002:a00:1::1]/hook", "http://[100::1]/hook",
            "http://[2001:2::1]/hook", "http://[::]/hook",
        ]
        for url in refused {
            let reply = try await subscribe(endpoint: endpoint, agent: agentID, url: url)
            XCTAssertEqual(reply.status, 400, "\(url): \(reply.body)")
            XCTAssertEqual(reply.errorCode, "validation_failed", url)
            XCTAssertEqual(reply.errorField, "url", url)
        }
        let metadata = try await subscribe(endpoint: endpoint, agent: agentID, url: "http://169.254.169.254/latest/meta-data/")
        XCTAssertTrue(metadata.body.contains("link-local"), metadata.body)
        XCTAssertTrue(metadata.body.contains("PATCHBAY_ALLOW_PRIVATE_WEBHOOK_TARGETS"), "the message names the opt-in")
        let listed = try await host.request("GET", "/v1/webhooks/subscriptions", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "nothing stored for a refused URL")

        let publicTarget = try await subscribe(endpoint: endpoint, agent: agentID, url: "https://93.184.215.14/hook")
        XCTAssertEqual(publicTarget.status, 201, publicTarget.body)
    }

    func testTheWorkerChecksTheResolvedAddressWhenItConnects() async throws {
        // Allowed when it was made (as a name that resolved publicly then would be); the worker,
        // without the opt-in, finds it resolves to loopback now.
        let (endpoint, secret, agentID) = try await start(privateTargets: true)
        let port = try XCTUnwrap(URL(string: agent.url)?.port)
        let made = try await subscribe(endpoint: endpoint, agent: agentID, url: "http://localhost:\(port)/agent/events")
        XCTAssertEqual(made.status, 201, made.body)
        worker = host.startDeliveryWorker { $0.allowPrivateTargets = false }
        try await sendIssue(endpoint: endpoint, secret: secret, delivery: "d-1")

        let dead = try await host.waitForDeliveries(key: admin, "status=dead") { $0.count == 1 }
        let id = try XCTUnwrap(dead.first?["id"]?.stringValue)
        let detail = try await host.request("GET", "/v1/webhooks/deliveries/\(id)", key: admin)
        XCTAssertEqual(detail.json["attempts"], 1, "refused once, not retried: \(detail.body)")
        let reason = detail.json["last_error"]?.stringValue ?? ""
        XCTAssertTrue(reason.hasPrefix("refused: "), reason)
        XCTAssertTrue(reason.contains("localhost resolves to 127.0.0.1 (loopback)"), reason)
        let attempts = detail.json["attempts_detail"]?.arrayValue ?? []
        XCTAssertEqual(attempts.count, 1)
        XCTAssertEqual(attempts.first?["status_code"], .null, "no HTTP exchange")
        XCTAssertEqual(attempts.first?["error"]?.stringValue, reason, "the attempt carries the reason")
        XCTAssertEqual(agent.requests.count, 0, "nothing reached the loopback receiver")
    }

    func testAWorkerAllowedLocalReceiversConnectsToTheAddressItChecked() async throws {
        let (endpoint, secret, agentID) = try await start(privateTargets: true)
        let port = try XCTUnwrap(URL(string: agent.url)?.port)
        let made = try await subscribe(endpoint: endpoint, agent: agentID, url: "http://localhost:\(port)/agent/events")
        XCTAssertEqual(made.status, 201, made.body)
        worker = host.startDeliveryWorker()
        try await sendIssue(endpoint: endpoint, secret: secret, delivery: "d-2")
        let pushed = await agent.waitForRequests(1)
        XCTAssertEqual(pushed.count, 1)
        XCTAssertEqual(pushed.first?.path, "/agent/events")
        _ = try await host.waitForDeliveries(key: admin, "status=succeeded") { $0.count == 1 }
    }

    func testProductionRequiresHTTPSUnlessAllowed() async throws {
        var settings = WebhookSettings()
        settings.production = true
        let strict = WebhookTargetPolicy(settings: settings)
        do {
            try await strict.validate("http://93.184.215.14/hook")
            XCTFail("plain http accepted in production")
        } catch let error as ServiceError {
            XCTAssertEqual(error.field, "url")
            XCTAssertTrue(error.message.contains("https"), error.message)
        }
        try await strict.validate("https://93.184.215.14/hook")
        try await strict.validate("https://unresolvable.invalid/hook")
        settings.allowHTTPTargets = true
        try await WebhookTargetPolicy(settings: settings).validate("http://93.184.215.14/hook")
    }
}
