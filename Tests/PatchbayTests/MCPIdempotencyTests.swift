import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// `Idempotency-Key` on an agent's MCP `tools/call`: a repeat (any JSON-RPC id) gets the first
/// call's outcome under its own id and the upstream is called once; another call with the key
/// is a JSON-RPC error that says why; other methods ignore the header.
final class MCPIdempotencyTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var agent: String!
    var session: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
        let slack = try await host.connectSlack(key: key)
        agent = try await host.createAgent(key: key)
        _ = try await host.request("POST", "/v1/agents/\(agent!)/provision", key: key,
                                   json: ["connection_id": .string(slack), "actions": ["post_message"]])
        _ = try await host.publish(key: key, agent: agent)
        let opened = try await host.mcpRequest("POST", agent: agent, key: key, json: TestHost.mcpInitialize)
        session = try XCTUnwrap(opened.headers["mcp-session-id"], opened.body)
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    private func call(id: Int, text: String, idempotencyKey: String?) async throws -> TestHost.Reply {
        try await Self.call(on: host, agent: agent, key: key, session: session, id: id, text: text, idempotencyKey: idempotencyKey)
    }

    /// A `tools/call` of `post_message` in `session`; static, so concurrent calls capture no test case.
    private static func call(on host: TestHost, agent: String, key: String, session: String,
                             id: Int, text: String, idempotencyKey: String?) async throws -> TestHost.Reply {
        try await host.mcpRequest(
            "POST", agent: agent, key: key, session: session,
            json: ["jsonrpc": "2.0", "id": .integer(Int64(id)), "method": "tools/call",
                   "params": ["name": "post_message", "arguments": ["channel": "C0GENERAL", "text": .string(text)]]],
            headers: idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:])
    }

    func testARepeatedCallReplaysTheFirstOutcomeUnderItsOwnIdAndCallsTheUpstreamOnce() async throws {
        let before = host.fakes.slack.postedMessages.count
        let first = try await call(id: 10, text: "once", idempotencyKey: "retry-1")
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(first.json["id"], 10)
        XCTAssertNotNil(first.json["result"], first.body)
        XCTAssertNil(first.headers["idempotent-replayed"])

        let repeated = try await call(id: 11, text: "once", idempotencyKey: "retry-1")
        XCTAssertEqual(repeated.status, 200, repeated.body)
        XCTAssertEqual(repeated.json["id"], 11, "the repeat's own JSON-RPC id")
        XCTAssertEqual(repeated.json["result"], first.json["result"])
        XCTAssertEqual(repeated.headers["idempotent-replayed"], "true")
        XCTAssertEqual(host.fakes.slack.postedMessages.count, before + 1, "the upstream was called again")

        let other = try await call(id: 12, text: "something else", idempotencyKey: "retry-1")
        XCTAssertEqual(other.json["id"], 12)
        XCTAssertEqual(other.json["error"]?["data"]?["code"], "idempotency_key_reused", other.body)
        XCTAssertTrue(other.json["error"]?["message"]?.stringValue?.contains("another request") == true, other.body)
        XCTAssertEqual(host.fakes.slack.postedMessages.count, before + 1)

        let badKey = try await call(id: 13, text: "once", idempotencyKey: "has space")
        XCTAssertEqual(badKey.json["error"]?["data"]?["code"], "validation_failed", badKey.body)

        // Without the header every call runs; other methods ignore it.
        _ = try await call(id: 14, text: "once", idempotencyKey: nil)
        XCTAssertEqual(host.fakes.slack.postedMessages.count, before + 2)
        let listed = try await host.mcpRequest("POST", agent: agent, key: key, session: session,
                                               json: ["jsonrpc": "2.0", "id": 15, "method": "tools/list"],
                                               headers: ["Idempotency-Key": "retry-1"])
        XCTAssertEqual(listed.status, 200, listed.body)
        XCTAssertTrue(listed.body.contains("post_message"), listed.body)
    }

    func testConcurrentRepeatsWaitForTheFirstAndTheToolRunsOnce() async throws {
        // Locals, so the concurrent calls capture no test case.
        let (host, agent, key, session) = (try XCTUnwrap(self.host), try XCTUnwrap(self.agent), try XCTUnwrap(self.key), try XCTUnwrap(self.session))
        let before = host.fakes.slack.postedMessages.count
        let replies = try await withThrowingTaskGroup(of: TestHost.Reply.self) { group in
            for id in 20..<24 {
                group.addTask {
                    try await MCPIdempotencyTests.call(on: host, agent: agent, key: key, session: session,
                                                       id: id, text: "together", idempotencyKey: "burst")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(Set(replies.compactMap { $0.json["id"]?.intValue }), [20, 21, 22, 23])
        let results = replies.map { $0.json["result"] }
        XCTAssertTrue(results.allSatisfy { $0 != nil && $0 == results[0] }, replies.map(\.body).joined(separator: "\n"))
        XCTAssertEqual(replies.filter { $0.headers["idempotent-replayed"] == "true" }.count, 3)
        XCTAssertEqual(host.fakes.slack.postedMessages.count, before + 1)
    }
}
