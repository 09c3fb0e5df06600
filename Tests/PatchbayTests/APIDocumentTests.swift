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

    /// Each response declares the headers the server sends with it, from the list the server sets them by.
    func testEveryResponseDeclaresTheHeadersTheServerSends() async throws {
        let document = try await document()
        let components = try XCTUnwrap(document["components"]?["headers"]?.objectValue)
        XCTAssertEqual(Set(components.keys), ["X-Request-Id", "Retry-After", "RateLimit-Policy", "RateLimit", "Idempotent-Replayed",
                                              "WWW-Authenticate", "Allow"])
        XCTAssertEqual(components["X-Request-Id"]?["required"], true)
        XCTAssertEqual(components["Retry-After"]?["schema"], ["type": "integer", "minimum": 0])
        func headers(_ path: String, _ method: String, _ status: String) -> Set<String> {
            Set(document["paths"]?[path]?[method]?["responses"]?[status]?["headers"]?.objectValue?.keys.map { $0 } ?? [])
        }
        for (path, method, operation) in operations(document) {
            for (status, response) in operation["responses"]?.objectValue ?? [:] {
                XCTAssertNotNil(response["headers"]?["X-Request-Id"], "\(method) \(path) \(status)")
                for (name, header) in response["headers"]?.objectValue ?? [:] {
                    XCTAssertEqual(header, ["$ref": .string("#/components/headers/\(name)")], "\(method) \(path) \(status)")
                }
            }
        }
        let invoke = "/v1/connections/{id}/actions/{action}/invoke"
        XCTAssertEqual(headers(invoke, "post", "429"), ["X-Request-Id", "Retry-After", "RateLimit-Policy", "RateLimit", "Idempotent-Replayed"])
        XCTAssertEqual(headers(invoke, "post", "409"), ["X-Request-Id", "Retry-After", "RateLimit-Policy", "RateLimit", "Idempotent-Replayed"])
        XCTAssertEqual(headers(invoke, "post", "401"), ["X-Request-Id", "WWW-Authenticate", "RateLimit-Policy", "RateLimit", "Idempotent-Replayed"])
        XCTAssertEqual(headers("/v1/connections", "get", "200"), ["X-Request-Id", "RateLimit-Policy", "RateLimit"],
                       "no replay header where no Idempotency-Key is taken")
        XCTAssertEqual(headers("/readyz", "get", "503"), ["X-Request-Id", "Retry-After"], "an open route counts against no budget")
        XCTAssertEqual(headers("/healthz", "get", "200"), ["X-Request-Id"])
    }

    /// The contract refuses a reply that lacks a required header, or sends one it does not declare.
    func testTheContractCheckCatchesHeadersThatBreakTheDocument() async throws {
        let contract = APIContract(document: try await document())
        let body = #"{"error":{"code":"missing_api_key","message":"send a key"}}"#
        func problems(_ headers: [String: String], path: String = "/v1/connections", method: String = "GET", status: Int = 401) -> [String] {
            contract.problems(method: method, path: path, status: status, contentType: "application/json", body: body, headers: headers)
        }
        let good = ["x-request-id": "req-1", "www-authenticate": "Bearer", "content-type": "application/json"]
        XCTAssertEqual(problems(good), [])
        XCTAssertTrue(problems(["www-authenticate": "Bearer"]).contains { $0.contains("x-request-id is missing") })
        XCTAssertTrue(problems(["x-request-id": "req-1"]).contains { $0.contains("www-authenticate is missing") })
        XCTAssertTrue(problems(good.merging(["idempotent-replayed": "true"]) { $1 }).contains { $0.contains("idempotent-replayed is sent but not declared") },
                      "a replay header on a route that takes no Idempotency-Key")
        XCTAssertTrue(problems(good.merging(["retry-after": "5"]) { $1 }).contains { $0.contains("retry-after is sent but not declared") })
        XCTAssertTrue(problems(good.merging(["x-request-id": "no spaces allowed"]) { $1 }).contains { $0.hasPrefix("header x-request-id") })
        let throttled = #"{"error":{"code":"rate_limited","message":"later"}}"#
        XCTAssertEqual(contract.problems(method: "GET", path: "/v1/connections", status: 429, contentType: "application/json", body: throttled,
                                         headers: ["x-request-id": "r", "retry-after": "12", "ratelimit": "\"per-key\";r=0;t=12"]), [])
        XCTAssertFalse(contract.problems(method: "GET", path: "/v1/connections", status: 429, contentType: "application/json", body: throttled,
                                         headers: ["x-request-id": "r", "retry-after": "soon"]).isEmpty, "Retry-After is seconds")
        let notAllowed = #"{"error":{"code":"method_not_allowed","message":"no"}}"#
        XCTAssertFalse(contract.problems(method: "PUT", path: "/v1/connections", status: 405, contentType: "application/json", body: notAllowed,
                                         headers: ["x-request-id": "r"]).isEmpty, "a 405 without Allow")

        // And the live host keeps it: a 401 and a 405, each also checked by TestHost.request.
        let unauthenticated = try await host.request("GET", "/v1/connections")
        XCTAssertEqual(unauthenticated.status, 401)
        XCTAssertEqual(unauthenticated.headers["www-authenticate"], "Bearer")
        let wrongMethod = try await host.request("PUT", "/v1/connections")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertNotNil(wrongMethod.headers["allow"])
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
