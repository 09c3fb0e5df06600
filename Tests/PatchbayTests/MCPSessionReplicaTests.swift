import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// MCP sessions on two replicas of one host: two `TestHost`s, each with its own `SQLiteStore`
/// object on the same database file (as two processes would open it) and its own HTTP server.
/// They share one `InProcessNotifier`, standing in for the PostgreSQL notifier that replicas
/// share across processes (the replicas test covers that one); everything else a session
/// needs crosses between them through the store alone.
final class MCPSessionReplicaTests: XCTestCase {
    var first: TestHost!
    var second: TestHost!
    var key: String!
    var agent: String!
    var slack: String!

    private func start(_ settings: MCPSessionSettings = MCPSessionSettings()) async throws {
        first = try await TestHost.start(mcpSessions: settings)
        second = try await TestHost.start(mcpSessions: settings, reusing: first)
        key = try await first.key(scopes: TestHost.agentScopes)
        slack = try await first.connectSlack(key: key)
        agent = try await publishedAgent(key: key, slack: slack)
    }

    private func publishedAgent(key: String, slack: String) async throws -> String {
        let id = try await first.createAgent(key: key)
        _ = try await first.request("POST", "/v1/agents/\(id)/provision", key: key,
                                    json: ["connection_id": .string(slack), "actions": ["post_message"]])
        _ = try await first.publish(key: key, agent: id)
        return id
    }

    override func tearDown() async throws {
        // The replica shares the first host's data directory and fakes, which `stop` removes.
        try await second?.stopServer()
        try await first?.stop()
    }

    private func open(on host: TestHost, key: String? = nil, agent: String? = nil) async throws -> TestHost.Reply {
        try await host.mcpRequest("POST", agent: agent ?? self.agent, key: key ?? self.key, json: TestHost.mcpInitialize)
    }

    private func session(on host: TestHost) async throws -> String {
        let reply = try await open(on: host)
        XCTAssertEqual(reply.status, 200, reply.body)
        return try XCTUnwrap(reply.headers["mcp-session-id"], reply.body)
    }

    private func listTools(on host: TestHost, session: String) async throws -> TestHost.Reply {
        try await host.mcpRequest("POST", agent: agent, key: key, session: session,
                                  json: ["jsonrpc": "2.0", "id": 2, "method": "tools/list"])
    }

    func testASessionOpenedOnOneReplicaCarriesOnOnTheOtherAndHearsPublishesMadeThere() async throws {
        try await start()
        let session = try await session(on: first)

        let clock = ContinuousClock()
        var listed: TestHost.Reply!
        let restoring = try await clock.measure { listed = try await listTools(on: second, session: session) }
        XCTAssertEqual(listed.status, 200, "the other replica does not know the session: \(listed.body)")
        let restored = try await clock.measure { _ = try await listTools(on: second, session: session) }
        print("tools/list on a replica new to the session: \(restoring.formatted(.units(allowed: [.milliseconds]))), "
              + "then \(restored.formatted(.units(allowed: [.milliseconds])))")
        XCTAssertTrue(listed.body.contains("post_message"), listed.body)
        XCTAssertEqual(listed.headers["mcp-session-id"], session)
        let called = try await second.mcpRequest(
            "POST", agent: agent, key: key, session: session,
            json: ["jsonrpc": "2.0", "id": 3, "method": "tools/call",
                   "params": ["name": "post_message", "arguments": ["channel": "C0GENERAL", "text": "from the other replica"]]])
        XCTAssertEqual(called.status, 200, called.body)
        XCTAssertEqual(first.fakes.slack.postedMessages.last?.text, "from the other replica")
        let back = try await listTools(on: first, session: session)
        XCTAssertEqual(back.status, 200, back.body)

        // The client's event stream lands on the second replica; a publish through the first reaches it.
        let events = EventStream(host: second, agent: agent, key: key, session: session)
        defer { events.cancel() }
        try await eventually("the event stream to open") { events.status == 200 }
        _ = try await first.request("POST", "/v1/agents/\(agent!)/provision", key: key,
                                    json: ["connection_id": .string(slack), "actions": ["list_channels"]])
        _ = try await first.publish(key: key, agent: agent)
        try await eventually("tools/list_changed on the other replica's stream") {
            events.text.contains("notifications/tools/list_changed")
        }
        let after = try await listTools(on: second, session: session)
        XCTAssertTrue(after.body.contains("list_channels"), after.body)
    }

