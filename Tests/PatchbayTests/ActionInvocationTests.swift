import Foundation
import PatchbayClock
import PatchbayEgress
import PatchbayFakes
import PatchbayWire
import XCTest

/// Invoking Slack actions end to end: HTTP API → services → dlopened plugin → host egress →
/// fake Slack, and the execution record each call leaves.
final class ActionInvocationTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var connection: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key()
        connection = try await host.connectSlack(key: key)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func invoke(_ action: String, _ input: JSONValue) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection!)/actions/\(action)/invoke", key: key, json: ["input": input])
    }

    func testPostMessageReachesSlackAndIsRecorded() async throws {
        let reply = try await invoke("post_message", ["channel": "#general", "text": "Deploy finished"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["status"], "succeeded")
        XCTAssertEqual(reply.json["output"]?["channel"], "C0GENERAL")
        XCTAssertNotNil(reply.json["output"]?["ts"]?.stringValue)
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Deploy finished")
        let sent = try XCTUnwrap(host.fakes.slack.requests.last)
        XCTAssertEqual(sent.headers["authorization"], "Bearer \(FakeSlack.sandboxToken)")

        let id = try XCTUnwrap(reply.json["id"]?.stringValue)
        let execution = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(execution.json["status"], "succeeded")
        XCTAssertEqual(execution.json["action"], "post_message")
        let request = execution.json["requests"]?.arrayValue?.first
        XCTAssertEqual(request?["method"], "POST")
        XCTAssertEqual(request?["status"], 200)
        XCTAssertTrue(request?["url"]?.stringValue?.hasSuffix("/chat.postMessage") == true)
        XCTAssertFalse(execution.body.contains(FakeSlack.sandboxToken))
    }

    func testInputIsValidatedAgainstTheActionSchemaBeforeAnythingRuns() async throws {
        let before = host.fakes.slack.requests.count
        let cases: [(JSONValue, String)] = [
            (["channel": "C0GENERAL"], "input.text"),
            (["channel": 5, "text": "x"], "input.channel"),
            (["channel": "C0GENERAL", "text": "x", "colour": "red"], "input.colour"),
            (["channel": "", "text": "x"], "input.channel"),
        ]
        for (input, field) in cases {
            let reply = try await invoke("post_message", input)
            XCTAssertEqual(reply.status, 400, reply.body)
            XCTAssertEqual(reply.errorCode, "validation_failed")
            XCTAssertEqual(reply.errorField, field)
        }
        let notAnObject = try await host.request("POST", "/v1/connections/\(connection!)/actions/post_message/invoke",
                                                 key: key, body: #"{"input": "hello"}"#)
        XCTAssertEqual(notAnObject.status, 400)
        XCTAssertEqual(notAnObject.errorField, "input")
        let malformed = try await host.request("POST", "/v1/connections/\(connection!)/actions/post_message/invoke",
                                               key: key, body: #"{"input": {"#)
        XCTAssertEqual(malformed.errorCode, "malformed_json")
        XCTAssertEqual(host.fakes.slack.requests.count, before, "invalid input must never reach the provider")
        let reply1 = try await host.request("GET", "/v1/executions", key: key)
        XCTAssertEqual(reply1.json["data"]?.arrayValue?.count, 0)

        let unknownAction = try await invoke("delete_workspace", [:])
        XCTAssertEqual(unknownAction.status, 404)
        XCTAssertEqual(unknownAction.errorCode, "unknown_action")
        let unknownConnection = try await host.request("POST", "/v1/connections/conn_nope/actions/auth_test/invoke",
                                                       key: key, json: ["input": [:]])
        XCTAssertEqual(unknownConnection.status, 404)
    }

    func testSlackErrorsBecomeFailedExecutionsWithTheProvidersCode() async throws {
        let reply = try await invoke("post_message", ["channel": "C0NOWHERE", "text": "hello"])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(reply.errorCode, "channel_not_found")
        XCTAssertEqual(reply.json["error"]?["retryable"], false)
        let executionID = try XCTUnwrap(reply.json["error"]?["execution_id"]?.stringValue)
        let execution = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(execution.json["status"], "failed")
        XCTAssertEqual(execution.json["error"]?["code"], "channel_not_found")
        XCTAssertNotNil(execution.json["finished_at"]?.stringValue)

        host.fakes.slack.failNext(1, error: "internal_error")
        let transient = try await invoke("auth_test", [:])
        XCTAssertEqual(transient.errorCode, "internal_error")
        XCTAssertEqual(transient.json["error"]?["retryable"], true)
    }

    func testThrottlingIsRetriedAfterRetryAfterThenSucceeds() async throws {
        // On a clock only the test moves: the retry waits for exactly Retry-After of the host's time.
        let clock = ManualClock()
        try await host.stop()
        host = try await TestHost.start(clock: clock)
        key = try await host.key()
        connection = try await host.connectSlack(key: key)
        try await host.invokeThroughOneRetryAfter(connection, "auth_test", key: key, clock: clock, upstream: host.fakes.slack)
    }

    func testPersistentThrottlingIsATooManyRequestsWithARetryableError() async throws {
        host.fakes.slack.throttleNext(10, retryAfter: 120)
        let reply = try await invoke("auth_test", [:])
        XCTAssertEqual(reply.status, 429)
        XCTAssertEqual(reply.errorCode, "rate_limited")
        XCTAssertEqual(reply.json["error"]?["retryable"], true)
        host.fakes.slack.clearBehaviours()
    }

    func testAnUpstreamThatNeverAnswersIsATimeout() async throws {
        // Slack holds its answer until the test ends: only the host's timeout can end the call.
        let gate = host.fakes.slack.holdNext()
        defer { gate.release() }
        let reply = try await invoke("auth_test", [:])
        XCTAssertEqual(reply.status, 502)
        XCTAssertEqual(reply.errorCode, "upstream_timeout")
        let executionID = try XCTUnwrap(reply.json["error"]?["execution_id"]?.stringValue)
        let reply2 = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(reply2.json["error"]?["code"], "upstream_timeout")
    }

    /// The run is on record before its request reaches the provider, and shows as running
    /// until it ends: a call that never finishes (the host crashed, the provider hangs) still
    /// leaves a trace.
    func testACallInFlightIsOnRecordAsRunningBeforeItsRequestArrives() async throws {
        let gate = host.fakes.slack.holdNext()
        defer { gate.release() }
        let (calling, callKey, path) = (try XCTUnwrap(host), try XCTUnwrap(key), "/v1/connections/\(connection!)/actions/post_message/invoke")
        let call = Task { try await calling.request("POST", path, key: callKey, json: ["input": ["channel": "C0GENERAL", "text": "slow"]]) }
        try await eventually("the request to reach the fake Slack") { gate.isHolding }

        let running = try await host.request("GET", "/v1/executions?status=running", key: key)
        XCTAssertEqual(running.status, 200, running.body)
        let rows = try XCTUnwrap(running.json["data"]?.arrayValue)
        XCTAssertEqual(rows.count, 1, running.body)
        XCTAssertEqual(rows.first?["action"], "post_message")
        XCTAssertEqual(rows.first?["connection_id"]?.stringValue, connection)
        XCTAssertEqual(rows.first?["finished_at"], .null)

        gate.release()
        let reply = try await call.value
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["id"], rows.first?["id"])
        let after = try await host.request("GET", "/v1/executions?status=running", key: key)
        XCTAssertEqual(after.json["data"]?.arrayValue?.count, 0, after.body)
    }

    func testConcurrentCallsToASlowProviderDoNotQueueBehindEachOther() async throws {
        // 24 calls at once, each held by Slack until all 24 have reached it: that happens only
        // if the host opens a connection for each rather than queueing them on a few.
        let calls = 24
        let (host, connection, key) = (self.host!, self.connection!, self.key!)
        let gates = (0..<calls).map { _ in host.fakes.slack.holdNext() }
        defer { gates.forEach { $0.release() } }
        let all = Task {
            try await host.invokeAtOnce(connection, "post_message", key: key,
                                        inputs: (0..<calls).map { ##"{"channel":"#general","text":"call \##($0)"}"## })
        }
        try await eventually("every call to reach Slack while none is answered", within: .seconds(30)) {
            gates.allSatisfy(\.isHolding)
        }
        gates.forEach { $0.release() }
        let replies = try await all.value
        XCTAssertEqual(replies.map(\.status), Array(repeating: 200, count: calls))
    }

    func testListChannelsFollowsCursorsUpToTheLimit() async throws {
        let all = try await invoke("list_channels", ["types": ["public_channel", "private_channel"], "exclude_archived": false])
        XCTAssertEqual(all.status, 200, all.body)
        let everyChannel = all.json["output"]?["channels"]?.arrayValue ?? []
        XCTAssertEqual(everyChannel.count, host.fakes.slack.channels.count)
        XCTAssertEqual(all.json["output"]?["next_cursor"], .null)

        let limited = try await invoke("list_channels", ["limit": 3, "exclude_archived": false])
        let firstThree = limited.json["output"]?["channels"]?.arrayValue ?? []
        XCTAssertEqual(firstThree.count, 3)
        let cursor = try XCTUnwrap(limited.json["output"]?["next_cursor"]?.stringValue)
        let rest = try await invoke("list_channels", ["cursor": .string(cursor), "limit": 100, "exclude_archived": false])
        let ids = (firstThree + (rest.json["output"]?["channels"]?.arrayValue ?? [])).compactMap { $0["id"]?.stringValue }
        XCTAssertEqual(ids.count, Set(ids).count, "no channel twice across pages")

        let users = try await invoke("list_users", ["limit": 1000, "include_bots": false])
        let members = users.json["output"]?["users"]?.arrayValue ?? []
        XCTAssertEqual(members.count, host.fakes.slack.users.filter { !$0.isBot }.count)
        XCTAssertFalse(members.contains { $0["is_bot"] == true })
    }

    func testExecutionsListFiltersAndPages() async throws {
        _ = try await invoke("auth_test", [:])
        _ = try await invoke("post_message", ["channel": "C0NOWHERE", "text": "x"])
        _ = try await invoke("post_message", ["channel": "C0GENERAL", "text": "y"])
        let all = try await host.request("GET", "/v1/executions", key: key).json["data"]?.arrayValue ?? []
        XCTAssertEqual(all.compactMap { $0["action"]?.stringValue }, ["post_message", "post_message", "auth_test"])
        let failed = try await host.request("GET", "/v1/executions?status=failed", key: key).json["data"]?.arrayValue ?? []
        XCTAssertEqual(failed.count, 1)
        let posts = try await host.request("GET", "/v1/executions?action=post_message&connection_id=\(connection!)&limit=1", key: key)
        XCTAssertEqual(posts.json["data"]?.arrayValue?.count, 1)
        XCTAssertNotNil(posts.json["next_cursor"]?.stringValue)
        let reply3 = try await host.request("GET", "/v1/executions?status=done", key: key)
        XCTAssertEqual(reply3.status, 400)
        let reply4 = try await host.request("GET", "/v1/executions/exec_unknown", key: key)
        XCTAssertEqual(reply4.status, 404)
    }
}
