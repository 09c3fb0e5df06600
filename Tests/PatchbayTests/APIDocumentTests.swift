import Foundation
import PatchbayWire
import XCTest

/// `/openapi.json` is a well-formed OpenAPI 3.1 document that declares, for every route, what
/// it takes and every answer it gives; and the check every `TestHost` call goes through
/// (`APIContract`) catches a reply that breaks it.
final class APIDocumentTests: XCTestCase {
    var host: TestHost!

    override func setUp() async throws {
        host = try await TestHost.start()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func document() async throws -> JSONValue {
        let reply = try await host.request("GET", "/openapi.json")
        XCTAssertEqual(reply.status, 200)
        return reply.json
    }

    /// Every operation with its path and method.
    func operations(_ document: JSONValue) -> [(path: String, method: String, operation: JSONValue)] {
        (document["paths"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.flatMap { path, item in
            (item.objectValue ?? [:]).sorted { $0.key < $1.key }.map { (path, $0.key, $0.value) }
        }
    }

    func testTheDocumentHasTheStructureOfOpenAPI31() async throws {
        let document = try await document()
        XCTAssertEqual(document["openapi"], "3.1.0")
        XCTAssertNotNil(document["info"]?["title"]?.stringValue)
        XCTAssertNotNil(document["info"]?["version"]?.stringValue)
        let components = try XCTUnwrap(document["components"]?["schemas"]?.objectValue)
        for (name, schema) in components {
            XCTAssertEqual(JSONSchema.problems(in: schema, root: document), [], "components.schemas.\(name)")
        }
        var operationIDs: Set<String> = []
        for (path, method, operation) in operations(document) {
            let name = "\(method.uppercased()) \(path)"
            XCTAssertTrue(path.hasPrefix("/"), name)
            XCTAssertTrue(["get", "put", "post", "delete", "patch"].contains(method), name)
            let id = try XCTUnwrap(operation["operationId"]?.stringValue, name)
            XCTAssertTrue(operationIDs.insert(id).inserted, "\(name): operationId \(id) is used twice")

            // Path parameters are exactly the template's, required; others are query or header.
            let parameters = operation["parameters"]?.arrayValue ?? []
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            let declared = Set(parameters.filter { $0["in"] == "path" }.compactMap { $0["name"]?.stringValue })
            XCTAssertEqual(declared, templated, name)
            for parameter in parameters {
                XCTAssertTrue(["path", "query", "header"].contains(parameter["in"]?.stringValue ?? ""), name)
                if parameter["in"] == "path" { XCTAssertEqual(parameter["required"], true, name) }
                let schema = try XCTUnwrap(parameter["schema"], name)
                XCTAssertEqual(JSONSchema.problems(in: schema, root: document), [], "\(name) parameter \(parameter["name"] ?? .null)")
            }
            if let body = operation["requestBody"] {
                let schema = try XCTUnwrap(body["content"]?["application/json"]?["schema"], name)
                XCTAssertEqual(JSONSchema.problems(in: schema, root: document), [], "\(name) request body")
                XCTAssertEqual(schema["additionalProperties"], false, "\(name): a body refuses fields it does not declare")
            }

            // Every answer is declared with its schema; every $ref resolves.
            let responses = try XCTUnwrap(operation["responses"]?.objectValue, name)
            XCTAssertTrue(responses.keys.contains { $0.hasPrefix("2") }, "\(name) declares a success")
            for (status, response) in responses {
                XCTAssertNotNil(Int(status), "\(name) \(status)")
                XCTAssertNotNil(response["description"]?.stringValue, "\(name) \(status)")
                for (_, media) in response["content"]?.objectValue ?? [:] {
                    let schema = try XCTUnwrap(media["schema"], "\(name) \(status)")
                    XCTAssertEqual(JSONSchema.problems(in: schema, root: document), [], "\(name) \(status)")
                    for reference in references(in: schema) {
                        XCTAssertTrue(reference.hasPrefix("#/components/schemas/")
                                      && components[String(reference.dropFirst("#/components/schemas/".count))] != nil,
                                      "\(name) \(status): \(reference) does not resolve")
                    }
                }
                if status.hasPrefix("4") || status.hasPrefix("5") {
                    XCTAssertNotNil(response["content"]?["application/json"], "\(name) \(status) answers with the error envelope")
                }
            }
            if operation["x-required-scope"] != nil {
                for status in ["400", "401", "403", "404", "503"] { XCTAssertNotNil(responses[status], "\(name) declares \(status)") }
                XCTAssertEqual(operation["security"], [["apiKey": []]], name)
            }
        }
        XCTAssertGreaterThan(operationIDs.count, 70, "the whole table")
    }

    func testTheDocumentDeclaresWhatTheIssueFoundMissing() async throws {
        let document = try await document()
        func operation(_ method: String, _ path: String) throws -> JSONValue {
            try XCTUnwrap(document["paths"]?[path]?[method], "\(method) \(path)")
        }
        func parameter(_ operation: JSONValue, _ name: String) -> JSONValue? {
            operation["parameters"]?.arrayValue?.first { $0["name"]?.stringValue == name }
        }
        let connections = try operation("get", "/v1/connections")
        XCTAssertEqual(parameter(connections, "limit")?["schema"]?["minimum"], 1)
        XCTAssertEqual(parameter(connections, "limit")?["schema"]?["maximum"], 200)
        XCTAssertEqual(parameter(connections, "status")?["schema"]?["enum"]?.arrayValue?.contains("active"), true)
        XCTAssertEqual(parameter(try operation("get", "/v1/agents/{id}/tools"), "format")?["schema"]?["enum"], ["openai", "anthropic"])
        XCTAssertEqual(try operation("post", "/v1/api-keys")["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["scopes"]?["minItems"], 1)
        XCTAssertEqual(try operation("post", "/v1/agents")["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["name"]?["maxLength"], 100)
        let subscription = try operation("post", "/v1/webhooks/subscriptions")["requestBody"]?["content"]?["application/json"]?["schema"]
        XCTAssertEqual(subscription?["allOf"]?.arrayValue?.first, ["if": ["not": ["required": ["provider"]]], "then": ["required": ["endpoint_id"]],
                                                     "else": ["properties": ["endpoint_id": false]]],
                       "exactly one of endpoint_id and provider")
        let skillChange = try operation("patch", "/v1/agents/{id}/skills/{name}")["requestBody"]?["content"]?["application/json"]?["schema"]
        XCTAssertEqual(Set(skillChange?["properties"]?.objectValue?.keys ?? [:].keys), ["description", "presets", "requires_approval"],
                       "the skill change lists only what the server lets change")
        let mcp = try operation("post", "/v1/agents/{id}/mcp")
        XCTAssertNotNil(parameter(mcp, "MCP-Session-Id"), "the MCP session header")
        XCTAssertEqual(mcp["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["jsonrpc"]?["const"], "2.0")
        let invoke = try operation("post", "/v1/agents/{id}/skills/{name}/invoke")["responses"]
        for status in ["200", "202", "409", "422", "429", "502", "503"] { XCTAssertNotNil(invoke?[status], "skill invoke \(status)") }
        XCTAssertEqual(try operation("get", "/v1/connections/{id}")["responses"]?["200"]?["content"]?["application/json"]?["schema"],
                       ["$ref": "#/components/schemas/Connection"])
        let codes = document["components"]?["schemas"]?["ErrorCode"]?["enum"]?.arrayValue ?? []
        for code in ["validation_failed", "missing_scope", "connector_in_use", "agent_name_taken", "storage_unavailable"] {
            XCTAssertTrue(codes.contains(.string(code)), code)
        }
    }

    /// The check `TestHost.request` applies to every reply refuses what breaks the document.
    func testTheContractCheckCatchesARepliesThatBreakTheDocument() async throws {
        let contract = APIContract(document: try await document())
        let connection: JSONValue = [
            "id": "conn_1", "provider": "slack", "label": "Slack", "config": [:], "status": "active", "has_credentials": true,
            "end_user": .null, "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
        ]
        let body = String(decoding: try WireCoding.encode(connection), as: UTF8.self)
        XCTAssertEqual(contract.problems(method: "GET", path: "/v1/connections/conn_1", status: 200, contentType: "application/json",
                                         body: body), [])
        var wrong = connection.objectValue ?? [:]
        wrong["status"] = "sleeping"
        wrong["token"] = "xoxb-leaked"
        let wrongBody = String(decoding: try WireCoding.encode(JSONValue.object(wrong)), as: UTF8.self)
        let problems = contract.problems(method: "GET", path: "/v1/connections/conn_1", status: 200, contentType: "application/json",
                                         body: wrongBody)
        XCTAssertTrue(problems.contains { $0.hasPrefix("status") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("token") }, "an undeclared field is refused: \(problems)")
        XCTAssertFalse(contract.problems(method: "GET", path: "/v1/connections/conn_1", status: 418, contentType: nil, body: "").isEmpty,
                       "an undeclared status")
        let envelope = #"{"error":{"code":"made_up","message":"m"}}"#
        XCTAssertFalse(contract.problems(method: "GET", path: "/v1/connections/conn_1", status: 404, contentType: "application/json",
                                         body: envelope).isEmpty, "an error code outside the enum")
        XCTAssertEqual(contract.problems(method: "GET", path: "/v1/connections/conn_1", status: 404, contentType: "application/json",
                                         body: #"{"error":{"code":"not_found","message":"no connection"}}"#), [])
    }

    private func references(in schema: JSONValue) -> [String] {
        switch schema {
        case .object(let object):
            return (object["$ref"]?.stringValue.map { [$0] } ?? []) + object.values.flatMap(references)
        case .array(let items): return items.flatMap(references)
        default: return []
        }
    }
}
