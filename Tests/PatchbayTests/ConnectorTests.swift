import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Declarative HTTP connectors against a loopback task tracker (`FakeTasks`): written through
/// the API, connected with an API key the host keeps in the vault, invoked as actions the host
/// runs itself, provisioned as skills, and tried with the test endpoint.
final class ConnectorTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var base: String!

    override func setUp() async throws {
        // The fake listens on loopback, which the egress policy refuses unless the operator allows it.
        host = try await TestHost.start(allowEgress: ["127.0.0.0/8"])
        key = try await host.key(scopes: TestHost.agentScopes)
        base = try XCTUnwrap(host.fakes.baseURLs["tasks_api"])
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    /// A connector of the fake with an operation for each placement and each pagination style.
    func definition(name: String = "tasks", auth: JSONValue = ["type": "api_key", "in": "header", "name": "X-Api-Key"]) -> JSONValue {
        [
            "namespace": "acme", "name": .string(name), "title": "Tasks", "description": "The team's task tracker.",
            "base_url": .string(base), "auth": auth, "headers": ["X-Client": "patchbay-tests"],
            "operations": [
                ["name": "get_task", "description": "One task by id.", "method": "GET", "path": "/projects/{project}/tasks/{id}",
                 "parameters": ["type": "object", "properties": ["project": ["type": "string"], "id": ["type": "string"]],
                                "required": ["project", "id"]],
                 "extract": "/task",
                 "output_schema": ["type": "object", "properties": ["id": ["type": "string"], "title": ["type": "string"]],
                                   "required": ["id", "title"]]],
                ["name": "create_task", "description": "Create a task.", "method": "POST", "path": "/projects/{project}/tasks",
                 "parameters": ["type": "object",
                                "properties": ["project": ["type": "string"], "title": ["type": "string"], "priority": ["type": "integer"],
                                               "X-Request-Id": ["type": "string"]],
                                "required": ["project", "title"]],
                 "locations": ["X-Request-Id": "header"], "extract": "/task"],
                ["name": "list_tasks", "description": "Tasks of a project, every page.", "method": "GET", "path": "/projects/{project}/tasks",
                 "parameters": ["type": "object", "properties": ["project": ["type": "string"], "status": ["type": "string"]],
                                "required": ["project"]],
                 "pagination": ["type": "page_number", "items": "/data", "page_param": "page"]],
                ["name": "list_notes", "description": "Every note.", "method": "GET", "path": "/notes",
                 "pagination": ["type": "cursor", "items": "/items", "cursor_param": "cursor", "next_cursor": "/meta/next_cursor"]],
                ["name": "list_events", "description": "Every event.", "method": "GET", "path": "/events",
                 "pagination": ["type": "link_header", "max_pages": 2]],
            ],
            "packs": [["id": "triage", "name": "Triage", "description": "Read and file tasks.",
                       "skills": [["name": "file_task", "operation": "create_task", "description": "File a task in Apollo.",
                                   "presets": ["project": "apollo"]]]]],
        ]
    }

    func createConnector(_ json: JSONValue? = nil, key: String? = nil) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connectors", key: key ?? self.key, json: json ?? definition())
    }

    func connect(provider: String = "acme.tasks", credentials: JSONValue = ["api_key": .string(FakeTasks.sandboxKey)],
                 key: String? = nil) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key ?? self.key,
                                           json: ["provider": .string(provider), "credentials": credentials])
        XCTAssertEqual(reply.status, 201, reply.body)
        return try XCTUnwrap(reply.json["id"]?.stringValue, reply.body)
    }

    func invoke(_ connection: String, _ action: String, _ input: JSONValue) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: key, json: ["input": input])
    }

    // MARK: Writing connectors

    func testAConnectorIsWrittenReadReplacedAndDeleted() async throws {
        let created = try await createConnector()
        XCTAssertEqual(created.status, 201, created.body)
        XCTAssertEqual(created.json["provider"], "acme.tasks")
        XCTAssertEqual(created.json["definition"]?["base_url"]?.stringValue, base)

        let again = try await createConnector()
        XCTAssertEqual(again.status, 409, again.body)
        XCTAssertEqual(again.errorCode, "connector_exists")

        let listed = try await host.request("GET", "/v1/connectors", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.map { $0["provider"] }, ["acme.tasks"])

        var replaced = definition().objectValue!
        replaced["title"] = "Tasks v2"
        let put = try await host.request("PUT", "/v1/connectors/acme/tasks", key: key, json: .object(replaced))
        XCTAssertEqual(put.status, 200, put.body)
        let read = try await host.request("GET", "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(read.json["definition"]?["title"], "Tasks v2")
        let catalog = try await host.request("GET", "/v1/catalog/acme.tasks", key: key)
        XCTAssertEqual(catalog.json["name"], "Tasks v2", "the catalog still shows the replaced definition: \(catalog.body)")

        replaced["name"] = "renamed"
        let rename = try await host.request("PUT", "/v1/connectors/acme/tasks", key: key, json: .object(replaced))
        XCTAssertEqual(rename.status, 400, rename.body)
        XCTAssertEqual(rename.errorField, "name")

        // In use: refused until its connection is gone.
        let connection = try await connect()
        let busy = try await host.request("DELETE", "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(busy.status, 409, busy.body)
        XCTAssertEqual(busy.errorCode, "connector_in_use")
        _ = try await host.request("DELETE", "/v1/connections/\(connection)", key: key)
        let deleted = try await host.request("DELETE", "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(deleted.status, 200, deleted.body)
        let gone = try await host.request("GET", "/v1/connectors/acme/tasks", key: key)
        XCTAssertEqual(gone.status, 404)
        let goneFromCatalog = try await host.request("GET", "/v1/catalog/acme.tasks", key: key)
        XCTAssertEqual(goneFromCatalog.status, 404)
    }

    func testBadDefinitionsAreRefusedWithTheFieldNamed() async throws {
        func with(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
            var object = definition().objectValue!
            change(&object)
            return .object(object)
        }
        func operation(_ index: Int, _ change: @escaping (inout [String: JSONValue]) -> Void) -> JSONValue {
            with { object in
                var operations = object["operations"]!.arrayValue!
                var item = operations[index].objectValue!
                change(&item)
                operations[index] = .object(item)
                object["operations"] = .array(operations)
            }
        }
        let cases: [(JSONValue, String)] = [
            (with { $0["name"] = nil }, "name"),
            (with { $0["name"] = "Has Spaces" }, "name"),
            (with { $0["namespace"] = "a.b" }, "namespace"),
            (with { $0["base_url"] = "ftp://example.com" }, "base_url"),
            (with { $0["base_url"] = "https://user:pw@example.com" }, "base_url"),
            (with { $0["base_url"] = 12 }, "base_url"),
            (with { $0["surprise"] = true }, "surprise"),
            (with { $0["auth"] = ["type": "magic"] }, "auth.type"),
            (with { $0["auth"] = ["type": "api_key", "name": "X-Key"] }, "auth.in"),
            (with { $0["auth"] = ["type": "bearer", "name": "X-Key"] }, "auth.name"),
            (with { $0["auth"] = ["type": "oauth2", "authorize_url": "https://a.example/auth"] }, "auth.token_url"),
            (with { $0["headers"] = ["Authorization": "Bearer inline-secret"] }, "headers.Authorization"),
            (with { $0["headers"] = ["X-Api-Key": "inline"] }, "headers.X-Api-Key"),
            (with { $0["headers"] = ["Bad Header": "x"] }, "headers.Bad Header"),
            (with { $0["operations"] = [] }, "operations"),
            (operation(0) { $0["name"] = "Get-Task" }, "operations[0].name"),
            (operation(0) { $0["method"] = "TRACE" }, "operations[0].method"),
            (operation(0) { $0["path"] = "tasks" }, "operations[0].path"),
            (operation(0) { $0["path"] = "/projects/{project}/tasks/{missing}" }, "operations[0].path"),
            (operation(0) { $0["parameters"] = ["type": "object", "properties": ["project": ["type": "string"], "id": ["type": "string"]],
                                                "required": ["project"]] }, "operations[0].parameters.required"),
            (operation(0) { $0["parameters"] = ["type": "array"] }, "operations[0].parameters"),
            (operation(0) { $0["parameters"] = ["type": "object", "properties": ["id": ["type": "strang"]]] }, "operations[0].parameters.properties.id.type"),
            (operation(0) { $0["extract"] = "task" }, "operations[0].extract"),
            (operation(0) { $0["locations"] = ["id": "query"] }, "operations[0].locations.id"),
            (operation(0) { $0["locations"] = ["nope": "query"] }, "operations[0].locations.nope"),
            (operation(2) { $0["pagination"] = ["type": "offset"] }, "operations[2].pagination.type"),
            (operation(2) { $0["pagination"] = ["type": "cursor", "max_pages": 1000] }, "operations[2].pagination.max_pages"),
            (operation(2) { $0["extract"] = "/data" }, "operations[2].extract"),
            (operation(1) { $0["name"] = "get_task" }, "operations[1].name"),
            (with { $0["packs"] = [["id": "p", "skills": [["name": "s", "operation": "nope"]]]] }, "packs[0].skills[0].operation"),
        ]
        for (body, field) in cases {
            let reply = try await createConnector(body)
            XCTAssertEqual(reply.status, 400, "\(field): \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
            XCTAssertFalse(reply.body.contains("inline-secret"), "an error must not echo a header value")
        }
        let malformed = try await host.request("POST", "/v1/connectors", key: key, body: "{\"name\": ")
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(malformed.errorCode, "malformed_json")
        let listed = try await host.request("GET", "/v1/connectors", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "a refused definition was stored")
    }

    // MARK: Using a connector like a plugin

    func testAnOperationPlacesEachParameterAndTheKeyStaysSecret() async throws {
        _ = try await createConnector()
        let catalog = try await host.request("GET", "/v1/catalog", key: key)
        let entry = catalog.json["data"]?.arrayValue?.first { $0["id"] == "acme.tasks" }
        XCTAssertNotNil(entry, "the connector is not in the catalog beside the plugins: \(catalog.body)")
        XCTAssertNotNil(catalog.json["data"]?.arrayValue?.first { $0["id"] == "slack" })

        let connection = try await connect()
        let got = try await invoke(connection, "get_task", ["project": "apollo", "id": "t2"])
        XCTAssertEqual(got.status, 200, got.body)
        XCTAssertEqual(got.json["output"], ["id": "t2", "project": "apollo", "title": "Task 2", "status": "done", "priority": 2])
        let sent = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(sent.path, "/tasks_api/v1/projects/apollo/tasks/t2")
        XCTAssertEqual(sent.headers["x-api-key"], FakeTasks.sandboxKey, "the host did not inject the key")
        XCTAssertEqual(sent.headers["x-client"], "patchbay-tests", "the default header was not sent")

        let created = try await invoke(connection, "create_task", ["project": "apollo", "title": "Ship it", "priority": 1,
                                                                   "X-Request-Id": "req-42"])
        XCTAssertEqual(created.status, 200, created.body)
        XCTAssertEqual(created.json["output"]?["title"], "Ship it")
        XCTAssertEqual(created.json["output"]?["request_id"], "req-42", "the header parameter did not arrive")
        let post = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(post.method, "POST")
        let body = try WireCoding.decode(JSONValue.self, from: Data(post.body.utf8))
        XCTAssertEqual(body, ["title": "Ship it", "priority": 1], "path and header parameters leaked into the body, or body ones are missing")
        XCTAssertEqual(post.headers["content-type"], "application/json")

        // A path parameter cannot add a segment, nor climb one.
        let sneaky = try await invoke(connection, "get_task", ["project": "apollo", "id": "../../notes"])
        XCTAssertEqual(host.fakes.tasks.requests.last?.path, "/tasks_api/v1/projects/apollo/tasks/..%2F..%2Fnotes")
        XCTAssertEqual(sneaky.status, 422, sneaky.body)
        let climb = try await invoke(connection, "get_task", ["project": "..", "id": "t1"])
        XCTAssertEqual(host.fakes.tasks.requests.last?.path, "/tasks_api/v1/projects/%2E%2E/tasks/t1", climb.body)

        // Input is checked against the operation's schema before anything is sent or recorded.
        let requestsBefore = host.fakes.tasks.requests.count
        let bad = try await invoke(connection, "get_task", ["project": "apollo", "id": 7])
        XCTAssertEqual(bad.status, 400, bad.body)
        XCTAssertEqual(bad.errorField, "input.id")
        XCTAssertEqual(host.fakes.tasks.requests.count, requestsBefore)

        let executions = try await host.request("GET", "/v1/executions?connection_id=\(connection)", key: key)
        let recorded = executions.json["data"]?.arrayValue ?? []
        XCTAssertEqual(recorded.count, 4, executions.body)
        XCTAssertEqual(Set(recorded.compactMap { $0["action"]?.stringValue }), ["get_task", "create_task"])
        XCTAssertEqual(recorded.first { $0["action"] == "get_task" && $0["status"] == "succeeded" }?["provider"], "acme.tasks")
        let connectionView = try await host.request("GET", "/v1/connections/\(connection)", key: key)
        for reply in [got, created, sneaky, climb, executions, connectionView] {
            XCTAssertFalse(reply.body.contains(FakeTasks.sandboxKey), "the key is in a response: \(reply.body)")
        }
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal"] {
            guard let bytes = FileManager.default.contents(atPath: host.dataDirectory + "/" + file) else { continue }
            XCTAssertNil(bytes.range(of: Data(FakeTasks.sandboxKey.utf8)), "\(file) holds the key in plaintext")
        }
    }

    func testTheUpstreamsRefusalIsTheCallersAnd401sDoNotLeakTheKey() async throws {
        _ = try await createConnector()
        let wrong = "tk-wrong-key-but-long-enough"
        let connection = try await connect(credentials: ["api_key": .string(wrong)])
        let refused = try await invoke(connection, "get_task", ["project": "apollo", "id": "t1"])
        XCTAssertEqual(refused.status, 422, refused.body)
        XCTAssertEqual(refused.errorCode, "upstream_error")
        XCTAssertFalse(refused.body.contains(wrong))
        let missing = try await invoke(try await connect(), "get_task", ["project": "apollo", "id": "t404"])
        XCTAssertEqual(missing.status, 422, missing.body)
        XCTAssertNotNil(missing.json["error"]?["execution_id"]?.stringValue, "the failure was not recorded")
    }

    func testPaginationGathersEveryPageInEachStyle() async throws {
        _ = try await createConnector()
        let connection = try await connect()
        let pages = try await invoke(connection, "list_tasks", ["project": "apollo"])
        XCTAssertEqual(pages.status, 200, pages.body)
        XCTAssertEqual(pages.json["output"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["t1", "t2", "t3", "t4", "t5"])
        let pageQueries = host.fakes.tasks.requests.suffix(4).map { $0.query["page"] }
        XCTAssertEqual(pageQueries, ["1", "2", "3", "4"], "page numbers, ending at the empty page")

        let filtered = try await invoke(connection, "list_tasks", ["project": "apollo", "status": "open"])
        XCTAssertEqual(filtered.json["output"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["t1", "t3", "t5"])
        XCTAssertEqual(host.fakes.tasks.requests.last?.query["status"], "open", "the query parameter was not kept on later pages")

        let notes = try await invoke(connection, "list_notes", [:])
        XCTAssertEqual(notes.json["output"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["n1", "n2", "n3", "n4", "n5"], notes.body)
        XCTAssertEqual(host.fakes.tasks.requests.suffix(3).map { $0.query["cursor"] }, [nil, "2", "4"])

        // max_pages 2: the link is followed once, then the call stops.
        let events = try await invoke(connection, "list_events", [:])
        XCTAssertEqual(events.json["output"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["e1", "e2", "e3", "e4"], events.body)
        let followed = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(followed.query["after"], "2")
        XCTAssertEqual(followed.headers["x-api-key"], FakeTasks.sandboxKey, "the next link's request went without the key")
    }

    func testAQueryKeyIsMaskedInTheRecordedRequests() async throws {
        _ = try await createConnector(definition(auth: ["type": "api_key", "in": "query", "name": "api_key"]))
        let connection = try await connect()
        let got = try await invoke(connection, "get_task", ["project": "apollo", "id": "t1"])
        XCTAssertEqual(got.status, 200, got.body)
        XCTAssertEqual(host.fakes.tasks.requests.last?.query["api_key"], FakeTasks.sandboxKey)
        XCTAssertNil(host.fakes.tasks.requests.last?.headers["x-api-key"])
        let execution = try await host.request("GET", "/v1/executions/\(try XCTUnwrap(got.json["id"]?.stringValue))", key: key)
        XCTAssertFalse(execution.body.contains(FakeTasks.sandboxKey), execution.body)
        XCTAssertTrue(execution.body.contains("api_key=%5BREDACTED%5D") || execution.body.contains("api_key=[REDACTED]"), execution.body)
    }

    /// A connector whose base URL leads nowhere, with `get_task` on the fake as a server of its own.
    func splitDefinition() throws -> JSONValue {
        var definition = try XCTUnwrap(definition().objectValue)
        definition["base_url"] = "https://tasks.example.invalid/v1"
        var operations = try XCTUnwrap(definition["operations"]?.arrayValue)
        operations[0]["base_url"] = .string(base)
        definition["operations"] = .array(operations)
        definition["packs"] = nil
        return .object(definition)
    }

    func testAnOperationOnAServerOfItsOwnIsSentThereWithTheConnectorsAuth() async throws {
        let created = try await createConnector(try splitDefinition())
        XCTAssertEqual(created.status, 201, created.body)
        let connection = try await connect()
        let got = try await invoke(connection, "get_task", ["project": "apollo", "id": "t2"])
        XCTAssertEqual(got.status, 200, got.body)
        XCTAssertEqual(got.json["output"]?["title"], "Task 2")
        let sent = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(sent.path, "/tasks_api/v1/projects/apollo/tasks/t2", "the path is relative to the operation's server")
        XCTAssertEqual(sent.headers["x-api-key"], FakeTasks.sandboxKey, "the connector's auth was not injected on the operation's server")
        XCTAssertEqual(sent.headers["x-client"], "patchbay-tests")
        XCTAssertFalse(got.body.contains(FakeTasks.sandboxKey))

        // Not a URL, a query, credentials or a placeholder: refused with the field named.
        let badURLs: [(String, String)] = [("upload.example.com", "not absolute"), ("ftp://upload.example.com", "not http"),
                                           ("https://upload.example.com/?v=2", "a query"), ("https://user:pw@upload.example.com", "credentials"),
                                           ("https://{region}.upload.example.com", "a placeholder")]
        for (bad, why) in badURLs {
            var definition = try XCTUnwrap(splitDefinition().objectValue)
            definition["name"] = "tasks_bad"
            var operations = try XCTUnwrap(definition["operations"]?.arrayValue)
            operations[0]["base_url"] = .string(bad)
            definition["operations"] = .array(operations)
            let refused = try await createConnector(.object(definition))
            XCTAssertEqual(refused.status, 400, "\(why): \(refused.body)")
            XCTAssertEqual(refused.errorField, "operations[0].base_url", "\(why): \(refused.body)")
        }
    }

    func testAnUpstreamKeyedByAnOriginRedirectsEveryRequestToThatOriginAndNoOther() async throws {
        // The operator's sandbox of both servers: the fake, which no policy allows but the override itself.
        let sandbox = try XCTUnwrap(base.hasSuffix("/v1") ? String(base.dropLast(3)) : nil, base)
        let overridden = try await TestHost.start(upstreams: ["https://upload.tasks.example.invalid=\(sandbox)/",
                                                              "https://api.tasks.example.invalid:8443=\(sandbox)"])
        let overriddenKey = try await overridden.key(scopes: TestHost.agentScopes)
        var definition = try XCTUnwrap(self.definition().objectValue)
        definition["base_url"] = "https://api.tasks.example.invalid:8443/v1"
        definition["packs"] = nil
        var operations = try XCTUnwrap(definition["operations"]?.arrayValue)
        operations[0]["base_url"] = "https://UPLOAD.tasks.example.invalid:443/v1"
        // The same host on another port is another origin, which no override names.
        operations[1]["base_url"] = "https://upload.tasks.example.invalid:8443/v1"
        definition["operations"] = .array(operations)
        let created = try await overridden.request("POST", "/v1/connectors", key: overriddenKey, json: .object(definition))
        XCTAssertEqual(created.status, 201, created.body)
        let connected = try await overridden.request("POST", "/v1/connections", key: overriddenKey, json: [
            "provider": "acme.tasks", "credentials": ["api_key": .string(FakeTasks.sandboxKey)],
        ])
        let connection = try XCTUnwrap(connected.json["id"]?.stringValue, connected.body)
        func invoke(_ action: String, _ input: JSONValue) async throws -> TestHost.Reply {
            try await overridden.request("POST", "/v1/connections/\(connection)/actions/\(action)/invoke", key: overriddenKey,
                                         json: ["input": input])
        }

        // The operation on a server of its own: its origin's override, with the path and the connector's auth.
        let got = try await invoke("get_task", ["project": "apollo", "id": "t2"])
        XCTAssertEqual(got.status, 200, got.body)
        XCTAssertEqual(got.json["output"]?["title"], "Task 2")
        var sent = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(sent.path, "/tasks_api/v1/projects/apollo/tasks/t2")
        XCTAssertEqual(sent.headers["x-api-key"], FakeTasks.sandboxKey)
        let execution = try await overridden.request("GET", "/v1/executions/\(try XCTUnwrap(got.json["id"]?.stringValue))", key: overriddenKey)
        XCTAssertEqual(execution.json["requests"]?.arrayValue?.first?["url"]?.stringValue?.hasPrefix(sandbox + "/v1/projects/apollo/tasks/t2"),
                       true, "the execution shows where the request went: \(execution.body)")

        // The connector's base URL has an origin too: its operations follow that override, with their query.
        let listed = try await invoke("list_tasks", ["project": "apollo", "status": "open"])
        XCTAssertEqual(listed.status, 200, listed.body)
        sent = try XCTUnwrap(host.fakes.tasks.requests.last)
        XCTAssertEqual(sent.path, "/tasks_api/v1/projects/apollo/tasks")
        XCTAssertEqual(sent.query["status"], "open")

        // No override names upload.tasks.example.invalid:8443: the request goes where it says, and
        // that name resolves nowhere (the fake saw nothing more).
        let seen = host.fakes.tasks.requests.count
        let elsewhere = try await invoke("create_task", ["project": "apollo", "title": "Not redirected"])
        XCTAssertNotEqual(elsewhere.status, 200, elsewhere.body)
        XCTAssertEqual(host.fakes.tasks.requests.count, seen, "a request to an origin no override names was redirected")
        try await overridden.stop()
    }

    func testTheEgressPolicyStillAppliesToAnOperationsOwnServer() async throws {
        let strict = try await TestHost.start()
        let strictKey = try await strict.key()
        var definition = try XCTUnwrap(splitDefinition().objectValue)
        definition["auth"] = ["type": "none"]
        let created = try await strict.request("POST", "/v1/connectors", key: strictKey, json: .object(definition))
        XCTAssertEqual(created.status, 201, created.body)
        let connection = try await strict.request("POST", "/v1/connections", key: strictKey, json: ["provider": "acme.tasks"])
        let id = try XCTUnwrap(connection.json["id"]?.stringValue, connection.body)
        let refused = try await strict.request("POST", "/v1/connections/\(id)/actions/get_task/invoke", key: strictKey,
                                               json: ["input": ["project": "apollo", "id": "t1"]])
        XCTAssertEqual(refused.status, 409, refused.body)
        XCTAssertEqual(refused.errorCode, "egress_refused")
        XCTAssertTrue(host.fakes.tasks.requests.isEmpty)
        try await strict.stop()
    }

    func testTheEgressPolicyStillAppliesToAConnectorsBaseURL() async throws {
        let strict = try await TestHost.start()
        let strictKey = try await strict.key()
        let created = try await strict.request("POST", "/v1/connectors", key: strictKey, json: definition(auth: ["type": "none"]))
        XCTAssertEqual(created.status, 201, created.body)
        let connection = try await strict.request("POST", "/v1/connections", key: strictKey, json: ["provider": "acme.tasks"])
        let id = try XCTUnwrap(connection.json["id"]?.stringValue, connection.body)
        let refused = try await strict.request("POST", "/v1/connections/\(id)/actions/get_task/invoke", key: strictKey,
                                               json: ["input": ["project": "apollo", "id": "t1"]])
        XCTAssertEqual(refused.status, 409, refused.body)
        XCTAssertEqual(refused.errorCode, "egress_refused")
        XCTAssertTrue(host.fakes.tasks.requests.isEmpty)
        try await strict.stop()
    }

    func testAnOAuthConnectorConnectsThroughTheAccountsOAuthApp() async throws {
        let oauth = "http://127.0.0.1:\(host.fakes.port)/google_sheets_oauth"
        var sheets = definition(name: "sheets", auth: [
            "type": "oauth2", "authorize_url": .string(oauth + "/accounts.google.com/o/oauth2/v2/auth"),
            "token_url": .string(oauth + "/oauth2.googleapis.com/token"), "scopes": ["https://www.googleapis.com/auth/spreadsheets"],
        ]).objectValue!
        sheets["base_url"] = .string(try XCTUnwrap(host.fakes.baseURLs["google_sheets"]))
        sheets["packs"] = nil
        sheets["operations"] = [["name": "get_spreadsheet", "description": "A spreadsheet's properties.", "method": "GET",
                                 "path": "/spreadsheets/{id}", "extract": "/properties",
                                 "parameters": ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]]]
        let created = try await createConnector(.object(sheets))
        XCTAssertEqual(created.status, 201, created.body)
        let withoutApp = try await host.request("POST", "/v1/connections", key: key, json: ["provider": "acme.sheets"])
        XCTAssertEqual(withoutApp.status, 400, withoutApp.body)
        XCTAssertEqual(withoutApp.errorCode, "oauth_app_not_configured")

        let connection = try await host.connectWithOAuth("acme.sheets", key: key, fake: host.fakes.oauth.google)
        let got = try await invoke(connection, "get_spreadsheet", ["id": .string(FakeGoogleSheets.spreadsheetID)])
        XCTAssertEqual(got.status, 200, got.body)
        XCTAssertNotNil(got.json["output"]?["title"], got.body)
        let authorization = try XCTUnwrap(host.fakes.google.requests.last?.headers["authorization"])
        XCTAssertTrue(authorization.hasPrefix("Bearer "), authorization)
        let token = String(authorization.dropFirst("Bearer ".count))
        let shown = try await host.request("GET", "/v1/connections/\(connection)", key: key)
        for reply in [got, shown] { XCTAssertFalse(reply.body.contains(token), "the access token is in a response") }
    }

    // MARK: Skills and packs

    func testAConnectorsOperationsAreProvisionedAsSkillsAndItsPacksInstall() async throws {
        _ = try await createConnector()
        let connection = try await connect()
        let agent = try await host.createAgent(key: key, name: "tasks-bot", variables: ["team_project": "apollo"])
        let added = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
            "connection_id": .string(connection), "action": "get_task", "presets": ["project": "{{ team_project }}"],
        ])
        XCTAssertEqual(added.status, 201, added.body)
        let pack = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key,
                                          json: ["connection_id": .string(connection), "pack": "triage"])
        XCTAssertEqual(pack.status, 201, pack.body)
        _ = try await host.publish(key: key, agent: agent)

        // Exported as tools, the preset parameter left out of what the model fills.
        let exported = try await host.request("GET", "/v1/agents/\(agent)/tools?format=openai", key: key)
        let tool = try XCTUnwrap(exported.json["tools"]?.arrayValue?.first { $0["function"]?["name"] == "get_task" }, exported.body)
        XCTAssertEqual(tool["function"]?["description"], "One task by id.")
        XCTAssertNotNil(tool["function"]?["parameters"]?["properties"]?["id"])
        XCTAssertNil(tool["function"]?["parameters"]?["properties"]?["project"])

        let called = try await host.invokeSkill(key: key, agent: agent, skill: "get_task",
                                                ["input": ["id": "t3"], "tool_call_id": "call_abc"])
        XCTAssertEqual(called.status, 200, called.body)
        XCTAssertEqual(called.json["output"]?["title"], "Task 3")
        XCTAssertEqual(called.json["tool_call_id"], "call_abc")
        XCTAssertEqual(host.fakes.tasks.requests.last?.path, "/tasks_api/v1/projects/apollo/tasks/t3", "the preset template was not filled")

        let filed = try await host.invokeSkill(key: key, agent: agent, skill: "file_task", ["input": ["title": "From the pack"]])
        XCTAssertEqual(filed.status, 200, filed.body)
        XCTAssertEqual(filed.json["output"]?["project"], "apollo")
        let execution = try await host.request("GET", "/v1/executions/\(try XCTUnwrap(called.json["id"]?.stringValue))", key: key)
        XCTAssertEqual(execution.json["tool_call_id"], "call_abc")
    }

    // MARK: Tenancy

    func testAnotherAccountCannotSeeOrUseAConnector() async throws {
        _ = try await createConnector()
        let connection = try await connect()
        let intruder = try await host.key(account: "globex", scopes: TestHost.agentScopes + [.admin])
        for (method, path) in [("GET", "/v1/connectors/acme/tasks"), ("PUT", "/v1/connectors/acme/tasks"),
                               ("DELETE", "/v1/connectors/acme/tasks"), ("POST", "/v1/connectors/acme/tasks/test/get_task"),
                               ("GET", "/v1/catalog/acme.tasks"), ("GET", "/v1/catalog/acme.tasks/packs"),
                               ("POST", "/v1/connections/\(connection)/actions/get_task/invoke")] {
            let reply = try await host.request(method, path, key: intruder,
                                               json: method == "PUT" ? definition() : ["input": ["project": "apollo", "id": "t1"]])
            XCTAssertEqual(reply.status, 404, "\(method) \(path): \(reply.body)")
        }
        let list = try await host.request("GET", "/v1/connectors", key: intruder)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0)
        let catalog = try await host.request("GET", "/v1/catalog", key: intruder)
        XCTAssertNil(catalog.json["data"]?.arrayValue?.first { $0["id"] == "acme.tasks" }, catalog.body)
        let connect = try await host.request("POST", "/v1/connections", key: intruder,
                                             json: ["provider": "acme.tasks", "credentials": ["api_key": "stolen-key-1234"]])
        XCTAssertEqual(connect.status, 400, connect.body)
        XCTAssertEqual(connect.errorCode, "unknown_provider")
        // The same name in the other account is its own connector.
        let own = try await createConnector(key: intruder)
        XCTAssertEqual(own.status, 201, own.body)
        let mine = try await host.request("GET", "/v1/connectors/acme/tasks", key: key)
        let listed = try await host.request("GET", "/v1/connectors", key: key)
        XCTAssertEqual(mine.json["id"], listed.json["data"]?.arrayValue?.first?["id"])
        XCTAssertNotEqual(mine.json["id"], own.json["id"])
    }

    // MARK: The test endpoint

    func testTheTestEndpointShowsTheRequestWithTheSecretMasked() async throws {
        _ = try await createConnector()
        let noConnection = try await host.request("POST", "/v1/connectors/acme/tasks/test/get_task", key: key,
                                                  json: ["input": ["project": "apollo", "id": "t1"]])
        XCTAssertEqual(noConnection.status, 409, noConnection.body)
        XCTAssertEqual(noConnection.errorCode, "connection_required")

        let connection = try await connect()
        let executionsBefore = try await host.request("GET", "/v1/executions", key: key)
        let trial = try await host.request("POST", "/v1/connectors/acme/tasks/test/create_task", key: key,
                                           json: ["input": ["project": "apollo", "title": "Trial", "X-Request-Id": "r-1"]])
        XCTAssertEqual(trial.status, 200, trial.body)
        XCTAssertEqual(trial.json["ok"], true)
        XCTAssertEqual(trial.json["output"]?["title"], "Trial")
        let exchange = try XCTUnwrap(trial.json["exchanges"]?.arrayValue?.first, trial.body)
        XCTAssertEqual(exchange["request"]?["method"], "POST")
        XCTAssertEqual(exchange["request"]?["url"]?.stringValue, base + "/projects/apollo/tasks")
        XCTAssertEqual(exchange["request"]?["headers"]?["X-Api-Key"], "[REDACTED]")
        XCTAssertEqual(exchange["request"]?["headers"]?["X-Request-Id"], "r-1")
        XCTAssertEqual(exchange["request"]?["body"], ["title": "Trial"])
        XCTAssertEqual(exchange["response"]?["status"], 201)
        XCTAssertEqual(exchange["response"]?["body"]?["task"]?["title"], "Trial")
        XCTAssertFalse(trial.body.contains(FakeTasks.sandboxKey), trial.body)
        XCTAssertEqual(host.fakes.tasks.requests.last?.headers["x-api-key"], FakeTasks.sandboxKey, "the trial went without the key")

        // A query key is masked in the URL shown, and a failing trial shows the upstream's answer.
        var queryKeyed = definition(auth: ["type": "api_key", "in": "query", "name": "api_key"]).objectValue!
        queryKeyed["namespace"] = "acme"
        _ = try await host.request("PUT", "/v1/connectors/acme/tasks", key: key, json: .object(queryKeyed))
        let failing = try await host.request("POST", "/v1/connectors/acme/tasks/test/get_task", key: key,
                                             json: ["input": ["project": "apollo", "id": "t404"], "connection_id": .string(connection)])
        XCTAssertEqual(failing.status, 200, failing.body)
        XCTAssertEqual(failing.json["ok"], false)
        XCTAssertEqual(failing.json["error"]?["upstream_status"], 404)
        XCTAssertEqual(failing.json["exchanges"]?.arrayValue?.first?["response"]?["body"], ["error": "not_found"])
        let shownURL = failing.json["exchanges"]?.arrayValue?.first?["request"]?["url"]?.stringValue ?? ""
        XCTAssertTrue(shownURL.contains("api_key=") && !shownURL.contains(FakeTasks.sandboxKey), shownURL)
        XCTAssertFalse(failing.body.contains(FakeTasks.sandboxKey), failing.body)

        let bad = try await host.request("POST", "/v1/connectors/acme/tasks/test/get_task", key: key, json: ["input": ["id": 1]])
        XCTAssertEqual(bad.status, 400, bad.body)
        let unknown = try await host.request("POST", "/v1/connectors/acme/tasks/test/nope", key: key, json: ["input": [:]])
        XCTAssertEqual(unknown.status, 404, unknown.body)
        XCTAssertEqual(unknown.errorCode, "unknown_operation")
        let executionsAfter = try await host.request("GET", "/v1/executions", key: key)
        XCTAssertEqual(executionsAfter.json["data"]?.arrayValue?.count, executionsBefore.json["data"]?.arrayValue?.count,
                       "a trial was recorded as an execution")
    }

    func testATrialThatTimesOutReportsItsTimeoutOnTheHostsClock() async throws {
        let clock = ManualClock()
        try await host.stop()
        host = try await TestHost.start(allowEgress: ["127.0.0.0/8"], clock: clock)
        key = try await host.key(scopes: TestHost.agentScopes)
        let slow: JSONValue = [
            "namespace": "acme", "name": "slow", "title": "Slow", "description": "An upstream that does not answer.",
            "base_url": .string(try XCTUnwrap(host.fakes.baseURLs["slack"])), "auth": ["type": "none"],
            "operations": [["name": "check", "description": "Waits.", "method": "GET", "path": "/auth.test", "timeout_ms": 500]],
        ]
        let created = try await createConnector(slow)
        XCTAssertEqual(created.status, 201, created.body)
        let gate = host.fakes.slack.holdNext()
        defer { gate.release() }
        let answered = ManagedFlag()
        let (host, key) = (try XCTUnwrap(host), try XCTUnwrap(key))
        let trial = Task {
            defer { answered.set() }
            return try await host.request("POST", "/v1/connectors/acme/slow/test/check", key: key, json: ["input": [:]])
        }
        defer { trial.cancel() }
        let holding = await gate.waitUntilHolding(1)
        XCTAssertTrue(holding, "the trial's request never reached the upstream")
        try await clock.sleeper(dueIn: .milliseconds(500))
        clock.advance(by: .milliseconds(499))
        XCTAssertFalse(answered.isSet, "the trial ended before its timeout")
        clock.advance(by: .milliseconds(1))
        let reply = try await trial.value
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["ok"], false)
        XCTAssertEqual(reply.json["error"]?["code"], "upstream_timeout", reply.body)
        XCTAssertEqual(reply.json["duration_ms"], 500, "the trial's duration is the host's time it waited: \(reply.body)")
    }
}
