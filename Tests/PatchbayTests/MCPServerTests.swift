import Foundation
import MCP
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Each agent's MCP server, driven by the MCP SDK's own client over Streamable HTTP: the same
/// published skills, validation, approvals and execution records as the HTTP API.
final class MCPServerTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var runtimeKey: String!
    var agent: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
        runtimeKey = try await host.key(scopes: [.skillsInvoke])
        let slack = try await host.connectSlack(key: key)
        agent = try await host.createAgent(key: key, variables: ["default_channel": "#general"])
        _ = try await host.request("POST", "/v1/agents/\(agent!)/packs", key: key,
                                   json: ["connection_id": .string(slack), "pack": "team-notifier"])
        _ = try await host.request("POST", "/v1/agents/\(agent!)/skills", key: key, json: [
            "name": "post_anywhere", "connection_id": .string(slack), "action": "post_message", "requires_approval": true,
        ])
        _ = try await host.publish(key: key, agent: agent)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    private func connect(key: String, endUser: String? = nil) async throws -> Client {
        try await host.mcpClient(agent: agent, key: key, endUser: endUser).client
    }

    func testToolsListAndCallRunThePublishedSkillsAndRecordExecutions() async throws {
        let client = try await connect(key: runtimeKey)
        let (tools, _) = try await client.listTools()
        XCTAssertEqual(Set(tools.map(\.name)), ["notify_team", "find_teammate", "post_anywhere"])
        let notify = try XCTUnwrap(tools.first { $0.name == "notify_team" })
        XCTAssertEqual(notify.description, "Post an update to the team channel.")
        XCTAssertNil(notify.inputSchema.objectValue?["properties"]?.objectValue?["channel"], "presets stay hidden over MCP too")
        XCTAssertNotNil(notify.inputSchema.objectValue?["properties"]?.objectValue?["text"])

        let (content, isError) = try await client.callTool(name: "notify_team", arguments: ["text": "Shipped over MCP"])
        XCTAssertNotEqual(isError, true, TestHost.text(content))
        XCTAssertTrue(TestHost.text(content).contains("C0GENERAL"), TestHost.text(content))
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Shipped over MCP")

        let executions = try await host.request("GET", "/v1/executions?trigger=mcp", key: key)
        let record = try XCTUnwrap(executions.json["data"]?.arrayValue?.first)
        XCTAssertEqual(record["skill"], "notify_team")
        XCTAssertEqual(record["agent_id"]?.stringValue, agent)
        XCTAssertEqual(record["agent_version"], 1)
        XCTAssertEqual(record["status"], "succeeded")
        await client.disconnect()
    }

    func testBadArgumentsUnknownToolsAndApprovalsOverMCP() async throws {
        let client = try await connect(key: runtimeKey)
        let before = host.fakes.slack.requests.count
        let (invalid, invalidIsError) = try await client.callTool(name: "notify_team", arguments: ["text": 5])
        XCTAssertEqual(invalidIsError, true)
        XCTAssertTrue(TestHost.text(invalid).contains("validation_failed"), TestHost.text(invalid))
        XCTAssertTrue(TestHost.text(invalid).contains("input.text"), TestHost.text(invalid))
        let (extra, extraIsError) = try await client.callTool(name: "notify_team", arguments: ["text": "x", "channel": "C0RANDOM"])
        XCTAssertEqual(extraIsError, true, TestHost.text(extra))
        XCTAssertEqual(host.fakes.slack.requests.count, before, "refused calls never reach Slack")

        do {
            _ = try await client.callTool(name: "drop_database", arguments: [:])
            XCTFail("an unknown tool must be a protocol error")
        } catch let error as MCPError {
            XCTAssertTrue("\(error)".contains("drop_database"), "\(error)")
        }

        let (paused, pausedIsError) = try await client.callTool(name: "post_anywhere",
                                                                arguments: ["channel": "C0GENERAL", "text": "Needs a human"])
        XCTAssertNotEqual(pausedIsError, true)
        XCTAssertTrue(TestHost.text(paused).contains("awaiting approval"), TestHost.text(paused))
        XCTAssertEqual(host.fakes.slack.requests.count, before)
        let waiting = try await host.request("GET", "/v1/executions?status=awaiting_approval", key: key)
        let id = try XCTUnwrap(waiting.json["data"]?.arrayValue?.first?["id"]?.stringValue)
        XCTAssertEqual(waiting.json["data"]?.arrayValue?.first?["trigger"], "mcp")
        let approved = try await host.request("POST", "/v1/executions/\(id)/continue", key: key, json: ["decision": "approve"])
        XCTAssertEqual(approved.json["status"], "succeeded", approved.body)
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Needs a human")
        await client.disconnect()
    }

    func testTheEndpointIsAuthenticatedAndScopedLikeTheRestOfTheAPI() async throws {
        let initialize = TestHost.mcpInitialize
        let anonymous = try await host.request("POST", "/v1/agents/\(agent!)/mcp", json: initialize)
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.errorCode, "missing_api_key")
        let reader = try await host.key(scopes: [.integrationsRead])
        let unscoped = try await host.request("POST", "/v1/agents/\(agent!)/mcp", key: reader, json: initialize)
        XCTAssertEqual(unscoped.status, 403)
        let other = try await host.key(account: "globex", scopes: [.skillsInvoke])
        let foreign = try await host.request("POST", "/v1/agents/\(agent!)/mcp", key: other, json: initialize)
        XCTAssertEqual(foreign.status, 404)
        let garbage = try await host.request("POST", "/v1/agents/\(agent!)/mcp", key: runtimeKey, body: "{not json")
        XCTAssertEqual(garbage.status, 400)
        XCTAssertEqual(garbage.errorCode, "malformed_json")

        do {
            _ = try await connect(key: "pb_nope_nope")
            XCTFail("a bad key must not connect")
        } catch {}
    }

    func testAnEndUserHeaderPicksThatUsersConnection() async throws {
        let token = "xoxb-mcp-user-9"
        host.fakes.slack.addToken(token)
        let own = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "slack", "credentials": ["bot_token": .string(token)], "end_user": "user-9",
        ])
        XCTAssertEqual(own.status, 201, own.body)
        let client = try await connect(key: runtimeKey, endUser: "user-9")
        let (content, isError) = try await client.callTool(name: "notify_team", arguments: ["text": "as user 9"])
        XCTAssertNotEqual(isError, true, TestHost.text(content))
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(token)")
        await client.disconnect()
    }
}
