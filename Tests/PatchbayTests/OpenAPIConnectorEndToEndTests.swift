import Foundation
import MCP
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// From an OpenAPI description to an agent's tools: the loopback task tracker's document is
/// parsed into a connector, more of it imported, the connector connected with an API key,
/// two operations provisioned as skills, the agent published, and both called through the
/// agent's MCP endpoint. The tracker sees the requests the document describes, with the key.
final class OpenAPIConnectorEndToEndTests: XCTestCase {
    var host: TestHost!

    override func setUp() async throws {
        // The fake listens on loopback, which the egress policy refuses unless the operator allows it.
        host = try await TestHost.start(allowEgress: ["127.0.0.0/8"])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testAnImportedDocumentsOperationsAreCalledThroughAnAgentsMCPEndpoint() async throws {
        let key = try await host.key(scopes: TestHost.agentScopes)
        let base = try XCTUnwrap(host.fakes.baseURLs["tasks_api"])
        let document = JSONValue.string(OpenAPIDocuments.tasks(base: base))

        // A connector from one operation of the document, then the rest imported into it.
        let parsed = try await host.request("POST", "/v1/connectors/parse-openapi", key: key,
                                            json: ["document": document, "filter": ["operation_ids": ["getTask"]]])
        XCTAssertEqual(parsed.status, 200, parsed.body)
        var definition = try XCTUnwrap(parsed.json["definition"]?.objectValue, parsed.body)
        XCTAssertEqual(definition["base_url"]?.stringValue, base, "servers[0] is the base URL")
        XCTAssertEqual(definition["auth"], ["type": "api_key", "in": "header", "name": "X-Api-Key"])
        definition["namespace"] = "acme"
        definition["name"] = "tasks"
        let created = try await host.request("POST", "/v1/connectors", key: key, json: .object(definition))
        XCTAssertEqual(created.status, 201, created.body)
        let imported = try await host.request("POST", "/v1/connectors/acme/tasks/import-openapi", key: key, json: ["document": document])
        XCTAssertEqual(imported.status, 200, imported.body)
        XCTAssertEqual(imported.json["report"]?["replaced"], ["get_task"])
        XCTAssertEqual(imported.json["connector"]?["definition"]?["operations"]?.arrayValue?.compactMap { $0["name"]?.stringValue },
                       ["get_task", "create_task"])

        // Connected with the key the host keeps in the vault, provisioned, published.
        let connected = try await host.request("POST", "/v1/connections", key: key,
                                               json: ["provider": "acme.tasks", "credentials": ["api_key": .string(FakeTasks.sandboxKey)]])
        XCTAssertEqual(connected.status, 201, connected.body)
        let connection = try XCTUnwrap(connected.json["id"]?.stringValue)
        let agent = try await host.createAgent(key: key, name: "tasks-bot", variables: ["team_project": "apollo"])
        for action in ["get_task", "create_task"] {
            let skill = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
                "connection_id": .string(connection), "action": .string(action), "presets": ["project": "{{ team_project }}"],
            ])
            XCTAssertEqual(skill.status, 201, skill.body)
        }
        _ = try await host.publish(key: key, agent: agent)

        // Called over MCP by a runtime key, as a model would.
        let runtime = try await host.key(scopes: [.skillsInvoke])
        let client = try await host.mcpClient(agent: agent, key: runtime).client
        let (tools, _) = try await client.listTools()
        XCTAssertEqual(Set(tools.map(\.name)), ["get_task", "create_task"])
        let create = try XCTUnwrap(tools.first { $0.name == "create_task" })
        XCTAssertEqual(create.description, "File a new task.")
        let properties = create.inputSchema.objectValue?["properties"]?.objectValue ?? [:]
        XCTAssertEqual(Set(properties.keys), ["title", "priority", "X-Request-Id"], "the preset project is not the model's to fill")

        let (filed, filedError) = try await client.callTool(name: "create_task",
                                                            arguments: ["title": "Filed over MCP", "priority": 2, "X-Request-Id": "mcp-req-1"])
        XCTAssertNotEqual(filedError, true, TestHost.text(filed))
        XCTAssertTrue(TestHost.text(filed).contains("Filed over MCP"), TestHost.text(filed))
        let post = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(post.method, "POST")
        XCTAssertEqual(post.path, "/tasks_api/v1/projects/apollo/tasks")
        XCTAssertEqual(post.headers["x-api-key"], FakeTasks.sandboxKey, "the host injected the connection's key")
        XCTAssertEqual(post.headers["x-request-id"], "mcp-req-1", "the header parameter went as a header")
        XCTAssertEqual(try WireCoding.decode(JSONValue.self, from: Data(post.body.utf8)), ["title": "Filed over MCP", "priority": 2])

        let (read, readError) = try await client.callTool(name: "get_task", arguments: ["id": "t6"])
        XCTAssertNotEqual(readError, true, TestHost.text(read))
        XCTAssertTrue(TestHost.text(read).contains("Filed over MCP"), TestHost.text(read))
        let get = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(get.method, "GET")
        XCTAssertEqual(get.path, "/tasks_api/v1/projects/apollo/tasks/t6")
        XCTAssertEqual(get.headers["x-api-key"], FakeTasks.sandboxKey)

        // Input the document's schema refuses never reaches the tracker.
        let before = host.fakes.tasks.requests.count
        let (refused, refusedError) = try await client.callTool(name: "create_task", arguments: ["priority": "high"])
        XCTAssertEqual(refusedError, true, TestHost.text(refused))
        XCTAssertEqual(host.fakes.tasks.requests.count, before)

        let executions = try await host.request("GET", "/v1/executions?trigger=mcp", key: key)
        XCTAssertEqual(Set(executions.json["data"]?.arrayValue?.compactMap { $0["skill"]?.stringValue } ?? []), ["create_task", "get_task"])
        await client.disconnect()
    }
}
