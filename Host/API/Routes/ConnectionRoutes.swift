import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

enum ConnectionRoutes {
    /// What a change may set; the provider and end user are fixed when the connection is made.
    static let change: [String: JSONValue] = [
        "label": APISchema.text(min: 1, max: 200, trimmed: true, description: "A name for people; defaults to the provider's name."),
        "config": APISchema.anyObject(description: "Validated against the provider's config_schema."),
        "credentials": ["type": "object", "additionalProperties": ["type": "string"],
                        "description": "Secret fields named by the provider's credential_fields. Write-only. Leave out for an OAuth provider to get status pending and an oauth_url."],
    ]

    static let create = APISchema.object(change.merging([
        "provider": APISchema.id(description: "Catalog id, e.g. crm."),
        "end_user": APISchema.text(min: 1, max: 200, trimmed: true, description: "Makes this an end user's own connection."),
    ]) { first, _ in first }, required: ["provider"])

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let connections = patchbay.connections
        return [
            Endpoint(method: .post, path: "/v1/connections", summary: "Connect a provider with credentials and config.",
                     tag: "connections", access: .key(.integrationsWrite), requestBody: create,
                     response: APISchema.ref("Authorization"), successStatus: 201, errors: [409], idempotent: true) { _, context in
                let principal = try context.requirePrincipal()
                // An OAuth provider without credentials starts pending, with the URL to consent at.
                let authorization = try await patchbay.oauth.connect(principal: principal, draft(context.input))
                return JSONResponse.make(Views.authorization(authorization), status: .created)
            },
            Endpoint(method: .get, path: "/v1/connections", summary: "Connections, newest first.",
                     tag: "connections", access: .key(.integrationsRead),
                     parameters: [.query("provider"), .oneOf("status", ConnectionRecord.Status.self), .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("Connection"))) { request, context in
                let principal = try context.requirePrincipal()
                let filter = ConnectionFilter(provider: RequestInput.query(request, "provider"),
                                              status: RequestInput.filter(request, "status", as: ConnectionRecord.Status.self))
                let page = try await connections.list(principal: principal, filter: filter, page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.connection))
            },
            Endpoint(method: .get, path: "/v1/connections/{id}", summary: "One connection.",
                     tag: "connections", access: .key(.integrationsRead), response: APISchema.ref("Connection")) { _, context in
                let record = try await connections.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.connection(record))
            },
            Endpoint(method: .patch, path: "/v1/connections/{id}",
                     summary: "Change label, config or credentials; applies from the next call.",
                     tag: "connections", access: .key(.integrationsWrite), requestBody: APISchema.object(change), response: APISchema.ref("Connection"),
                     errors: [409]) { _, context in
                let record = try await connections.update(principal: try context.requirePrincipal(),
                                                          id: try context.parameters.require("id"), draft(context.input))
                return JSONResponse.make(Views.connection(record))
            },
            Endpoint(method: .delete, path: "/v1/connections/{id}", summary: "Revoke a connection and purge its secrets.",
                     tag: "connections", access: .key(.integrationsWrite), response: APISchema.ref("Connection")) { _, context in
                let record = try await connections.delete(principal: try context.requirePrincipal(),
                                                          id: try context.parameters.require("id"))
                return JSONResponse.make(Views.connection(record))
            },
            Endpoint(method: .post, path: "/v1/connections/{id}/test", summary: "Run the provider's check on this connection.",
                     tag: "connections", access: .key(.integrationsWrite),
                     response: APISchema.view(["success": APISchema.boolean, "message": APISchema.string(), "latency_ms": APISchema.integer]),
                     errors: [409, 422, 429, 502], errorBody: APISchema.ref("ProviderError")) { _, context in
                let outcome = try await connections.test(principal: try context.requirePrincipal(),
                                                         id: try context.parameters.require("id"))
                return JSONResponse.make(["success": .bool(outcome.success), "message": .string(outcome.message),
                                          "latency_ms": .integer(Int64(outcome.latencyMs))])
            },
            Endpoint(method: .post, path: "/v1/connections/{id}/discover", summary: "Read the provider's live schema and keep it.",
                     tag: "connections", access: .key(.integrationsWrite), response: APISchema.ref("DiscoveredSchema"),
                     errors: [409, 422, 429, 502], errorBody: APISchema.ref("ProviderError")) { _, context in
                let snapshot = try await connections.discover(principal: try context.requirePrincipal(),
                                                              id: try context.parameters.require("id"))
                return JSONResponse.make(try Views.schema(snapshot))
            },
            Endpoint(method: .get, path: "/v1/connections/{id}/schema", summary: "The last discovered schema.",
                     tag: "connections", access: .key(.integrationsRead), response: APISchema.ref("DiscoveredSchema")) { _, context in
                let snapshot = try await connections.schema(principal: try context.requirePrincipal(),
                                                            id: try context.parameters.require("id"))
                return JSONResponse.make(try Views.schema(snapshot))
            },
            Endpoint(method: .get, path: "/v1/connections/{id}/schema/objects",
                     summary: "The discovered objects and their fields.",
                     tag: "connections", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.anyObject())) { _, context in
                let snapshot = try await connections.schema(principal: try context.requirePrincipal(),
                                                            id: try context.parameters.require("id"))
                return JSONResponse.make(["data": try JSONValue(encoding: snapshot.schema.objects)])
            },
            Endpoint(method: .get, path: "/v1/connections/{id}/schema/objects/{object}",
                     summary: "One discovered object with its relationships and operations.",
                     tag: "connections", access: .key(.integrationsRead),
                     response: ["type": "object", "required": ["name", "relationships", "operations"], "properties": [
                         "name": APISchema.string(), "relationships": APISchema.array(APISchema.anyObject()),
                         "operations": APISchema.array(APISchema.anyObject()),
                     ]]) { _, context in
                let snapshot = try await connections.schema(principal: try context.requirePrincipal(),
                                                            id: try context.parameters.require("id"))
                let name = try context.parameters.require("object")
                guard let object = snapshot.schema.objects.first(where: { $0.name == name }) else {
                    throw ServiceError.notFound("object", name)
                }
                var view = try JSONValue(encoding: object).objectValue ?? [:]
                view["relationships"] = try JSONValue(encoding: snapshot.schema.relationships.filter { $0.from == name || $0.to == name })
                view["operations"] = try JSONValue(encoding: snapshot.schema.operations.filter { $0.object == name })
                return JSONResponse.make(.object(view))
            },
            Endpoint(method: .get, path: "/v1/connections/{id}/schema/operations",
                     summary: "What agents can do with the discovered objects, and the action that does it.",
                     tag: "connections", access: .key(.integrationsRead), parameters: [.query("object")],
                     response: APISchema.list(of: APISchema.anyObject())) { request, context in
                let snapshot = try await connections.schema(principal: try context.requirePrincipal(),
                                                            id: try context.parameters.require("id"))
                let object = RequestInput.query(request, "object")
                let operations = snapshot.schema.operations.filter { object == nil || $0.object == object }
                return JSONResponse.make(["data": try JSONValue(encoding: operations)])
            },
        ]
    }

    private static func draft(_ input: [String: JSONValue]) -> ConnectionService.Draft {
        ConnectionService.Draft(
            provider: input["provider"]?.stringValue, label: input["label"]?.stringValue, config: input["config"],
            credentials: input["credentials"], endUser: input["end_user"]?.stringValue)
    }
}
