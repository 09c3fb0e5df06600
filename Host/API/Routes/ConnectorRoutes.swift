import Hummingbird
import PatchbayServices
import PatchbayStore
import PatchbayWire

enum ConnectorRoutes {
    static let body: JSONValue = [
        "type": "object",
        "description": "A declarative HTTP connector (docs/connectors.md has every field).",
        "properties": [
            "namespace": ["type": "string", "description": "Groups connectors; defaults to default. [a-z][a-z0-9_-]*."],
            "name": ["type": "string", "description": "[a-z][a-z0-9_-]*; the catalog id is namespace.name."],
            "title": ["type": "string"],
            "description": ["type": "string"],
            "category": ["type": "string"],
            "base_url": ["type": "string", "description": "http or https; every operation's path is relative to it."],
            "auth": ["type": "object", "description": "type: none, bearer, basic, api_key (in: header|query, name) or oauth2 (authorize_url, token_url, scopes, pkce, client_auth, refresh)."],
            "headers": ["type": "object", "description": "Default headers of every request; no credentials."],
            "operations": ["type": "array", "description": "name, description, method, path (with {placeholders}), parameters (JSON Schema object), locations (path|query|header|body per parameter), output_schema, extract (JSON pointer), pagination (cursor|link_header|page_number), mutating, important, timeout_ms."],
            "packs": ["type": "array", "description": "id, name, description, skills: [{name, operation, description, presets}]."],
        ],
        "required": ["name", "base_url", "operations"],
    ]

    static let testBody: JSONValue = [
        "type": "object",
        "properties": [
            "input": ["type": "object", "description": "The operation's parameters, checked against its schema."],
            "connection_id": ["type": "string", "description": "Whose credentials to use; defaults to the account's shared connection to this connector."],
        ],
    ]

    static let openAPIBody: JSONValue = [
        "type": "object",
        "description": "An OpenAPI 3.0 or 3.1 document and which of its operations to take (docs/connectors.md).",
        "properties": [
            "document": ["description": "The OpenAPI document: a JSON object, or its JSON or YAML text as a string."],
            "filter": ["type": "object", "description": "tags, paths (a prefix, or a glob with * and **) and operation_ids: each list given narrows the import."],
        ],
        "required": ["document"],
    ]

    /// Real API descriptions run to megabytes (GitHub's is about 12 MB).
    static let maxDocumentBytes = 32 << 20

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let connectors = patchbay.connectors
        return [
            Endpoint(method: .post, path: "/v1/connectors", summary: "Create a declarative HTTP connector.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: body, successStatus: 201,
                     otherErrorStatuses: [409]) { request, context in
                let record = try await connectors.create(principal: try context.requirePrincipal(),
                                                         definition: .object(try await RequestInput.object(request)))
                return JSONResponse.make(view(record), status: .created)
            },
            Endpoint(method: .get, path: "/v1/connectors", summary: "The account's connectors, by namespace and name.",
                     tag: "connectors", access: .key(.integrationsRead)) { _, context in
                let records = try await connectors.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(records.map(view))])
            },
            Endpoint(method: .get, path: "/v1/connectors/{namespace}/{name}", summary: "One connector with its definition.",
                     tag: "connectors", access: .key(.integrationsRead)) { _, context in
                let record = try await connectors.get(principal: try context.requirePrincipal(),
                                                      namespace: try context.parameters.require("namespace"),
                                                      name: try context.parameters.require("name"))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .put, path: "/v1/connectors/{namespace}/{name}",
                     summary: "Replace a connector's definition; its connections use it from their next call.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: body) { request, context in
                let record = try await connectors.update(principal: try context.requirePrincipal(),
                                                         namespace: try context.parameters.require("namespace"),
                                                         name: try context.parameters.require("name"),
                                                         definition: .object(try await RequestInput.object(request)))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .delete, path: "/v1/connectors/{namespace}/{name}",
                     summary: "Delete a connector no connection uses.",
                     tag: "connectors", access: .key(.integrationsWrite), otherErrorStatuses: [409]) { _, context in
                let record = try await connectors.delete(principal: try context.requirePrincipal(),
                                                         namespace: try context.parameters.require("namespace"),
                                                         name: try context.parameters.require("name"))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .post, path: "/v1/connectors/{namespace}/{name}/test/{operation}",
                     summary: "Run one operation and show each request sent (secrets masked) and its reply. Not recorded.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: testBody,
                     otherErrorStatuses: [409]) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["input", "connection_id"])
                let trial = try await connectors.test(
                    principal: try context.requirePrincipal(), namespace: try context.parameters.require("namespace"),
                    name: try context.parameters.require("name"), operation: try context.parameters.require("operation"),
                    input: try RequestInput.objectField(object, "input") ?? [:],
                    connectionID: try RequestInput.string(object, "connection_id"))
                var view: [String: JSONValue] = ["ok": .bool(trial.error == nil), "exchanges": .array(trial.exchanges),
                                                 "duration_ms": .integer(Int64(trial.durationMs))]
                if let output = trial.output { view["output"] = output }
                if let error = trial.error {
                    var shown: [String: JSONValue] = ["code": .string(error.code), "message": .string(error.message)]
                    if let status = error.upstreamStatus { shown["upstream_status"] = .integer(Int64(status)) }
                    view["error"] = .object(shown)
                }
                return JSONResponse.make(.object(view))
            },
            Endpoint(method: .post, path: "/v1/connectors/parse-openapi",
                     summary: "The connector definition an OpenAPI document gives, with a report of what was skipped and approximated. Nothing is stored.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: openAPIBody) { request, context in
                let (document, filter) = try await openAPIInput(request)
                let outcome = try await connectors.parseOpenAPI(principal: try context.requirePrincipal(), document: document, filter: filter)
                return JSONResponse.make(["definition": outcome.definition ?? .null, "report": outcome.report])
            },
            Endpoint(method: .post, path: "/v1/connectors/{namespace}/{name}/import-openapi",
                     summary: "Add an OpenAPI document's operations to a connector, replacing those of the same name, with a report.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: openAPIBody) { request, context in
                let principal = try context.requirePrincipal()
                let namespace = try context.parameters.require("namespace"), name = try context.parameters.require("name")
                let (document, filter) = try await openAPIInput(request)
                let outcome = try await connectors.importOpenAPI(principal: principal, namespace: namespace, name: name,
                                                                 document: document, filter: filter)
                return JSONResponse.make(["connector": outcome.record.map(view) ?? .null, "report": outcome.report])
            },
        ]
    }

    private static func openAPIInput(_ request: Request) async throws -> (document: JSONValue, filter: JSONValue?) {
        let object = try await RequestInput.object(request, upTo: maxDocumentBytes)
        try RequestInput.onlyKnown(object, ["document", "filter"])
        guard let document = object["document"], !document.isNull else {
            throw APIError(status: .badRequest, code: "validation_failed", message: "document is required: the OpenAPI document, as a JSON object or its JSON or YAML text",
                           field: "document")
        }
        return (document, try RequestInput.objectField(object, "filter"))
    }

    static func view(_ record: ConnectorRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "namespace": .string(record.namespace),
            "name": .string(record.name),
            "provider": .string(record.providerID),
            "definition": record.definition,
            "created_at": Views.time(record.createdAt),
            "updated_at": Views.time(record.updatedAt),
        ]
    }
}
