import Foundation
import MCP
import PatchbayClock
import PatchbayFakes
import PatchbayModel
import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// MCP sessions on an agent's server: opened by initialize, bound to the account and agent,
/// told when the tool list changes, ended by DELETE, by idleness, and limited per account.
final class MCPSessionTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var agent: String!
    var slack: String!

    private func start(_ settings: MCPSessionSettings = MCPSessionSettings(), clock: (any HostClock)? = nil) async throws {
        host = try await TestHost.start(mcpSessions: settings, clock: clock)
        key = try await host.key(scopes: TestHost.agentScopes)
        slack = try await host.connectSlack(key: key)
        agent = try await publishedAgent(name: "support-bot")
    }

    private func publishedAgent(name: String) async throws -> String {
        try await publishedAgent(name: name, key: key, slack: slack)
    }

    private func publishedAgent(name: String, key: String, slack: String) async throws -> String {
        let id = try await host.createAgent(key: key, name: name)
        _ = try await host.request("POST", "/v1/agents/\(id)/provision", key: key,
                                   json: ["connection_id": .string(slack), "actions": ["post_message"]])
        _ = try await host.publish(key: key, agent: id)
        return id
    }

    /// Another account's key and its own published agent.
    private func otherAccount() async throws -> (key: String, agent: String) {
        let otherKey = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let otherSlack = try await host.connectSlack(key: otherKey)
        return (otherKey, try await publishedAgent(name: "globex-bot", key: otherKey, slack: otherSlack))
    }

    override func tearDown() async throws {
        try await host?.stop()
    }

    private func open() async throws -> String {
        let reply = try await host.mcpRequest("POST", agent: agent, key: key, json: TestHost.mcpInitialize)
        XCTAssertEqual(reply.status, 200, reply.body)
        return try XCTUnwrap(reply.headers["mcp-session-id"], reply.body)
    }

    private let listTools: JSONValue = ["jsonrpc": "2.0", "id": 2, "method": "tools/list"]

    func testAConnectedClientHearsOfNewVersionsAndSeesTheirTools() async throws {
        try await start()
        let (client, transport) = try await host.mcpClient(agent: agent, key: key)
        let session = await transport.sessionID
        XCTAssertTrue(session?.hasPrefix("mcps_") == true, "\(session ?? "no session")")
        let changes = ChangeCounter()
        await client.onNotification(ToolListChangedNotification.self) { _ in changes.add() }
        try await eventually("the event stream") { await transport.eventStreamOpen }

        let (before, _) = try await client.listTools()
        XCTAssertEqual(before.map(\.name), ["post_message"])
        let (posted, isError) = try await client.callTool(name: "post_message", arguments: ["channel": "C0GENERAL", "text": "in a session"])
        XCTAssertNotEqual(isError, true, "\(posted)")
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "in a session")

        _ = try await host.request("POST", "/v1/agents/\(agent!)/provision", key: key,
                                   json: ["connection_id": .string(slack), "actions": ["list_channels"]])
        XCTAssertEqual(changes.count, 0, "editing the draft changes nothing the runtime sees")
        _ = try await host.publish(key: key, agent: agent)
        try await eventually("list_changed after publish") { changes.count == 1 }
        let (after, _) = try await client.listTools()
        XCTAssertEqual(Set(after.map(\.name)), ["post_message", "list_channels"])

        let rollback = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: ["version": 1])
        XCTAssertEqual(rollback.status, 201, rollback.body)
        try await eventually("list_changed after rollback") { changes.count == 2 }
        let (rolledBack, _) = try await client.listTools()
        XCTAssertEqual(rolledBack.map(\.name), ["post_message"])

        // Another agent's publish is not this session's news: this agent's next change, made
        // after it, is the only one the session hears.
        let other = try await publishedAgent(name: "other-bot")
        _ = try await host.publish(key: key, agent: other)
        let forward = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: ["version": 2])
        XCTAssertEqual(forward.status, 201, forward.body)
        try await eventually("list_changed after the second rollback") { changes.count >= 3 }
        XCTAssertEqual(changes.count, 3, "the other agent's publish reached this session")

        let notifier = try XCTUnwrap(host.patchbay.notifier as? InProcessNotifier)
        // Besides the host's own listener for revoked keys, only the open session's.
        XCTAssertEqual(notifier.channelCount, 2)
        XCTAssertTrue(notifier.isListened(.apiKeyChanged))
        XCTAssertTrue(notifier.isListened(.agentLive(agent)), "the open session listens on its agent's channel")
        let ended = try await transport.terminate()
        XCTAssertEqual(ended, 200)
        try await eventually("the event stream to close") { await !(transport.eventStreamOpen) }
        try await eventually("the ended session to stop listening") { notifier.channelCount == 1 && !notifier.isListened(.agentLive(agent)) }
        let afterEnd = try await host.mcpRequest("POST", agent: agent, key: key, session: session, json: listTools)
        XCTAssertEqual(afterEnd.status, 404)
        XCTAssertEqual(afterEnd.errorCode, "mcp_session_not_found")
        await client.disconnect()
    }

    func testMissingUnknownAndForeignSessionIDsAreRefused() async throws {
        try await start()
        let session = try await open()

        let listed = try await host.mcpRequest("POST", agent: agent, key: key, session: session, json: listTools)
        XCTAssertEqual(listed.status, 200, listed.body)
        XCTAssertTrue(listed.body.contains("post_message"), listed.body)

        for method in ["POST", "GET", "DELETE"] {
            let missing = try await host.mcpRequest(method, agent: agent, key: key, json: method == "POST" ? listTools : nil)
            XCTAssertEqual(missing.status, 400, "\(method) \(missing.body)")
            XCTAssertEqual(missing.errorCode, "mcp_session_required", method)
        }
        let unknown = try await host.mcpRequest("POST", agent: agent, key: key, session: "mcps_nope", json: listTools)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "mcp_session_not_found")

        // Another account's key, on its own agent, with this session's id.
        let (otherKey, otherAgent) = try await otherAccount()
        let foreign = try await host.mcpRequest("POST", agent: otherAgent, key: otherKey, session: session, json: listTools)
        XCTAssertEqual(foreign.status, 404, foreign.body)
        XCTAssertEqual(foreign.errorCode, "mcp_session_not_found")
        let foreignDelete = try await host.mcpRequest("DELETE", agent: otherAgent, key: otherKey, session: session)
        XCTAssertEqual(foreignDelete.status, 404)
        // The same account's other agent cannot use it either.
        let sibling = try await publishedAgent(name: "sibling-bot")
        let crossAgent = try await host.mcpRequest("POST", agent: sibling, key: key, session: session, json: listTools)
        XCTAssertEqual(crossAgent.status, 404)

        // Another key of the same account may carry on the session.
        let runtimeKey = try await host.key(scopes: [.skillsInvoke])
        let sameAccount = try await host.mcpRequest("POST", agent: agent, key: runtimeKey, session: session, json: listTools)
        XCTAssertEqual(sameAccount.status, 200, sameAccount.body)

        let badAccept = try await host.request("POST", "/v1/agents/\(agent!)/mcp", key: key, json: TestHost.mcpInitialize)
        XCTAssertEqual(badAccept.status, 406, "a client that cannot read SSE is told so: \(badAccept.body)")

        let ended = try await host.mcpRequest("DELETE", agent: agent, key: key, session: session)
        XCTAssertEqual(ended.status, 200, ended.body)
        let again = try await host.mcpRequest("DELETE", agent: agent, key: key, session: session)
        XCTAssertEqual(again.status, 404)
    }

    func testIdleSessionsExpireAndEachAccountHoldsALimitedNumber() async throws {
        // The host's clock: sessions are used and go idle by it.
        let clock = ManualClock()
        var settings = MCPSessionSettings()
        settings.idleTimeout = .seconds(600)
        settings.maxPerAccount = 2
        try await start(settings, clock: clock)
        let first = try await open()
        _ = try await open()
        let refused = try await host.mcpRequest("POST", agent: agent, key: key, json: TestHost.mcpInitialize)
        XCTAssertEqual(refused.status, 429, refused.body)
        XCTAssertEqual(refused.errorCode, "mcp_session_limit")
        let (otherKey, otherAgent) = try await otherAccount()
        let elsewhere = try await host.mcpRequest("POST", agent: otherAgent, key: otherKey, json: TestHost.mcpInitialize)
        XCTAssertEqual(elsewhere.status, 200, "the limit is per account: \(elsewhere.body)")

        // Just short of the timeout the session is still open; just past it, it is gone.
        clock.advance(by: .milliseconds(600_000 - 1))
        let kept = try await host.mcpRequest("POST", agent: agent, key: key, session: first, json: listTools)
        XCTAssertEqual(kept.status, 200, kept.body)
        clock.advance(by: .milliseconds(600_000 + 1))
        let expired = try await host.mcpRequest("POST", agent: agent, key: key, session: first, json: listTools)
        XCTAssertEqual(expired.status, 404)
        XCTAssertEqual(expired.errorCode, "mcp_session_not_found")
        _ = try await open()
    }
}

/// Counts notifications a client's handler receives.
/// Unchecked because `lock` guards `value`, which the compiler cannot see.
private final class ChangeCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
