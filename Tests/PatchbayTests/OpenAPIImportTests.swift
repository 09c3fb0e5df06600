import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Connectors from OpenAPI descriptions: `parse-openapi` shows what a document gives, and
/// `import-openapi` adds it to an existing connector. 3.0 and 3.1, JSON and YAML, references
/// with cycles, the filter, security schemes, the report of what was skipped, and refusals.
final class OpenAPIImportTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func parse(_ document: JSONValue, filter: JSONValue? = nil) async throws -> TestHost.Reply {
        var body: [String: JSONValue] = ["document": document]
        if let filter { body["filter"] = filter }
        return try await host.request("POST", "/v1/connectors/parse-openapi", key: key, json: .object(body))
    }

    func operation(_ reply: TestHost.Reply, _ name: String) throws -> JSONValue {
        try XCTUnwrap(reply.json["definition"]?["operations"]?.arrayValue?.first { $0["name"]?.stringValue == name },
                      "no operation \(name): \(reply.body)")
    }

    func notes(_ reply: TestHost.Reply, of operation: String?) -> [String] {
        (reply.json["report"]?["approximated"]?.arrayValue ?? [])
            .filter { $0["operation"]?.stringValue == operation }
            .compactMap { $0["note"]?.stringValue }
    }

    /// The definition of a parse, named, as `POST /v1/connectors` takes it.
    func named(_ reply: TestHost.Reply, _ name: String, base: String? = nil) throws -> JSONValue {
        var definition = try XCTUnwrap(reply.json["definition"]?.objectValue, reply.body)
        definition["namespace"] = "acme"
        definition["name"] = .string(name)
        if let base { definition["base_url"] = .string(base) }
        return .object(definition)
    }

    // MARK: Versions and formats

    func testA30JSONDocumentGivesOperationsWithInputsOutputsAuthAndBaseURL() async throws {
        let reply = try await parse(OpenAPIDocuments.petstore30)
        XCTAssertEqual(reply.status, 200, reply.body)
        let definition = try XCTUnwrap(reply.json["definition"])
        XCTAssertEqual(definition["title"], "Petstore")
        XCTAssertEqual(definition["base_url"], "https://eu.pets.example.com/v1", "servers[0] with its variable at its default, no trailing slash")
        XCTAssertEqual(definition["auth"], ["type": "api_key", "in": "header", "name": "X-Pet-Key"])
        XCTAssertEqual(definition["operations"]?.arrayValue?.compactMap { $0["name"]?.stringValue },
                       ["list_pets", "create_pet", "show_pet_by_id", "delete_pets_pet_id"])
        let report = try XCTUnwrap(reply.json["report"])
        XCTAssertEqual(report["openapi"], "3.0.3")
        XCTAssertEqual(report["operations_in_document"], 4)
        XCTAssertEqual(report["imported"], 4)
        XCTAssertEqual(report["skipped"], [])

        // A shared parameter by reference, with its description; the reply's items resolved through two references.
        let list = try operation(reply, "list_pets")
        XCTAssertEqual(list["title"], "List pets")
        XCTAssertEqual(list["method"], "GET")
        XCTAssertEqual(list["parameters"]?["properties"]?["limit"], ["type": "integer", "maximum": 100, "description": "How many pets to list."])
        XCTAssertEqual(list["locations"], ["limit": "query"])
        let pet = try XCTUnwrap(list["output_schema"]?["items"])
        XCTAssertEqual(pet["required"], ["id", "name"])
        XCTAssertEqual(pet["properties"]?["owner"]?["properties"]?["name"], ["type": "string"])
        XCTAssertNil(pet["properties"]?["owner"]?["example"], "examples are left out of the schemas")
        XCTAssertEqual(JSONSchema.violations(of: [["id": 1, "name": "Rex", "tag": nil]], against: try XCTUnwrap(list["output_schema"])), [],
                       "nullable (3.0) lets null through")
        XCTAssertFalse(JSONSchema.violations(of: [["id": "one", "name": "Rex"]], against: try XCTUnwrap(list["output_schema"])).isEmpty)

        // A header parameter beside the body's properties, which carry the body's required list.
        let create = try operation(reply, "create_pet")
        XCTAssertEqual(create["locations"], ["X-Request-Id": "header", "name": "body", "tag": "body"])
        XCTAssertEqual(create["parameters"]?["required"], ["name"])
        XCTAssertEqual(create["parameters"]?["properties"]?["name"], ["type": "string", "maxLength": 40])
        XCTAssertEqual(create["parameters"]?["additionalProperties"], false)
        XCTAssertEqual(create["output_schema"]?["required"], ["id", "name"], "the 201 reply is the output")

        // A path-item parameter is required and goes to the path; no operationId gives method and path.
        let show = try operation(reply, "show_pet_by_id")
        XCTAssertEqual(show["description"], "One pet by its id.")
        XCTAssertEqual(show["parameters"]?["required"], ["petId"])
        XCTAssertEqual(show["locations"], ["petId": "path"])
        let delete = try operation(reply, "delete_pets_pet_id")
        XCTAssertEqual(delete["description"], "DELETE /pets/{petId}")
        XCTAssertNil(delete["output_schema"])

        // The definition is one `POST /v1/connectors` takes as it is.
        let created = try await host.request("POST", "/v1/connectors", key: key, json: try named(reply, "pets"))
        XCTAssertEqual(created.status, 201, created.body)
        let catalog = try await host.request("GET", "/v1/catalog/acme.pets", key: key)
        XCTAssertEqual(catalog.status, 200, catalog.body)
    }

    func testA31YAMLDocumentAsTextGivesTheSameModelAndACycleStaysFinite() async throws {
        let reply = try await parse(.string(OpenAPIDocuments.notes31))
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["report"]?["openapi"], "3.1.0")
        XCTAssertEqual(reply.json["definition"]?["auth"], ["type": "bearer"])
        XCTAssertEqual(reply.json["definition"]?["base_url"], "https://notes.example.com/api")

        // An allOf body: the referenced schema's properties and the inline member's, with the required ones.
        let create = try operation(reply, "create_note")
        XCTAssertEqual(Set(create["parameters"]?["properties"]?.objectValue?.keys ?? [:].keys), ["id", "body", "tags", "pinned"])
        XCTAssertEqual(create["parameters"]?["required"], ["id"])
        XCTAssertEqual(create["parameters"]?["properties"]?["body"]?["type"], ["string", "null"])
        let input = try XCTUnwrap(create["parameters"])
        XCTAssertEqual(JSONSchema.violations(of: ["id": "n1", "body": nil, "pinned": true], against: input), [])
        XCTAssertFalse(JSONSchema.violations(of: ["id": "n1", "tags": ["a", "a"]], against: input).isEmpty, "uniqueItems is kept")

        // Tree refers to itself: expanded once, then a loose schema, noted.
        let tree = try operation(reply, "note_tree")
        let output = try XCTUnwrap(tree["output_schema"])
        XCTAssertEqual(output["properties"]?["children"]?["items"], ["description": "Tree (not expanded here)"])
        let deep: JSONValue = ["label": "root", "children": [["label": "a", "children": [["label": "b", "children": []]]]]]
        XCTAssertEqual(JSONSchema.violations(of: deep, against: output), [])
        XCTAssertTrue(notes(reply, of: "note_tree").contains { $0.contains("Tree refers back to itself") }, reply.body)
        XCTAssertTrue(notes(reply, of: "note_tree").contains { $0.contains("comma-separated") },
                      "an exploded array query parameter is noted: \(reply.body)")
        XCTAssertEqual(tree["locations"], ["id": "path", "ids": "query"])

        // The same document as a JSON value and as JSON text reads the same.
        for document in [OpenAPIDocuments.notes31Object, .string(String(decoding: try WireCoding.encode(OpenAPIDocuments.notes31Object), as: UTF8.self))] {
            let fromJSON = try await parse(document)
            XCTAssertEqual(fromJSON.status, 200, fromJSON.body)
            XCTAssertEqual(fromJSON.json["definition"]?["operations"], reply.json["definition"]?["operations"])
        }
    }

    // MARK: Filter

    func testTheFilterKeepsOperationsByTagPathAndID() async throws {
        func names(_ filter: JSONValue) async throws -> [String] {
            let reply = try await parse(OpenAPIDocuments.petstore30, filter: filter)
            XCTAssertEqual(reply.status, 200, reply.body)
            return reply.json["report"]?["operations"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        let byTag = try await names(["tags": ["admin"]])
        XCTAssertEqual(byTag, ["delete_pets_pet_id"])
        let byPrefix = try await names(["paths": ["/pets/"]])
        XCTAssertEqual(byPrefix, ["show_pet_by_id", "delete_pets_pet_id"])
        let byGlob = try await names(["paths": ["/*"]])
        XCTAssertEqual(byGlob, ["list_pets", "create_pet"], "* stays within a segment")
        let byDoubleStar = try await names(["paths": ["/**/{petId}"]])
        XCTAssertEqual(byDoubleStar, ["show_pet_by_id", "delete_pets_pet_id"])
        let byID = try await names(["operation_ids": ["showPetById", "create_pet"]])
        XCTAssertEqual(byID, ["create_pet", "show_pet_by_id"], "the document's id or the imported name")
        let both = try await names(["tags": ["pets"], "paths": ["/pets/"]])
        XCTAssertEqual(both, ["show_pet_by_id"], "each list narrows")

        let filtered = try await parse(OpenAPIDocuments.petstore30, filter: ["tags": ["admin"]])
        XCTAssertEqual(filtered.json["report"]?["filtered_out"], 3)
        XCTAssertEqual(filtered.json["report"]?["skipped"], [], "left out by the filter is not skipped")

        for (filter, field) in [(["tags": "admin"], "filter.tags"), (["paths": ["pets"]], "filter.paths[0]"),
                                (["operation_ids": [1]], "filter.operation_ids[0]"), (["tag": ["x"]], "filter.tag")] as [(JSONValue, String)] {
            let bad = try await parse(OpenAPIDocuments.petstore30, filter: filter)
            XCTAssertEqual(bad.status, 400, bad.body)
            XCTAssertEqual(bad.errorField, field, bad.body)
        }
        let notAnObject = try await host.request("POST", "/v1/connectors/parse-openapi", key: key,
                                                 json: ["document": OpenAPIDocuments.petstore30, "filter": ["admin"]])
        XCTAssertEqual(notAnObject.status, 400, notAnObject.body)
        XCTAssertEqual(notAnObject.errorField, "filter")
    }

    // MARK: Security schemes

    func testSecuritySchemesBecomeConnectorAuth() async throws {
        let oauthFlows: JSONValue = ["authorizationCode": [
            "authorizationUrl": "https://auth.example.com/authorize", "tokenUrl": "https://auth.example.com/token",
            "scopes": ["read": "Read.", "write": "Write."]]]
        let cases: [(JSONValue, JSONValue?, String?)] = [
            (["type": "http", "scheme": "bearer", "bearerFormat": "JWT"], ["type": "bearer"], nil),
            (["type": "http", "scheme": "basic"], ["type": "basic"], nil),
            (["type": "apiKey", "in": "header", "name": "X-Key"], ["type": "api_key", "in": "header", "name": "X-Key"], nil),
            (["type": "apiKey", "in": "query", "name": "key"], ["type": "api_key", "in": "query", "name": "key"], nil),
            (["type": "apiKey", "in": "cookie", "name": "session"], nil, "cookie"),
            (["type": "http", "scheme": "digest"], nil, "HTTP digest"),
            (["type": "oauth2", "flows": oauthFlows],
             ["type": "oauth2", "authorize_url": "https://auth.example.com/authorize", "token_url": "https://auth.example.com/token",
              "scopes": ["read", "write"]], "register the account's OAuth app"),
            (["type": "oauth2", "flows": ["clientCredentials": ["tokenUrl": "https://auth.example.com/token", "scopes": [:]]]],
             ["type": "bearer"], "without an authorization code flow"),
            (["type": "openIdConnect", "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration"],
             ["type": "bearer"], "OpenID Connect"),
        ]
        for (scheme, auth, note) in cases {
            var document = OpenAPIDocuments.petstore30.objectValue!
            var components = document["components"]!.objectValue!
            components["securitySchemes"] = ["petKey": scheme]
            document["components"] = .object(components)
            let reply = try await parse(.object(document))
            XCTAssertEqual(reply.status, 200, reply.body)
            var given = reply.json["definition"]?["auth"]?.objectValue
            // Scopes come in no particular order.
            if let scopes = given?["scopes"]?.arrayValue {
                given?["scopes"] = .array(scopes.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") })
            }
            XCTAssertEqual(given.map(JSONValue.object), auth, "\(scheme)")
            if let note {
                XCTAssertTrue(notes(reply, of: nil).contains { $0.contains(note) }, "\(scheme): \(reply.body)")
            }
            if auth != nil {
                // Every mapping is an auth a connector accepts.
                let created = try await host.request("POST", "/v1/connectors", key: key, json: try named(reply, "auth\(Int.random(in: 0..<1_000_000))"))
                XCTAssertEqual(created.status, 201, "\(scheme): \(created.body)")
            }
        }

        // Two schemes: the one the document requires is taken, and the other is named.
        var document = OpenAPIDocuments.petstore30.objectValue!
        var components = document["components"]!.objectValue!
        components["securitySchemes"] = ["aBasic": ["type": "http", "scheme": "basic"], "petKey": ["type": "apiKey", "in": "header", "name": "X-Pet-Key"]]
        document["components"] = .object(components)
        let two = try await parse(.object(document))
        XCTAssertEqual(two.json["definition"]?["auth"]?["type"], "api_key")
        XCTAssertTrue(notes(two, of: nil).contains { $0.contains("aBasic") }, two.body)
    }

    func testA31DocumentWithSchemasInTheir30FormIsReadWithEachRewriteNoted() async throws {
        let reply = try await parse(OpenAPIDocuments.legacy31)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["report"]?["imported"], 1, reply.body)
        let job = try operation(reply, "create_job")

        // The input: exclusiveMinimum with its bound, nullable as a null type.
        let input = try XCTUnwrap(job["parameters"])
        XCTAssertEqual(input["properties"]?["n"]?["exclusiveMinimum"], 0, reply.body)
        XCTAssertNil(input["properties"]?["n"]?["minimum"], reply.body)
        XCTAssertEqual(JSONSchema.violations(of: ["n": 1, "note": nil], against: input), [])
        XCTAssertFalse(JSONSchema.violations(of: ["n": 0], against: input).isEmpty, "0 is not above an exclusive minimum of 0")

        // The output: every form, with what it meant in 3.0.
        let output = try XCTUnwrap(job["output_schema"])
        XCTAssertEqual(JSONSchema.violations(of: ["id": "j1", "temperature": 1.5, "top_p": 1, "suffix": nil, "mode": nil,
                                                  "nullable": true], against: output), [], reply.body)
        XCTAssertEqual(JSONSchema.violations(of: ["id": "j1", "mode": "fast", "owner": ["name": "Ada"]], against: output), [])
        let refused: [(JSONValue, String)] = [
            (["id": "j1", "temperature": 0], "the exclusive minimum"),
            (["id": "j1", "temperature": 2], "the exclusive maximum"),
            (["id": "j1", "top_p": 1.5], "an inclusive maximum stays one"),
            (["id": "j1", "mode": "medium"], "the enum"),
            (["id": "j1", "owner": "Ada"], "the referenced type"),
            (["id": "j1", "nullable": nil], "a property merely called nullable"),
        ]
        for (bad, why) in refused {
            XCTAssertFalse(JSONSchema.violations(of: bad, against: output).isEmpty, "\(why) no longer holds: \(output)")
        }

        // Nothing is changed silently: each rewrite is in the report with the JSON pointer of its schema.
        let documentNotes = notes(reply, of: nil)
        let rewrites: [(String, String)] = [
            ("/components/schemas/Job/properties/temperature", "exclusiveMinimum: true with minimum: 0 (OpenAPI 3.0) read as exclusiveMinimum: 0"),
            ("/components/schemas/Job/properties/temperature", "exclusiveMaximum: true with maximum: 2 (OpenAPI 3.0) read as exclusiveMaximum: 2"),
            ("/components/schemas/Job/properties/top_p", "exclusiveMaximum: false"),
            ("/components/schemas/Job/properties/suffix", "nullable: true (OpenAPI 3.0) read as type: [string, null]"),
            ("/components/schemas/Job/properties/mode", "nullable: true"),
            ("/components/schemas/Job/properties/owner", "null is not accepted there"),
            ("/paths/~1jobs/post/requestBody/content/application~1json/schema/properties/n", "exclusiveMinimum: 0"),
        ]
        for (pointer, said) in rewrites {
            XCTAssertTrue(documentNotes.contains { $0.hasPrefix(pointer + ": ") && $0.contains(said) }, "\(pointer) \(said): \(documentNotes)")
        }
        XCTAssertEqual(documentNotes.filter { $0.contains("OpenAPI 3.0") }.count, 8, "\(documentNotes)")
        XCTAssertFalse(documentNotes.contains { $0.contains("properties/nullable") }, "a property called nullable was rewritten")

        // A 3.0 document keeps its own reading, and a 3.1 one in the 3.1 form is not touched.
        var modern = try XCTUnwrap(OpenAPIDocuments.legacy31.objectValue)
        modern["components"] = ["schemas": ["Job": ["type": "object", "properties": ["t": ["type": ["number", "null"], "exclusiveMinimum": 0]]]]]
        modern["paths"] = ["/jobs": ["get": ["operationId": "getJob", "responses": ["200": ["description": "The job.", "content": [
            "application/json": ["schema": ["$ref": "#/components/schemas/Job"]]]]]]]]
        let clean = try await parse(.object(modern))
        XCTAssertEqual(clean.status, 200, clean.body)
        XCTAssertFalse(notes(clean, of: nil).contains { $0.contains("OpenAPI 3.0") }, clean.body)
        let strict = try await parse(["openapi": "3.1.0", "info": ["title": "T", "version": "1"],
                                      "paths": ["/x": ["get": ["responses": ["200": ["description": "ok", "content": ["application/json": [
                                          "schema": ["type": "number", "exclusiveMinimum": "zero"]]]]]]]]])
        XCTAssertEqual(strict.status, 400, "a keyword of the wrong type is still refused: \(strict.body)")
    }

    func testAnOperationOnAServerOfItsOwnKeepsItAndOnlyAnUnresolvableServerIsNoted() async throws {
        let reply = try await parse(OpenAPIDocuments.uploads(uploads: "https://upload.files.example.invalid/api/2.0"))
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["definition"]?["base_url"], "https://files.example.invalid/2.0")
        XCTAssertEqual(try operation(reply, "upload_file")["base_url"], "https://upload.files.example.invalid/api/2.0",
                       "the operation's server, without its trailing slash")
        XCTAssertEqual(try operation(reply, "upload_version")["base_url"], "https://eu.upload.example.com/2.0",
                       "the path item's server, its variable at its default")
        XCTAssertNil(try operation(reply, "get_file")["base_url"], "the document's own server is not repeated")
        XCTAssertNil(try operation(reply, "list_folders")["base_url"])
        XCTAssertTrue(notes(reply, of: "list_folders").contains { $0.contains("{tenant}") && $0.contains("base URL is used") }, reply.body)
        for name in ["upload_file", "upload_version", "get_file"] {
            XCTAssertFalse(notes(reply, of: name).contains { $0.contains("server") }, "\(name): \(reply.body)")
        }
        // The definition is one the API takes as it is.
        let created = try await host.request("POST", "/v1/connectors", key: key, json: try named(reply, "files"))
        XCTAssertEqual(created.status, 201, created.body)
        let stored = created.json["definition"]?["operations"]?.arrayValue?.first { $0["name"] == "upload_file" }
        XCTAssertEqual(stored?["base_url"], "https://upload.files.example.invalid/api/2.0")
    }

    // MARK: The report

    func testEveryOperationThatCannotBeExpressedIsSkippedWithTheReason() async throws {
        let reply = try await parse(OpenAPIDocuments.awkward)
        XCTAssertEqual(reply.status, 200, reply.body)
        let report = try XCTUnwrap(reply.json["report"])
        XCTAssertEqual(report["operations_in_document"], 10)
        XCTAssertEqual(Set(report["operations"]?.arrayValue?.compactMap(\.stringValue) ?? []),
                       ["list_items", "add_note", "trace", "list_archived_items"])
        var reasons: [String: String] = [:]
        for item in report["skipped"]?.arrayValue ?? [] {
            reasons[item["operation"]?.stringValue ?? ""] = item["reason"]?.stringValue
        }
        XCTAssertEqual(Set(reasons.keys), ["uploadFile", "headPing", "getSession", "search", "batch", "list-items"], reply.body)
        XCTAssertEqual(try operation(reply, "list_items")["path"], "/items", "the first path in order keeps the name")
        XCTAssertTrue(reasons["uploadFile"]?.contains("multipart/form-data, not JSON") == true, reasons["uploadFile"] ?? "")
        XCTAssertTrue(reasons["headPing"]?.contains("method HEAD") == true, reasons["headPing"] ?? "")
        XCTAssertTrue(reasons["getSession"]?.contains("required cookie parameter sid") == true, reasons["getSession"] ?? "")
        XCTAssertTrue(reasons["search"]?.contains("style deepObject") == true, reasons["search"] ?? "")
        XCTAssertTrue(reasons["batch"]?.contains("JSON array") == true, reasons["batch"] ?? "")
        XCTAssertTrue(reasons["list-items"]?.contains("list_items is already that of GET /items") == true, reasons["list-items"] ?? "")
        let skippedHead = report["skipped"]?.arrayValue?.first { $0["operation"] == "headPing" }
        XCTAssertEqual(skippedHead?["method"], "HEAD")
        XCTAssertEqual(skippedHead?["path"], "/ping")

        // Imported, with what is sent differently noted against each.
        XCTAssertTrue(notes(reply, of: "add_note").contains { $0.contains("optional request body is text/plain") }, reply.body)
        XCTAssertTrue(notes(reply, of: "add_note").contains { $0.contains("text/csv") }, reply.body)
        XCTAssertTrue(notes(reply, of: "trace").contains { $0.contains("optional cookie parameter debug") }, reply.body)
        XCTAssertTrue(notes(reply, of: nil).contains { $0.contains("/relative") && $0.contains("base_url") }, reply.body)
        XCTAssertNil(reply.json["definition"]?["base_url"], "a relative server is no base URL")
        // A path told apart by a fragment is sent without it; Markdown over lines becomes one line.
        let archived = try operation(reply, "list_archived_items")
        XCTAssertEqual(archived["path"], "/items")
        XCTAssertEqual(archived["description"], "Archived items. Items no longer shown. They are kept for a year.")
        XCTAssertTrue(notes(reply, of: "list_archived_items").contains { $0.contains("fragment") }, reply.body)
        XCTAssertEqual(try operation(reply, "add_note")["parameters"]?["properties"], [:])
    }

    // MARK: Refusals

    func testMalformedDocumentsAreRefusedWithWhereTheyAreWrong() async throws {
        let cases: [(JSONValue, String, String)] = [
            (.string("{\"openapi\": \"3.0.3\", \"info\": "), "not valid JSON", "document"),
            (.string("openapi: 3.0.3\ninfo:\n  title: [unclosed\n"), "line", "document"),
            (["swagger": "2.0", "info": ["title": "Old", "version": "1"], "paths": [:]], "Swagger 2.0", "document.openapi"),
            (["openapi": "4.0.0", "info": ["title": "Future", "version": "1"], "paths": [:]], "4.0.0 is not supported", "document.openapi"),
            (["openapi": "3.0.3", "info": ["title": "No version"], "paths": [:]], "version", "document.info"),
            (["openapi": "3.1.0", "info": ["title": "T", "version": "1"],
              "paths": ["/x": ["get": ["responses": ["200": ["description": 5]]]]]], "description", "document.paths"),
            (.string("just text"), "mapping", "document"),
            (12, "must be object or string", "document"),
        ]
        for (document, message, field) in cases {
            let reply = try await parse(document)
            XCTAssertEqual(reply.status, 400, "\(document): \(reply.body)")
            XCTAssertTrue(reply.errorMessage?.contains(message) == true, "\(document): \(reply.body)")
            XCTAssertTrue(reply.errorField?.hasPrefix(field) == true, "\(field) for \(document): \(reply.body)")
        }
        let missing = try await host.request("POST", "/v1/connectors/parse-openapi", key: key, json: ["filter": [:]])
        XCTAssertEqual(missing.status, 400, missing.body)
        XCTAssertEqual(missing.errorField, "document")
        let unknown = try await host.request("POST", "/v1/connectors/parse-openapi", key: key,
                                             json: ["document": OpenAPIDocuments.petstore30, "replace": true])
        XCTAssertEqual(unknown.status, 400, unknown.body)
        XCTAssertEqual(unknown.errorField, "replace")
        let garbage = try await host.request("POST", "/v1/connectors/parse-openapi", key: key, body: "{not json")
        XCTAssertEqual(garbage.status, 400, garbage.body)
        XCTAssertEqual(garbage.errorCode, "malformed_json")
        let reader = try await host.key(scopes: [.integrationsRead])
        let unscoped = try await host.request("POST", "/v1/connectors/parse-openapi", key: reader,
                                              json: ["document": OpenAPIDocuments.petstore30])
        XCTAssertEqual(unscoped.status, 403, unscoped.body)
    }

    // MARK: Importing into a connector

    func handWritten(auth: JSONValue = ["type": "none"]) -> JSONValue {
        ["namespace": "acme", "name": "pets", "base_url": "https://pets.internal.example.com", "auth": auth,
         "operations": [
            ["name": "list_pets", "description": "Hand-written.", "method": "GET", "path": "/old-pets"],
            ["name": "ping", "description": "Is it up?", "method": "GET", "path": "/ping"],
         ]]
    }

    func testAnImportAddsAndReplacesOperationsAndKeepsTheConnectorsBaseURL() async throws {
        let created = try await host.request("POST", "/v1/connectors", key: key, json: handWritten())
        XCTAssertEqual(created.status, 201, created.body)
        let reply = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: key,
                                           json: ["document": OpenAPIDocuments.petstore30, "filter": ["tags": ["pets"]]])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["report"]?["replaced"], ["list_pets"])
        XCTAssertEqual(reply.json["report"]?["imported"], 3)
        let definition = try XCTUnwrap(reply.json["connector"]?["definition"])
        XCTAssertEqual(definition["base_url"], "https://pets.internal.example.com", "the connector's base URL is kept")
        XCTAssertEqual(definition["auth"]?["type"], "api_key", "a connector without auth takes the document's: \(reply.body)")
        XCTAssertEqual(definition["operations"]?.arrayValue?.compactMap { $0["name"]?.stringValue },
                       ["list_pets", "ping", "create_pet", "show_pet_by_id"], "added in the document's path order")
        XCTAssertEqual(definition["operations"]?.arrayValue?.first?["path"], "/pets", "replaced by the document's")
        let read = try await host.request("GET", "/v1/connectors/acme/pets", key: key)
        XCTAssertEqual(read.json["definition"], definition, "stored")
        let catalog = try await host.request("GET", "/v1/catalog/acme.pets", key: key)
        XCTAssertEqual(catalog.status, 200, catalog.body)
        XCTAssertTrue(catalog.body.contains("show_pet_by_id"), catalog.body)

        // A connector that has auth keeps it.
        let other = try await host.request("POST", "/v1/connectors", key: key,
                                           json: .object(handWritten(auth: ["type": "bearer"]).objectValue!.merging(["name": "kept"]) { $1 }))
        XCTAssertEqual(other.status, 201, other.body)
        let kept = try await host.request("POST", "/v1/connectors/acme/kept/import-openapi", key: key,
                                          json: ["document": OpenAPIDocuments.petstore30])
        XCTAssertEqual(kept.status, 200, kept.body)
        XCTAssertEqual(kept.json["connector"]?["definition"]?["auth"], ["type": "bearer"])

        // Nothing matched: nothing changes, and the report says why.
        let none = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: key,
                                          json: ["document": OpenAPIDocuments.petstore30, "filter": ["tags": ["nothing"]]])
        XCTAssertEqual(none.status, 200, none.body)
        XCTAssertEqual(none.json["report"]?["imported"], 0)
        XCTAssertEqual(none.json["report"]?["filtered_out"], 4)
        XCTAssertEqual(none.json["connector"]?["updated_at"], reply.json["connector"]?["updated_at"])
    }

    func testAnotherAccountsOrAnUnknownConnectorIsNotFound() async throws {
        let created = try await host.request("POST", "/v1/connectors", key: key, json: handWritten())
        XCTAssertEqual(created.status, 201, created.body)
        let intruder = try await host.key(account: "globex", scopes: TestHost.agentScopes + [.admin])
        let foreign = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: intruder,
                                             json: ["document": OpenAPIDocuments.petstore30])
        XCTAssertEqual(foreign.status, 404, foreign.body)
        let unknown = try await host.request("POST", "/v1/connectors/acme/nope/import-openapi", key: key,
                                             json: ["document": OpenAPIDocuments.petstore30])
        XCTAssertEqual(unknown.status, 404, unknown.body)
        // Even with a document that would not parse: the connector is looked up first.
        let foreignBad = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: intruder,
                                                json: ["document": "{broken"])
        XCTAssertEqual(foreignBad.status, 404, foreignBad.body)
        let mine = try await host.request("GET", "/v1/connectors/acme/pets", key: key)
        XCTAssertEqual(mine.json["definition"]?["operations"]?.arrayValue?.count, 2, "unchanged")
    }

    // MARK: Large documents

    func testALargeDocumentWithDeepReferencesAndACycleIsImportedWithEveryOperationAccountedFor() async throws {
        let resources = 130, uploads = 20, depth = 12
        let document = OpenAPIDocuments.large(resources: resources, uploads: uploads, depth: depth)
        let started = ContinuousClock.now
        let reply = try await parse(document)
        let elapsed = ContinuousClock.now - started
        print("parse-openapi of \(resources * 4 + uploads) operations (debug build): \(elapsed)")
        XCTAssertEqual(reply.status, 200, String(reply.body.prefix(2000)))
        let report = try XCTUnwrap(reply.json["report"])
        XCTAssertEqual(report["operations_in_document"]?.intValue, resources * 4 + uploads)
        XCTAssertEqual(report["imported"]?.intValue, resources * 4)
        let skipped = report["skipped"]?.arrayValue ?? []
        XCTAssertEqual(Set(skipped.compactMap { $0["operation"]?.stringValue }), Set((0..<uploads).map { "uploadResource\($0)" }))
        XCTAssertTrue(skipped.allSatisfy { $0["reason"]?.stringValue?.contains("multipart/form-data") == true })

        // The chain is expanded link by link until it comes back to its start.
        let get = try operation(reply, "get_resource7")
        var link = try XCTUnwrap(get["output_schema"]?["properties"]?["chain"])
        for level in 0..<depth {
            XCTAssertEqual(link["description"]?.stringValue, "Link \(level) of the chain.")
            link = try XCTUnwrap(link["properties"]?["next"], "link \(level)")
        }
        XCTAssertEqual(link, ["description": "Level0 (not expanded here)"])
        XCTAssertTrue(notes(reply, of: "get_resource7").contains { $0.contains("Level0 refers back to itself") }, String(reply.body.prefix(2000)))

        // More than a connector holds is refused with what to do; a filter brings it under.
        let created = try await host.request("POST", "/v1/connectors", key: key, json: handWritten())
        XCTAssertEqual(created.status, 201, created.body)
        let all = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: key, json: ["document": document])
        XCTAssertEqual(all.status, 400, String(all.body.prefix(500)))
        XCTAssertEqual(all.errorField, "filter")
        let some = try await host.request("POST", "/v1/connectors/acme/pets/import-openapi", key: key,
                                          json: ["document": document, "filter": ["paths": ["/r1**"]]])
        XCTAssertEqual(some.status, 200, String(some.body.prefix(2000)))
        let matching = (0..<resources).filter { String($0).hasPrefix("1") }
        XCTAssertEqual(some.json["report"]?["imported"]?.intValue, matching.count * 4)
        XCTAssertEqual(some.json["report"]?["skipped"]?.arrayValue?.count, matching.filter { $0 < uploads }.count)
        XCTAssertEqual(some.json["connector"]?["definition"]?["operations"]?.arrayValue?.count, matching.count * 4 + 2)
    }
}
