import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

enum ConnectorRoutes {
    /// The top level of a definition; `ConnectorDefinition` checks what is inside each field,
    /// which is a language of its own (docs/connectors.md has every field).
    static let body = APISchema.object([
        "namespace": ["type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$", "description": "Groups connectors; defaults to default."],
        "name": ["type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$", "description": "The catalog id is namespace.name."],
        "title": APISchema.string(),
        "description": APISchema.string(),
        "category": APISchema.string(),
        "base_url": APISchema.string(description: "http or https; every operation's path is relative to it."),
        "auth": APISchema.anyObject(description: "type: none, bearer, basic, api_key (in: header|query, name) or oauth2 (authorize_url, token_url, scopes, pkce, client_auth, refresh)."),
        "headers": ["type": "object", "additionalProperties": ["type": "string"], "description": "Default headers of every request; no credentials."],
        "operations": APISchema.array(APISchema.anyObject(), minItems: 1,
                                      description: "name, description, method, path (with {placeholders}), base_url (the operation's own server, when not the connector's), parameters (JSON Schema object), locations (path|query|header|body per parameter), output_schema, extract (JSON pointer), pagination (cursor|link_header|page_number), mutating, important, timeout_ms."),
        "packs": APISchema.array(APISchema.anyObject(), description: "id, name, description, skills: [{name, operation, description, presets}]."),
    ], required: ["name", "base_url", "operations"], description: "A declarative HTTP connector (docs/connectors.md has every field).")

    static let testBody = APISchema.object([
        "input": APISchema.anyObject(description: "The operation's parameters, checked against its schema."),
        "connection_id": APISchema.id(description: "Whose credentials to use; defaults to the account's shared connection to this connector."),
    ])

    static let trial = APISchema.view([
        "ok": APISchema.boolean, "exchanges": APISchema.array(APISchema.anyObject()), "duration_ms": APISchema.integer,
        "output": APISchema.anyValue,
        "error": APISchema.object(["code": APISchema.string(), "message": APISchema.string(), "upstream_status": APISchema.integer],
                                  required: ["code", "message"]),
    ], optional: ["output", "error"])

    static let openAPIBody = APISchema.object([
        "document": ["type": ["object", "string"], "description": "The OpenAPI document: a JSON object, or its JSON or YAML text as a string."],
        "filter": APISchema.object([
            "tags": APISchema.array(APISchema.string()),
            "paths": APISchema.array(APISchema.string(description: "A prefix, or a glob with * and **.")),
            "operation_ids": APISchema.array(APISchema.string()),
        ], description: "Each list given narrows the import."),
    ], required: ["document"], description: "An OpenAPI 3.0 or 3.1 document and which of its operations to take (docs/connectors.md).")

    /// Real API descriptions run to megabytes (the largest public ones about 12 MB).
    static let maxDocumentBytes = 32 << 20

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let connectors = patchbay.connectors
        return [
            Endpoint(method: .post, path: "/v1/connectors", summary: "Create a declarative HTTP connector.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: body, response: APISchema.ref("Connector"),
                     successStatus: 201, errors: [409]) { _, context in
                let record = try await connectors.create(principal: try context.requirePrincipal(), definition: .object(context.input))
                return JSONResponse.make(view(record), status: .created)
            },
            Endpoint(method: .get, path: "/v1/connectors", summary: "The account's connectors, by namespace and name.",
                     tag: "connectors", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.ref("Connector"))) { _, context in
                let records = try await connectors.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(records.map(view))])
            },
            Endpoint(method: .get, path: "/v1/connectors/{namespace}/{name}", summary: "One connector with its definition.",
                     tag: "connectors", access: .key(.integrationsRead), response: APISchema.ref("Connector")) { _, context in
                let record = try await connectors.get(principal: try context.requirePrincipal(),
                                                      namespace: try context.parameters.require("namespace"),
                                                      name: try context.parameters.require("name"))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .put, path: "/v1/connectors/{namespace}/{name}",
                     summary: "Replace a connector's definition; its connections use it from their next call.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: body, response: APISchema.ref("Connector"),
                     errors: [409]) { _, context in
                let record = try await connectors.update(principal: try context.requirePrincipal(),
                                                         namespace: try context.parameters.require("namespace"),
                                                         name: try context.parameters.require("name"),
                                                         definition: .object(context.input))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .delete, path: "/v1/connectors/{namespace}/{name}",
                     summary: "Delete a connector no connection uses.",
                     tag: "connectors", access: .key(.integrationsWrite), response: APISchema.ref("Connector"), errors: [409]) { _, context in
                let record = try await connectors.delete(principal: try context.requirePrincipal(),
                                                         namespace: try context.parameters.require("namespace"),
                                                         name: try context.parameters.require("name"))
                return JSONResponse.make(view(record))
            },
            Endpoint(method: .post, path: "/v1/connectors/{namespace}/{name}/test/{operation}",
                     summary: "Run one operation and show each request sent (secrets masked) and its reply. Not recorded.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: testBody, response: trial,
                     errors: [409, 422, 429, 502], errorBody: APISchema.ref("ProviderError")) { _, context in
                let trial = try await connectors.test(
                    principal: try context.requirePrincipal(), namespace: try context.parameters.require("namespace"),
                    name: try context.parameters.require("name"), operation: try context.parameters.require("operation"),
                    input: context.input["input"] ?? [:], connectionID: context.input["connection_id"]?.stringValue)
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
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: openAPIBody, maxBodyBytes: maxDocumentBytes,
                     response: APISchema.view(["definition": APISchema.nullable(APISchema.anyObject()), "report": APISchema.anyObject()]),
                     errors: [422]) { _, context in
                let (document, filter) = (context.input["document"] ?? .null, context.input["filter"])
                let outcome = try await connectors.parseOpenAPI(principal: try context.requirePrincipal(), document: document, filter: filter)
                return JSONResponse.make(["definition": outcome.definition ?? .null, "report": outcome.report])
            },
            Endpoint(method: .post, path: "/v1/connectors/{namespace}/{name}/import-openapi",
                     summary: "Add an OpenAPI document's operations to a connector, replacing those of the same name, with a report.",
                     tag: "connectors", access: .key(.integrationsWrite), requestBody: openAPIBody, maxBodyBytes: maxDocumentBytes,
                     response: APISchema.view(["connector": APISchema.nullable(APISchema.ref("Connector")), "report": APISchema.anyObject()]),
                     errors: [409, 422]) { _, context in
                let principal = try context.requirePrincipal()
                let namespace = try context.parameters.require("namespace"), name = try context.parameters.require("name")
                let (document, filter) = (context.input["document"] ?? .null, context.input["filter"])
                let outcome = try await connectors.importOpenAPI(principal: principal, namespace: namespace, name: name,
                                                                 document: document, filter: filter)
                return JSONResponse.make(["connector": outcome.record.map(view) ?? .null, "report": outcome.report])
            },
        ]
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