    func testDeletingOnOneReplicaEndsTheSessionOnTheOther() async throws {
        var settings = MCPSessionSettings()
        // Short enough that a replica holding an event stream checks the session often.
        settings.idleTimeout = .seconds(2)
        try await start(settings)
        let session = try await session(on: first)
        let listed = try await listTools(on: first, session: session)
        XCTAssertEqual(listed.status, 200, listed.body)
        let events = EventStream(host: first, agent: agent, key: key, session: session)
        defer { events.cancel() }
        try await eventually("the event stream to open") { events.status == 200 }
        // Another account naming the session is refused, and ends nothing of it.
        let otherKey = try await first.key(account: "globex", scopes: TestHost.agentScopes)
        let otherAgent = try await publishedAgent(key: otherKey, slack: try await first.connectSlack(key: otherKey))
        let foreign = try await first.mcpRequest("POST", agent: otherAgent, key: otherKey, session: session,
                                                 json: ["jsonrpc": "2.0", "id": 2, "method": "tools/list"])
        XCTAssertEqual(foreign.status, 404, foreign.body)
        let stillListed = try await listTools(on: first, session: session)
        XCTAssertEqual(stillListed.status, 200, stillListed.body)
        XCTAssertFalse(events.ended, "another account's request closed the session's event stream")

        let ended = try await second.mcpRequest("DELETE", agent: agent, key: key, session: session)
        XCTAssertEqual(ended.status, 200, ended.body)
        // With no request of its own, the replica holding the stream finds the session gone.
        try await eventually("the first replica to close the ended session's event stream") { events.ended }
        let gone = try await listTools(on: first, session: session)
        XCTAssertEqual(gone.status, 404, "the replica that opened the session still serves it: \(gone.body)")
        XCTAssertEqual(gone.errorCode, "mcp_session_not_found")
        let again = try await second.mcpRequest("DELETE", agent: agent, key: key, session: session)
        XCTAssertEqual(again.status, 404)
    }

    func testAnEventStreamHeldOnOneReplicaKeepsTheSessionFromExpiringOnTheOther() async throws {
        var settings = MCPSessionSettings()
        settings.idleTimeout = .seconds(1)
        try await start(settings)
        let session = try await session(on: first)
        let events = EventStream(host: second, agent: agent, key: key, session: session)
        defer { events.cancel() }
        try await eventually("the event stream to open") { events.status == 200 }
        let store = first.patchbay.store
        let account = try await store.account(named: "acme")
        let accountID = try XCTUnwrap(account).id
        // No request for longer than the idle timeout: only the open stream uses the session.
        try await eventually("the open stream to record uses past the idle timeout") {
            guard let record = try? await store.mcpSession(id: session, accountID: accountID) else { return false }
            return record.lastUsedAt > record.createdAt + 1500
        }
        let listed = try await listTools(on: first, session: session)
        XCTAssertEqual(listed.status, 200, "a session with an open stream expired: \(listed.body)")
        XCTAssertFalse(events.ended)
    }

    func testTheSessionLimitCountsEveryReplica() async throws {
        var settings = MCPSessionSettings()
        settings.maxPerAccount = 3
        try await start(settings)
        let opened = [try await session(on: first), try await session(on: second), try await session(on: first)]
        for host in [first!, second!] {
            let refused = try await open(on: host)
            XCTAssertEqual(refused.status, 429, refused.body)
            XCTAssertEqual(refused.errorCode, "mcp_session_limit")
        }
        let ended = try await second.mcpRequest("DELETE", agent: agent, key: key, session: opened[0])
        XCTAssertEqual(ended.status, 200, ended.body)
        _ = try await session(on: first)

        // Another account, opening from both replicas at once: exactly its limit get through.
        let otherKey = try await first.key(account: "globex", scopes: TestHost.agentScopes)
        let otherAgent = try await publishedAgent(key: otherKey, slack: try await first.connectSlack(key: otherKey))
        let hosts = [first!, second!]
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await hosts[index % 2].mcpRequest("POST", agent: otherAgent, key: otherKey, json: TestHost.mcpInitialize).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 3, "\(statuses)")
        XCTAssertEqual(statuses.filter { $0 == 429 }.count, 5, "\(statuses)")
    }
}

/// A session's GET event stream held open on one host, collecting what arrives.
/// Unchecked because `lock` guards what the stream received and its task, which the compiler cannot see.
private final class EventStream: @unchecked Sendable {
    private let lock = NSLock()
    private var received = ""
    private var code: Int?
    private var finished = false
    private var task: Task<Void, Never>?

    init(host: TestHost, agent: String, key: String, session: String) {
        var request = HTTPClientRequest(url: "\(host.baseURL)/v1/agents/\(agent)/mcp")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        request.headers.add(name: "Mcp-Session-Id", value: session)
        task = Task {
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                self.lock.withLock { self.code = Int(response.status.code) }
                for try await chunk in response.body {
                    self.lock.withLock { self.received += String(buffer: chunk) }
                }
            } catch {}
            self.lock.withLock { self.finished = true }
        }
    }

    var status: Int? { lock.withLock { code } }
    var text: String { lock.withLock { received } }
    var ended: Bool { lock.withLock { finished } }

    func cancel() { task?.cancel() }
}
