import Foundation
import MCP
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Remote MCP servers connected as providers, against a real MCP server on loopback (the SDK's
/// `Server` over its Streamable HTTP transport): connected with a bearer token the host keeps
/// sealed, its tools listed in the catalog, invoked and recorded, provisioned as skills and
/// re-served through the agent's own MCP endpoint, and refreshed when the server says so.
final class MCPConnectionTests: XCTestCase {
    static let token = "mcp-secret-token-4242"
    var host: TestHost!
    var key: String!
    var remote: FakeMCPServer!

    override func setUp() async throws {
        // The server listens on loopback, which the egress policy refuses unless the operator allows it.
        host = try await TestHost.start(plugins: [], allowEgress: ["127.0.0.0/8"])
        key = try await host.key(scopes: TestHost.agentScopes)
        remote = try await FakeMCPServer.start(token: Self.token)
    }

    override func tearDown() async throws {
        try await host.stop()
        await remote.stop()
    }

    func connect(token: String? = MCPConnectionTests.token, key: String? = nil, url: String? = nil) async throws -> TestHost.Reply {
        var body: [String: JSONValue] = ["url": .string(url ?? remote.url), "label": "Widgets"]
        if let token { body["auth"] = ["type": "bearer", "token": .string(token)] }
        return try await host.request("POST", "/v1/mcp-connections", key: key ?? self.key, json: .object(body))
    }

    func connected() async throws -> String {
        let reply = try await connect()
        XCTAssertEqual(reply.status, 201, reply.body)
        return try XCTUnwrap(reply.json["id"]?.stringValue, reply.body)
    }

    func testConnectingListsTheToolsAsActionsInTheCatalogAndKeepsTheTokenSecret() async throws {
        let reply = try await connect()
        XCTAssertEqual(reply.status, 201, reply.body)
        let id = try XCTUnwrap(reply.json["id"]?.stringValue)
        XCTAssertEqual(reply.json["provider"]?.stringValue, "mcp:\(id)")
        XCTAssertEqual(reply.json["auth"]?["type"], "bearer")
        XCTAssertEqual(reply.json["has_credentials"], true)
        XCTAssertEqual(reply.json["server_info"]?["name"], "fake-mcp")
        XCTAssertEqual(reply.json["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["echo", "add", "fail", "bad name!"])
        XCTAssertEqual(reply.json["skipped_tools"], ["bad name!"])
        XCTAssertEqual(reply.json["tools"]?.arrayValue?[1]["output_schema"]?["required"], ["sum"])
        XCTAssertTrue(remote.receivedAuthorizations.allSatisfy { $0 == "Bearer \(Self.token)" }, "the token did not reach the server")

        let catalog = try await host.request("GET", "/v1/catalog/mcp:\(id)", key: key)
        XCTAssertEqual(catalog.status, 200, catalog.body)
        XCTAssertEqual(catalog.json["category"], "mcp")
        XCTAssertEqual(catalog.json["connected"], true)
        let actions = catalog.json["actions"]?.arrayValue ?? []
        XCTAssertEqual(actions.compactMap { $0["name"]?.stringValue }, ["echo", "add", "fail"], catalog.body)
        XCTAssertEqual(actions.first?["input_schema"]?["required"], ["text"])
        let listed = try await host.request("GET", "/v1/catalog", key: key)
        XCTAssertNotNil(listed.json["data"]?.arrayValue?.first { $0["id"]?.stringValue == "mcp:\(id)" }, listed.body)

        let one = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        let all = try await host.request("GET", "/v1/mcp-connections", key: key)
        let connection = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(all.json["data"]?.arrayValue?.map { $0["id"] }, [.string(id)])
        for shown in [one, all, connection] { XCTAssertEqual(shown.status, 200, shown.body) }
        XCTAssertEqual(one.json["tools"], reply.json["tools"])
        XCTAssertEqual(connection.json["provider"]?.stringValue, "mcp:\(id)")
        for shown in [reply, one, all, connection, catalog] {
            XCTAssertFalse(shown.body.contains(Self.token), "a response showed the token")
        }
    }

    func testAToolIsInvokedThroughTheNormalRouteAndRecordedAsAnExecution() async throws {
        let id = try await connected()
        let echoed = try await host.request("POST", "/v1/connections/\(id)/actions/echo/invoke", key: key,
                                            json: ["input": ["text": "hello"]])
        XCTAssertEqual(echoed.status, 200, echoed.body)
        XCTAssertEqual(echoed.json["output"]?["content"]?.arrayValue?.first?["text"], "hello")
        XCTAssertEqual(echoed.json["provider"]?.stringValue, "mcp:\(id)")
        XCTAssertFalse(echoed.body.contains(Self.token))

        let added = try await host.request("POST", "/v1/connections/\(id)/actions/add/invoke", key: key, json: ["input": ["a": 2, "b": 3.5]])
        XCTAssertEqual(added.status, 200, added.body)
        XCTAssertEqual(added.json["output"]?["sum"]?.doubleValue, 5.5, "a tool with an output schema answers with its structured content")

        let refused = try await host.request("POST", "/v1/connections/\(id)/actions/echo/invoke", key: key, json: ["input": ["text": 7]])
        XCTAssertEqual(refused.status, 400, refused.body)

        let failed = try await host.request("POST", "/v1/connections/\(id)/actions/fail/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(failed.status, 422, failed.body)
        XCTAssertEqual(failed.errorCode, "tool_error")
        XCTAssertTrue(failed.body.contains("the widget is broken"), failed.body)
        let executionID = try XCTUnwrap(failed.json["error"]?["execution_id"]?.stringValue, failed.body)
        let execution = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(execution.json["status"], "failed")
        XCTAssertEqual(execution.json["error"]?["code"] ?? execution.json["error_code"], "tool_error", execution.body)

        let unknown = try await host.request("POST", "/v1/connections/\(id)/actions/nope/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(unknown.status, 404, unknown.body)
        let executions = try await host.request("GET", "/v1/executions?connection_id=\(id)", key: key)
        XCTAssertFalse(executions.body.contains(Self.token))
    }

    func testToolsAreSkillsExportedAndReservedThroughTheAgentsMCPEndpoint() async throws {
        let id = try await connected()
        let agent = try await host.createAgent(key: key, name: "widget-bot")
        let provisioned = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key,
                                                 json: ["connection_id": .string(id), "actions": ["echo", "add"]])
        XCTAssertEqual(provisioned.status, 201, provisioned.body)
        _ = try await host.publish(key: key, agent: agent)

        let exported = try await host.request("GET", "/v1/agents/\(agent)/tools?format=anthropic", key: key)
        let tool = try XCTUnwrap(exported.json["tools"]?.arrayValue?.first { $0["name"] == "add" }, exported.body)
        XCTAssertEqual(tool["input_schema"]?["required"], ["a", "b"])

        let called = try await host.invokeSkill(key: key, agent: agent, skill: "echo", ["input": ["text": "via skill"], "tool_call_id": "call_1"])
        XCTAssertEqual(called.status, 200, called.body)
        XCTAssertEqual(called.json["tool_call_id"], "call_1")

        let client = try await host.mcpClient(agent: agent, key: key).client
        let (tools, _) = try await client.listTools()
        XCTAssertEqual(Set(tools.map(\.name)), ["echo", "add"])
        let (content, isError) = try await client.callTool(name: "echo", arguments: ["text": "over mcp"])
        XCTAssertNotEqual(isError, true)
        let text = content.compactMap { item -> String? in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined()
        XCTAssertTrue(text.contains("over mcp"), text)
        await client.disconnect()
    }

    func testTheServersToolsListChangedRefreshesTheStoredTools() async throws {
        let id = try await connected()
        try await eventually("the host to hold the server's event stream open") { self.remote.openEventStreams > 0 }
        await remote.addTool()
        try await eventually("the new tool to be listed") {
            let reply = try? await self.host.request("GET", "/v1/mcp-connections/\(id)", key: self.key)
            return reply?.json["tools"]?.arrayValue?.contains { $0["name"] == "shout" } == true
        }
        let shouted = try await host.request("POST", "/v1/connections/\(id)/actions/shout/invoke", key: key, json: ["input": ["text": "hey"]])
        XCTAssertEqual(shouted.status, 200, shouted.body)
        XCTAssertEqual(shouted.json["output"]?["content"]?.arrayValue?.first?["text"], "HEY")

        let refreshed = try await host.request("POST", "/v1/mcp-connections/\(id)/refresh", key: key, json: [:])
        XCTAssertEqual(refreshed.status, 200, refreshed.body)
        XCTAssertEqual(refreshed.json["tools"]?.arrayValue?.count, 5)
    }

    func testBadAuthUnreachableAndRefusedURLsAreClearErrors() async throws {
        let wrong = try await connect(token: "not-the-token")
        XCTAssertEqual(wrong.status, 422, wrong.body)
        XCTAssertEqual(wrong.errorCode, "mcp_unauthorized")
        XCTAssertTrue(wrong.body.contains("refused the credentials"), wrong.body)
        XCTAssertFalse(wrong.body.contains("not-the-token"))
        let none = try await connect(token: nil)
        XCTAssertEqual(none.errorCode, "mcp_unauthorized", none.body)

        // A port nothing listens on.
        let closed = try await connect(url: "http://127.0.0.1:1/mcp")
        XCTAssertEqual(closed.status, 502, closed.body)
        XCTAssertEqual(closed.errorCode, "connection_failed", closed.body)

        let metadata = try await connect(url: "http://169.254.169.254/mcp")
        XCTAssertEqual(metadata.status, 400, metadata.body)
        XCTAssertEqual(metadata.errorCode, "egress_refused")
        XCTAssertEqual(metadata.errorField, "url")

        for (body, field) in [(["url": "ftp://example.com/mcp"], "url"), ([:], "url"),
                              (["url": .string(remote.url), "auth": ["type": "basic"]], "auth.type"),
                              (["url": .string(remote.url), "auth": ["type": "bearer"]], "auth.token")] as [(JSONValue, String)] {
            let reply = try await host.request("POST", "/v1/mcp-connections", key: key, json: body)
            XCTAssertEqual(reply.status, 400, reply.body)
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let malformed = try await host.request("POST", "/v1/mcp-connections", key: key, body: "{not json")
        XCTAssertEqual(malformed.status, 400, malformed.body)
        let listed = try await host.request("GET", "/v1/mcp-connections", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "a failed connect was kept")
    }

    func testUnknownAndOtherAccountsIDsAre404AndDeleteRevokes() async throws {
        let id = try await connected()
        let missing = try await host.request("GET", "/v1/mcp-connections/conn_nope", key: key)
        XCTAssertEqual(missing.status, 404, missing.body)
        let intruder = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        for (method, path) in [("GET", "/v1/mcp-connections/\(id)"), ("DELETE", "/v1/mcp-connections/\(id)"),
                               ("POST", "/v1/mcp-connections/\(id)/refresh"), ("GET", "/v1/catalog/mcp:\(id)"),
                               ("POST", "/v1/connections/\(id)/actions/echo/invoke")] {
            let reply = try await host.request(method, path, key: intruder, json: ["input": ["text": "x"]])
            XCTAssertEqual(reply.status, 404, "\(method) \(path): \(reply.body)")
        }
        let theirs = try await host.request("GET", "/v1/mcp-connections", key: intruder)
        XCTAssertEqual(theirs.json["data"]?.arrayValue?.count, 0)

        let deleted = try await host.request("DELETE", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(deleted.status, 200, deleted.body)
        XCTAssertEqual(deleted.json["status"], "revoked")
        XCTAssertEqual(deleted.json["has_credentials"], false)
        let gone = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(gone.status, 404)
        let call = try await host.request("POST", "/v1/connections/\(id)/actions/echo/invoke", key: key, json: ["input": ["text": "x"]])
        XCTAssertEqual(call.status, 409, call.body)
    }
}
