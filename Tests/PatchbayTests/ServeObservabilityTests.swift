import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// Tracing and the JSON log on the real `patchbay serve`, configured by its flags: a caller's
/// `traceparent` continues into the upstream request and, through the stored event, into its
/// push deliveries, and the spans reach an OTLP collector; each API request is one JSON log
/// line that holds no secret. (The tracer and the log format are process-wide, so these run
/// in a process of their own.)
final class ServeObservabilityTests: XCTestCase {
    var fakes: FakeUpstreams!
    var collector: FakeCollector!
    var served: ServedHost!
    var directory: String!
    var log: String { directory + ".log" }
    var base: String!
    var key: String!

    override func setUp() async throws {
        fakes = try await FakeUpstreams.start()
        collector = try await FakeCollector.start()
        directory = NSTemporaryDirectory() + "patchbay-observe-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        served = ServedHost(directory: directory, environment: [
            "PATCHBAY_UPSTREAMS": fakes.upstreamsSetting, "PATCHBAY_INIT": "1",
            // The collector fake reads the JSON encoding; spans are sent every 100 ms.
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_BSP_SCHEDULE_DELAY": "100",
        ])
        // Retries a second apart, so a failed push is attempted again within the test.
        base = try served.start(log: log, arguments: ["--log-format", "json", "--otlp-endpoint", collector.url,
                                                      "--allow-private-webhook-targets", "--delivery-retry-base", "1"])
        key = try served.adminKey(account: "acme")
    }

    override func tearDown() async throws {
        served?.kill()
        await collector?.stop()
        await fakes?.stop()
        if let directory {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: log)
        }
    }

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let json: JSONValue
    }

    private func request(_ method: HTTPMethod, _ path: String, key: String? = nil, json: JSONValue? = nil,
                         headers: [String: String] = [:], body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json { request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(json))) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let json = (try? WireCoding.decode(JSONValue.self, from: Data(bytes.readableBytesView))) ?? .null
        return Reply(status: Int(response.status.code), headers: response.headers, json: json)
    }

    private func connect(_ provider: String, credentials: JSONValue) async throws -> String {
        let reply = try await request(.POST, "/v1/connections", key: key, json: ["provider": .string(provider), "credentials": credentials])
        return try XCTUnwrap(reply.json["id"]?.stringValue, "\(reply.status) \(reply.json)")
    }

    private static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// `version-trace_id-parent_id-flags`.
    private static func traceparent(_ header: String?) throws -> (traceID: String, parentID: String) {
        let parts = try XCTUnwrap(header, "no traceparent").split(separator: "-").map(String.init)
        XCTAssertEqual(parts.count, 4, header ?? "")
        XCTAssertEqual(parts.first, "00")
        return (parts[1], parts[2])
    }

    func testACallersTraceContinuesToTheUpstreamAndItsSpansReachTheCollector() async throws {
        let connection = try await connect("slack", credentials: ["bot_token": .string(FakeSlack.sandboxToken)])
        let traceID = Self.randomHex(16), callerSpan = Self.randomHex(8)
        let reply = try await request(.POST, "/v1/connections/\(connection)/actions/post_message/invoke", key: key,
                                      json: ["input": ["channel": "#general", "text": "traced"]],
                                      headers: ["traceparent": "00-\(traceID)-\(callerSpan)-01"])
        XCTAssertEqual(reply.status, 200, "\(reply.json)")

        // The upstream joins the caller's trace, as the child of a span of the host's.
        let sent = try XCTUnwrap(fakes.slack.requests.last { $0.path.hasSuffix("/chat.postMessage") })
        let upstream = try Self.traceparent(sent.headers["traceparent"])
        XCTAssertEqual(upstream.traceID, traceID)
        XCTAssertNotEqual(upstream.parentID, callerSpan)

        let route = "/v1/connections/{id}/actions/{action}/invoke"
        let spans = await collector.waitForTrace(traceID) { spans in
            Set([route, "plugin.invoke", "HTTP POST", "store.write"]).isSubset(of: Set(spans.map(\.name)))
        }
        let server = try XCTUnwrap(spans.first { $0.name == route }, "\(spans.map(\.name))")
        XCTAssertEqual(server.parentSpanID, callerSpan)
        XCTAssertEqual(server.attributes["http.response.status_code"], "200")
        let plugin = try XCTUnwrap(spans.first { $0.name == "plugin.invoke" })
        XCTAssertEqual(plugin.parentSpanID, server.spanID)
        XCTAssertEqual(plugin.attributes["patchbay.plugin"], "slack")
        let http = try XCTUnwrap(spans.first { $0.name == "HTTP POST" })
        XCTAssertEqual(http.parentSpanID, plugin.spanID, "the upstream request is the plugin call's child")
        XCTAssertEqual(http.spanID, upstream.parentID, "the upstream's parent is the request's span")
        XCTAssertEqual(http.attributes["patchbay.provider"], "slack")
        XCTAssertTrue(spans.contains { $0.name == "store.write" && $0.parentSpanID == server.spanID }, "\(spans)")
        // No credential in any span.
        XCTAssertFalse(spans.contains { $0.attributes.values.contains { $0.contains(FakeSlack.sandboxToken) } })
    }

    /// A GitHub endpoint whose events are pushed to `receiver`: the endpoint's id and secret.
    private func pushedEndpoint(to receiver: FakeAgentReceiver) async throws -> (id: String, secret: String) {
        let github = try await connect("github", credentials: ["token": .string(FakeGitHub.sandboxToken)])
        let endpoint = try await request(.POST, "/v1/webhooks/endpoints", key: key, json: ["connection_id": .string(github)]).json
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue, "\(endpoint)")
        let agent = try await request(.POST, "/v1/agents", key: key, json: ["name": "traced-bot"])
        let agentID = try XCTUnwrap(agent.json["id"]?.stringValue, "\(agent.json)")
        let subscription = try await request(.POST, "/v1/webhooks/subscriptions", key: key,
                                             json: ["agent_id": .string(agentID), "endpoint_id": .string(endpointID), "url": .string(receiver.url)])
        XCTAssertEqual(subscription.status, 201, "\(subscription.json)")
        return (endpointID, try XCTUnwrap(endpoint["secret"]?.stringValue))
    }

    /// Sends GitHub's `issues` webhook to the endpoint, with the caller's headers added.
    private func sendWebhook(_ endpoint: (id: String, secret: String), delivery: String, headers extra: [String: String] = [:]) async throws {
        let body = #"{"action":"opened","number":7}"#
        let headers = ProviderWebhooks.github(secret: endpoint.secret, event: "issues", delivery: delivery, body: body)
        let received = try await request(.POST, "/hooks/github/\(endpoint.id)", headers: headers.merging(extra) { $1 }, body: body)
        XCTAssertEqual(received.status, 200, "\(received.json)")
    }

    func testAPushDeliveryCarriesATraceparentOfItsSpan() async throws {
        let receiver = try await FakeAgentReceiver.start()
        defer { Task { await receiver.stop() } }
        try await sendWebhook(try await pushedEndpoint(to: receiver), delivery: "traced-1")

        let requests = await receiver.waitForRequests(1)
        let pushed = try XCTUnwrap(requests.first)
        let context = try Self.traceparent(pushed.headers["traceparent"])
        let spans = await collector.waitForTrace(context.traceID) { $0.contains { $0.name == "webhook.deliver" } }
        let deliver = try XCTUnwrap(spans.first { $0.name == "webhook.deliver" }, "\(collector.spans.map(\.name))")
        XCTAssertEqual(deliver.spanID, context.parentID)
        XCTAssertEqual(deliver.attributes["patchbay.delivery.outcome"], "succeeded")
    }

    /// The delivery worker pushes the event later, on its own task (on any replica), yet every
    /// attempt joins the trace of the webhook request that stored it: the agent's URL gets a
    /// `traceparent` of the caller's trace, and each delivery span is a child of the ingest
    /// request's span and links to it. A failed first attempt's retry does the same.
    func testAPushDeliveryAndItsRetryJoinTheTraceOfTheWebhookThatCausedThem() async throws {
        let receiver = try await FakeAgentReceiver.start()
        defer { Task { await receiver.stop() } }
        receiver.script([FakeAgentReceiver.Answer(status: 503)])
        let endpoint = try await pushedEndpoint(to: receiver)
        let traceID = Self.randomHex(16), callerSpan = Self.randomHex(8)
        try await sendWebhook(endpoint, delivery: "traced-2", headers: ["traceparent": "00-\(traceID)-\(callerSpan)-01"])

        let requests = await receiver.waitForRequests(2, timeout: .seconds(20))
        XCTAssertEqual(requests.count, 2, "the 503 was not retried")
        let pushed = try requests.map { try Self.traceparent($0.headers["traceparent"]) }
        XCTAssertEqual(pushed.map(\.traceID), [traceID, traceID], "a push left the webhook's trace")
        XCTAssertEqual(Set(requests.map { $0.headers["webhook-id"] }).count, 1, "one delivery, two attempts")

        let route = "/hooks/{provider}/{id}"
        let spans = await collector.waitForTrace(traceID) { spans in
            spans.contains { $0.name == route } && spans.filter { $0.name == "webhook.deliver" }.count == 2
        }
        let ingest = try XCTUnwrap(spans.first { $0.name == route }, "\(spans.map(\.name))")
        XCTAssertEqual(ingest.parentSpanID, callerSpan, "the ingest request continues the caller's trace")
        let deliveries = spans.filter { $0.name == "webhook.deliver" }
        XCTAssertEqual(deliveries.count, 2, "\(spans.map(\.name))")
        XCTAssertEqual(Set(deliveries.map(\.attributes["patchbay.delivery.outcome"])), ["retry", "succeeded"])
        for deliver in deliveries {
            XCTAssertEqual(deliver.parentSpanID, ingest.spanID, "a delivery is not the ingest span's child")
            XCTAssertEqual(deliver.links.map { [$0.traceID, $0.spanID] }, [[traceID, ingest.spanID]], "no link to the ingest span")
        }
        XCTAssertEqual(Set(pushed.map(\.parentID)), Set(deliveries.map(\.spanID)), "each push names its own attempt's span")
    }

    func testEachRequestIsOneJSONLogLineWithoutSecrets() async throws {
        let created = try await request(.POST, "/v1/connections", key: key,
                                        json: ["provider": "slack", "credentials": ["bot_token": .string(FakeSlack.sandboxToken)]],
                                        headers: ["X-Request-Id": "req-observe-1"])
        XCTAssertEqual(created.status, 201, "\(created.json)")
        XCTAssertEqual(created.headers.first(name: "x-request-id"), "req-observe-1")
        let unmatched = try await request(.GET, "/v1/no/such/thing", key: key, headers: ["X-Request-Id": "not a token {}"])
        XCTAssertEqual(unmatched.status, 404)
        let generated = try XCTUnwrap(unmatched.headers.first(name: "x-request-id"))
        XCTAssertNotEqual(generated, "not a token {}")
        let refused = try await request(.GET, "/v1/connections", key: "pb_wrong_" + Self.randomHex(16))
        XCTAssertEqual(refused.status, 401)

        let text = try String(contentsOfFile: log, encoding: .utf8)
        var lines: [JSONValue] = []
        for line in text.split(separator: "\n") {
            let parsed = try? WireCoding.decode(JSONValue.self, from: Data(line.utf8))
            XCTAssertNotNil(parsed?.objectValue, "not a JSON object: \(line)")
            if let parsed { lines.append(parsed) }
        }
        let requests = lines.filter { $0["message"] == "request" }
        XCTAssertEqual(requests.count, 3, "\(requests)")

        let create = try XCTUnwrap(requests.first { $0["request_id"] == "req-observe-1" })
        XCTAssertEqual(create["method"], "POST")
        XCTAssertEqual(create["route"], "/v1/connections")
        XCTAssertEqual(create["status"], 201)
        XCTAssertNotNil(create["duration_ms"]?.doubleValue, "\(create)")
        XCTAssertTrue(create["account"]?.stringValue?.hasPrefix("acct_") == true, "\(create)")
        XCTAssertTrue(create["key_id"]?.stringValue?.hasPrefix("key_") == true, "\(create)")
        XCTAssertEqual(create["level"], "info")
        XCTAssertNotNil(create["time"]?.stringValue)

        let miss = try XCTUnwrap(requests.first { $0["request_id"]?.stringValue == generated })
        XCTAssertEqual(miss["route"], "unmatched")
        XCTAssertEqual(miss["status"], 404)
        let anonymous = try XCTUnwrap(requests.first { $0["status"] == 401 })
        XCTAssertEqual(anonymous["route"], "/v1/connections")
        XCTAssertNil(anonymous["account"])

        // Neither the key in the Authorization header nor the credential in the body.
        XCTAssertFalse(text.contains(key), "the API key is in the log")
        XCTAssertFalse(text.contains(String(key.suffix(20))), "part of the API key is in the log")
        XCTAssertFalse(text.contains(FakeSlack.sandboxToken), "the credential is in the log")
        XCTAssertFalse(text.contains("pb_wrong_"), "a refused key is in the log")
    }
}
