import Crypto
import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// `http_webhook` skills against a loopback receiver: each call is POSTed to the owner's URL
/// signed per Standard Webhooks with a secret the host made and showed once, the reply is
/// checked against the output schema, and the push side's target policy and timeout apply.
/// The host's clock is moved by hand: a call's timeout passes when the test says so.
final class WebhookSkillTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var receiver: FakeAgentReceiver!
    let clock = ManualClock()

    override func setUp() async throws {
        host = try await TestHost.start(plugins: [], clock: clock)
        key = try await host.key(scopes: TestHost.agentScopes)
        receiver = try await FakeAgentReceiver.start()
    }

    override func tearDown() async throws {
        try await host.stop()
        await receiver.stop()
    }

    func skillBody(url: String? = nil, timeoutMs: Int? = nil) -> JSONValue {
        var body: [String: JSONValue] = [
            "type": "http_webhook", "name": "weather", "description": "Today's temperature in a city.",
            "url": .string(url ?? receiver.url),
            "input_schema": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
            "output_schema": ["type": "object", "properties": ["temp": ["type": "number"]], "required": ["temp"]],
        ]
        if let timeoutMs { body["timeout_ms"] = .integer(Int64(timeoutMs)) }
        return .object(body)
    }

    /// A published agent with the weather skill; returns the agent and the skill's secret.
    func publishedSkill(timeoutMs: Int? = nil) async throws -> (agent: String, secret: String) {
        let agent = try await host.createAgent(key: key, name: "weather-bot")
        let added = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: skillBody(timeoutMs: timeoutMs))
        XCTAssertEqual(added.status, 201, added.body)
        _ = try await host.publish(key: key, agent: agent)
        return (agent, try XCTUnwrap(added.json["secret"]?.stringValue, added.body))
    }

    func testACallIsSignedPerStandardWebhooksAndTheReplyIsTheOutput() async throws {
        let (agent, secret) = try await publishedSkill()
        XCTAssertTrue(secret.hasPrefix("whsec_"), secret)
        receiver.script([FakeAgentReceiver.Answer(status: 200, headers: ["Content-Type": "application/json"], body: #"{"temp": 21.5}"#)])

        let called = try await host.invokeSkill(key: key, agent: agent, skill: "weather", ["input": ["city": "Oslo"], "tool_call_id": "call_w1"])
        XCTAssertEqual(called.status, 200, called.body)
        XCTAssertEqual(called.json["output"]?["temp"]?.doubleValue, 21.5)
        XCTAssertEqual(called.json["provider"], "http_webhook")
        XCTAssertEqual(called.json["tool_call_id"], "call_w1")
        let executionID = try XCTUnwrap(called.json["id"]?.stringValue)

        let sent = try XCTUnwrap(receiver.requests.first)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.headers["webhook-id"], executionID)
        let timestamp = try XCTUnwrap(Int(sent.headers["webhook-timestamp"] ?? ""))
        XCTAssertEqual(timestamp, Int(clock.wallMillis / 1000), "signed at the host's time")
        // Verified here from the secret alone, as a receiver would.
        let signingKey = SymmetricKey(data: try XCTUnwrap(Data(base64Encoded: String(secret.dropFirst("whsec_".count)))))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(executionID).\(timestamp).\(sent.body)".utf8), using: signingKey)
        XCTAssertEqual(sent.headers["webhook-signature"], "v1," + Data(mac).base64EncodedString())
        let payload = try WireCoding.decode(JSONValue.self, from: Data(sent.body.utf8))
        XCTAssertEqual(payload["type"], "skill.invoked")
        XCTAssertEqual(payload["data"]?["input"]?["city"], "Oslo")
        XCTAssertEqual(payload["data"]?["tool_call_id"], "call_w1")
        XCTAssertEqual(payload["data"]?["agent_id"]?.stringValue, agent)

        // Input outside the schema is refused before anything is sent.
        let refused = try await host.invokeSkill(key: key, agent: agent, skill: "weather", ["input": ["city": 5]])
        XCTAssertEqual(refused.status, 400, refused.body)
        XCTAssertEqual(receiver.requests.count, 1)

        let exported = try await host.request("GET", "/v1/agents/\(agent)/tools?format=openai", key: key)
        XCTAssertEqual(exported.json["tools"]?.arrayValue?.first?["function"]?["parameters"]?["required"], ["city"], exported.body)
        for path in ["/v1/agents/\(agent)/skills", "/v1/agents/\(agent)/versions/1", "/v1/executions/\(executionID)", "/v1/connections"] {
            let shown = try await host.request("GET", path, key: key)
            XCTAssertEqual(shown.status, 200, "\(path): \(shown.body)")
            XCTAssertFalse(shown.body.contains(String(secret.dropFirst("whsec_".count))), "\(path) showed the secret")
        }
    }

    func testAReplyOutsideTheOutputSchemaOrAnErrorStatusFailsTheExecution() async throws {
        let (agent, _) = try await publishedSkill()
        receiver.script([FakeAgentReceiver.Answer(status: 200, body: #"{"temp": "warm"}"#),
                         FakeAgentReceiver.Answer(status: 500, body: "boom")])
        let invalid = try await host.invokeSkill(key: key, agent: agent, skill: "weather", ["input": ["city": "Oslo"]])
        XCTAssertEqual(invalid.status, 502, invalid.body)
        XCTAssertEqual(invalid.errorCode, "invalid_output")
        let executionID = try XCTUnwrap(invalid.json["error"]?["execution_id"]?.stringValue, invalid.body)
        let execution = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(execution.json["status"], "failed", execution.body)

        let failed = try await host.invokeSkill(key: key, agent: agent, skill: "weather", ["input": ["city": "Oslo"]])
        XCTAssertEqual(failed.status, 502, failed.body)
        XCTAssertEqual(failed.errorCode, "webhook_http_error")
    }

    func testAnEndpointThatDoesNotAnswerInTimeFailsTheCallAtItsDeadline() async throws {
        // Shorter than the delivery worker's sweep, whose sleep on the same clock stays put meanwhile.
        let (agent, _) = try await publishedSkill(timeoutMs: 3_000)
        let endpoint = FakeGate()
        defer { endpoint.release() }
        receiver.script([FakeAgentReceiver.Answer(status: 200, gate: endpoint, body: #"{"temp": 1}"#)])
        let parked = clock.sleeperCount
        let call = Task { [host, key] in
            try await host!.invokeSkill(key: key!, agent: agent, skill: "weather", ["input": ["city": "Oslo"]])
        }
        defer { call.cancel() }
        let held = await endpoint.waitUntilHolding(1)
        XCTAssertTrue(held, "the endpoint never received the call")
        // The call's timeout is asleep on the host's clock.
        try await clock.sleepers(atLeast: parked + 1)

        clock.advance(by: .milliseconds(2_999))
        XCTAssertGreaterThanOrEqual(clock.sleeperCount, parked + 1, "the timeout woke before its deadline")
        let executions = try await host.request("GET", "/v1/executions", key: key)
        XCTAssertEqual(executions.json["data"]?.arrayValue?.first?["status"], "running", executions.body)

        clock.advance(by: .milliseconds(1))
        let reply = try await call.value
        XCTAssertEqual(reply.status, 502, reply.body)
        XCTAssertEqual(reply.errorCode, "upstream_timeout")
        let executionID = try XCTUnwrap(reply.json["error"]?["execution_id"]?.stringValue, reply.body)

        // The endpoint's late answer goes to a request the host already gave up: the outcome stands.
        endpoint.release()
        let execution = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(execution.json["status"], "failed", execution.body)
        XCTAssertEqual(execution.json["error"]?["code"], "upstream_timeout", execution.body)
        XCTAssertEqual(execution.json["duration_ms"], 3_000, "the call lasted its timeout of the host's clock: \(execution.body)")
        XCTAssertEqual(receiver.requests.count, 1, "the timed-out call was not sent again")
    }

    func testBadDefinitionsAndRefusedTargetsAreRefusedWithTheFieldNamed() async throws {
        let agent = try await host.createAgent(key: key, name: "weather-bot")
        var cases: [(JSONValue, String)] = []
        for (change, field) in [(["name": "no spaces"], "name"), (["description": ""], "description"), (["url": "ftp://x.example/"], "url"),
                                (["input_schema": "object"], "input_schema"), (["timeout_ms": 600_000], "timeout_ms"),
                                (["surprise": true], "surprise")] as [([String: JSONValue], String)] {
            var body = skillBody().objectValue ?? [:]
            for (key, value) in change { body[key] = value }
            cases.append((.object(body), field))
        }
        for (body, field) in cases {
            let reply = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(field): \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let intruder = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let foreign = try await host.request("POST", "/v1/agents/\(agent)/skills", key: intruder, json: skillBody())
        XCTAssertEqual(foreign.status, 404, foreign.body)

        // The push side's policy: with private targets refused, a loopback or metadata URL is too.
        let strict = try await TestHost.start(plugins: [], privateWebhookTargets: false)
        let strictKey = try await strict.key(scopes: TestHost.agentScopes)
        let strictAgent = try await strict.createAgent(key: strictKey, name: "weather-bot")
        for url in [receiver.url, "http://169.254.169.254/latest"] {
            let refused = try await strict.request("POST", "/v1/agents/\(strictAgent)/skills", key: strictKey, json: skillBody(url: url))
            XCTAssertEqual(refused.status, 400, refused.body)
            XCTAssertEqual(refused.errorField, "url", refused.body)
        }
        try await strict.stop()
    }
}
