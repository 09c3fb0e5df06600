import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayWire
import XCTest

/// `Idempotency-Key` on the POSTs that change something: a repeat gets the first answer and the
/// upstream (the fake Slack, counting what it receives) is called once, also while the first
/// request is still running; a key reused with another request is refused; keys expire.
final class IdempotencyTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var slack: String!
    /// The host's: a repeat waiting for a running request is seen asleep on it.
    let clock = ManualClock()

    override func setUp() async throws {
        host = try await TestHost.start(clock: clock)
        key = try await host.key(scopes: TestHost.agentScopes)
        slack = try await host.connectSlack(key: key)
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    var invokePath: String { "/v1/connections/\(slack!)/actions/post_message/invoke" }

    /// Requests to `chat.postMessage` the fake Slack has received, answered or refused.
    var postCalls: Int { host.fakes.slack.requests.filter { $0.path.hasSuffix("chat.postMessage") }.count }

    func post(_ body: String, idempotencyKey: String?, key: String? = nil, path: String? = nil) async throws -> TestHost.Reply {
        try await host.request("POST", path ?? invokePath, key: key ?? self.key, body: body,
                               headers: idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:])
    }

    func testARepeatGetsTheFirstAnswerByteForByteAndTheUpstreamIsCalledOnce() async throws {
        let body = ##"{"input": {"channel": "#general", "text": "deploy 41"}}"##
        let first = try await post(body, idempotencyKey: "retry-1")
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertNil(first.headers["idempotent-replayed"])
        // The same object spelled otherwise (key order, spacing) is the same request.
        let repeated = try await post(##"{"input":{"text":"deploy 41","channel":"#general"}}"##, idempotencyKey: "retry-1")
        XCTAssertEqual(repeated.status, 200, repeated.body)
        XCTAssertEqual(repeated.body, first.body)
        XCTAssertEqual(repeated.headers["idempotent-replayed"], "true")
        XCTAssertEqual(repeated.headers["content-type"], first.headers["content-type"])
        XCTAssertEqual(postCalls, 1)
        XCTAssertEqual(host.fakes.slack.postedMessages.map(\.text), ["deploy 41"])

        let executions = try await host.request("GET", "/v1/executions?connection_id=\(slack!)", key: key)
        XCTAssertEqual(executions.json["data"]?.arrayValue?.map { $0["id"] }, [first.json["id"]], "a repeat recorded a second run")

        // Without a key, or with another one, the same request runs again.
        let unkeyed = try await post(body, idempotencyKey: nil)
        let otherKey = try await post(body, idempotencyKey: "retry-2")
        XCTAssertNotEqual(unkeyed.json["id"], first.json["id"])
        XCTAssertNotEqual(otherKey.json["id"], first.json["id"])
        XCTAssertEqual(postCalls, 3)
    }

    /// A refusal by the provider is an answer too: the repeat gets it, with the same execution
    /// id, and the provider is not asked again.
    func testAFailedCallIsRepeatedAsItFailedWithoutCallingAgain() async throws {
        host.fakes.slack.failNext(1, error: "channel_not_found")
        let body = ##"{"input": {"channel": "#nowhere", "text": "hello"}}"##
        let first = try await post(body, idempotencyKey: "failing")
        XCTAssertEqual(first.status, 422, first.body)
        let execution = try XCTUnwrap(first.json["error"]?["execution_id"]?.stringValue)
        let repeated = try await post(body, idempotencyKey: "failing")
        XCTAssertEqual(repeated.status, 422)
        XCTAssertEqual(repeated.json["error"]?["execution_id"]?.stringValue, execution)
        XCTAssertEqual(repeated.body, first.body)
        XCTAssertEqual(postCalls, 1)
    }

    /// The agent's framework times out and retries while the first call still waits on Slack:
    /// the retry waits for it and answers with its execution.
    func testARepeatWhileTheFirstIsRunningWaitsForItsAnswer() async throws {
        // Locals, so the calls, left running, capture no test case.
        let (host, key, path) = (try XCTUnwrap(self.host), try XCTUnwrap(self.key), invokePath)
        let slow = host.fakes.slack.holdNext()
        defer { slow.release() }
        let body = ##"{"input": {"channel": "#general", "text": "slow one"}}"##
        let headers = ["Idempotency-Key": "in-flight"]
        async let first = host.request("POST", path, key: key, body: body, headers: headers)
        let reached = await slow.waitUntilHolding(1)
        XCTAssertTrue(reached, "the first call did not reach Slack")
        async let repeated = host.request("POST", path, key: key, body: body, headers: headers)
        // The repeat finds the key taken and waits for the first's answer, asleep on the clock
        // for its next look at the key; the clock never moves, so only the answer wakes it.
        try await clock.sleeper(dueIn: IdempotencySettings().pollInterval)
        slow.release()
        let original = try await first
        let repeatedReply = try await repeated
        XCTAssertEqual(original.status, 200, original.body)
        XCTAssertEqual(repeatedReply.status, 200, repeatedReply.body)
        XCTAssertEqual(repeatedReply.headers["idempotent-replayed"], "true")
        XCTAssertEqual(repeatedReply.json["id"], original.json["id"])
        XCTAssertEqual(repeatedReply.body, original.body)
        XCTAssertEqual(postCalls, 1)
        XCTAssertEqual(host.fakes.slack.postedMessages.map(\.text), ["slow one"])
    }

    func testTheSameKeyWithAnotherRequestIsRefusedWith422() async throws {
        let first = try await post(##"{"input": {"channel": "#general", "text": "one"}}"##, idempotencyKey: "reused")
        XCTAssertEqual(first.status, 200, first.body)
        let otherBody = try await post(##"{"input": {"channel": "#general", "text": "two"}}"##, idempotencyKey: "reused")
        XCTAssertEqual(otherBody.status, 422, otherBody.body)
        XCTAssertEqual(otherBody.errorCode, "idempotency_key_reused")
        XCTAssertEqual(otherBody.errorField, "Idempotency-Key")
        let otherRoute = try await post(##"{"input": {"channel": "#general", "text": "one"}}"##, idempotencyKey: "reused",
                                        path: "/v1/connections/\(slack!)/actions/auth_test/invoke")
        XCTAssertEqual(otherRoute.status, 422, otherRoute.body)
        XCTAssertEqual(otherRoute.errorCode, "idempotency_key_reused")
        XCTAssertEqual(postCalls, 1)
    }

    /// Keys are the account's own: another account's request with the same key runs.
    func testKeysAreApartByAccount() async throws {
        let otherKey = try await host.key(account: "globex")
        let otherSlack = try await host.connectSlack(key: otherKey)
        let body = ##"{"input": {"channel": "#general", "text": "same text"}}"##
        let ours = try await post(body, idempotencyKey: "shared-name")
        let theirs = try await post(body, idempotencyKey: "shared-name", key: otherKey,
                                    path: "/v1/connections/\(otherSlack)/actions/post_message/invoke")
        XCTAssertEqual(ours.status, 200, ours.body)
        XCTAssertEqual(theirs.status, 200, theirs.body)
        XCTAssertNil(theirs.headers["idempotent-replayed"])
        XCTAssertNotEqual(theirs.json["id"], ours.json["id"])
        XCTAssertEqual(postCalls, 2)
    }

    func testMalformedKeysAreRefusedBeforeAnythingRuns() async throws {
        let body = ##"{"input": {"channel": "#general", "text": "x"}}"##
        for bad in [String(repeating: "k", count: 256), "with space", "tab\tkey"] {
            let reply = try await post(body, idempotencyKey: bad)
            XCTAssertEqual(reply.status, 400, "\(bad): \(reply.body)")
            XCTAssertEqual(reply.errorField, "Idempotency-Key")
        }
        // Bad input under a good key is answered, kept, and answered again the same way.
        let malformed = try await post(##"{"input": "##, idempotencyKey: "broken-body")
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(malformed.errorCode, "malformed_json")
        let again = try await post(##"{"input": "##, idempotencyKey: "broken-body")
        XCTAssertEqual(again.body, malformed.body)
        XCTAssertEqual(postCalls, 0)
    }

    /// A connection created with a key is created once; the repeat names the same connection.
    func testConnectionCreateIsIdempotent() async throws {
        let body = ##"{"provider": "slack", "label": "Retried", "credentials": {"bot_token": "xoxb-sandbox"}}"##
        let first = try await post(body, idempotencyKey: "connect-1", path: "/v1/connections")
        let repeated = try await post(body, idempotencyKey: "connect-1", path: "/v1/connections")
        XCTAssertEqual(first.status, 201, first.body)
        XCTAssertEqual(repeated.status, 201, repeated.body)
        XCTAssertEqual(repeated.json["id"], first.json["id"])
        let listed = try await host.request("GET", "/v1/connections?limit=200", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.filter { $0["label"] == "Retried" }.count, 1)
    }

    /// A skill call that pauses for approval, and its approval, each retried: the retry of the
    /// call names the same paused execution, and the retry of the approval gets the approval's
    /// answer rather than "not awaiting approval"; Slack is called once.
    func testASkillCallAndItsApprovalAreIdempotent() async throws {
        let agent = try await host.createAgent(key: key)
        let skill = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
            "name": "post_anywhere", "connection_id": .string(slack), "action": "post_message", "requires_approval": true,
        ])
        XCTAssertEqual(skill.status, 201, skill.body)
        _ = try await host.publish(key: key, agent: agent)
        let call = ##"{"input": {"channel": "C0GENERAL", "text": "approved once"}}"##
        let callPath = "/v1/agents/\(agent)/skills/post_anywhere/invoke"
        let paused = try await post(call, idempotencyKey: "skill-call", path: callPath)
        let pausedAgain = try await post(call, idempotencyKey: "skill-call", path: callPath)
        XCTAssertEqual(paused.status, 202, paused.body)
        XCTAssertEqual(pausedAgain.status, 202, pausedAgain.body)
        let execution = try XCTUnwrap(paused.json["id"]?.stringValue)
        XCTAssertEqual(pausedAgain.json["id"]?.stringValue, execution)

        let decision = ##"{"decision": "approve"}"##
        let approved = try await post(decision, idempotencyKey: "approve-1", path: "/v1/executions/\(execution)/continue")
        let approvedAgain = try await post(decision, idempotencyKey: "approve-1", path: "/v1/executions/\(execution)/continue")
        XCTAssertEqual(approved.status, 200, approved.body)
        XCTAssertEqual(approved.json["status"], "succeeded")
        XCTAssertEqual(approvedAgain.status, 200, approvedAgain.body)
        XCTAssertEqual(approvedAgain.body, approved.body)
        let unkeyed = try await post(decision, idempotencyKey: nil, path: "/v1/executions/\(execution)/continue")
        XCTAssertEqual(unkeyed.status, 409, "without a key the second approval is refused as it always was")
        XCTAssertEqual(postCalls, 1)
    }

    /// The document declares the header on exactly the POSTs that change something; the MCP
    /// route's `tools/call` answers a reused key with a JSON-RPC error rather than a 422.
    func testTheDocumentDeclaresTheHeaderOnTheSideEffectingPosts() async throws {
        let document = try await host.request("GET", "/openapi.json").json
        var declared: [String] = []
        for (path, operations) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in operations.objectValue ?? [:] {
                let names = operation["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                if names.contains("Idempotency-Key") {
                    declared.append("\(method.uppercased()) \(path)")
                    if !path.hasSuffix("/mcp") {
                        XCTAssertNotNil(operation["responses"]?["422"], "\(path) does not document idempotency_key_reused")
                    }
                }
            }
        }
        XCTAssertEqual(declared.sorted(), [
            "POST /v1/agents/{id}/mcp", "POST /v1/agents/{id}/skills/{name}/invoke", "POST /v1/connections",
            "POST /v1/connections/{id}/actions/{action}/invoke", "POST /v1/executions/{id}/continue",
            "POST /v1/webhooks/events/{id}/replay",
        ])
    }
}

/// Keys expire after their lifetime, by the host's clock: the same key then starts a new request.
final class IdempotencyExpiryTests: XCTestCase {
    func testAKeyPastItsLifetimeRunsAgain() async throws {
        let clock = ManualClock()
        var settings = IdempotencySettings()
        settings.lifetime = .seconds(1)
        let host = try await TestHost.start(idempotency: settings, clock: clock)
        do {
            let key = try await host.key()
            let slack = try await host.connectSlack(key: key)
            let path = "/v1/connections/\(slack)/actions/post_message/invoke"
            let body: JSONValue = ["input": ["channel": "#general", "text": "daily report"]]
            let first = try await host.request("POST", path, key: key, json: body, headers: ["Idempotency-Key": "daily"])
            let repeated = try await host.request("POST", path, key: key, json: body, headers: ["Idempotency-Key": "daily"])
            XCTAssertEqual(repeated.json["id"], first.json["id"])
            // 1 ms short of the lifetime the answer is still sent again; at the lifetime the key is free.
            clock.advance(by: .milliseconds(999))
            let kept = try await host.request("POST", path, key: key, json: body, headers: ["Idempotency-Key": "daily"])
            XCTAssertEqual(kept.json["id"], first.json["id"], kept.body)
            XCTAssertEqual(kept.headers["idempotent-replayed"], "true")
            clock.advance(by: .milliseconds(1))
            let later = try await host.request("POST", path, key: key, json: body, headers: ["Idempotency-Key": "daily"])
            XCTAssertEqual(later.status, 200, later.body)
            XCTAssertNil(later.headers["idempotent-replayed"])
            XCTAssertNotEqual(later.json["id"], first.json["id"])
            XCTAssertEqual(host.fakes.slack.postedMessages.count, 2)
        } catch {
            try await host.stop()
            throw error
        }
        try await host.stop()
    }
}
