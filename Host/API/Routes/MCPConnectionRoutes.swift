import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// Remote MCP servers connected as providers; their tools are invoked through
/// `/v1/connections/{id}/actions/{tool}/invoke` like any provider's actions.
enum MCPConnectionRoutes {
    static let body = APISchema.object([
        "url": APISchema.text(min: 1, max: 2048, description: "The server's Streamable HTTP endpoint (http or https)."),
        "label": APISchema.text(min: 1, max: 200, trimmed: true, description: "Defaults to the server's name."),
        "auth": APISchema.object([
            "type": ["type": "string", "enum": ["none", "bearer", "oauth2"],
                     "description": "Defaults to bearer with a token, none without. oauth2 discovers the server's authorization server and answers a pending connection with an authorize_url."],
            "token": APISchema.text(min: 1, max: 4096, description: "The bearer token: write-only, sealed in the vault."),
            "client_id": APISchema.text(min: 1, max: 500,
                                        description: "oauth2: a client registered with the authorization server; without it the host registers one (RFC 7591)."),
            "client_secret": APISchema.text(min: 1, max: 1000, description: "oauth2: the client's secret, if it has one. Write-only."),
            "scopes": APISchema.array(APISchema.text(min: 1, max: 200),
                                      description: "oauth2: defaults to those the server's challenge or metadata names."),
            "redirect_uri": APISchema.text(min: 1, max: 2048,
                                           description: "oauth2: this host's /oauth/callback URL. Defaults to the one under the host's public URL (serve --public-url); required on a host without one."),
        ]),
    ], required: ["url"])

    /// An MCP connection as the API shows it: never the token, only whether there is one.
    static let schema = APISchema.view([
        "id": APISchema.string(), "provider": APISchema.string(), "url": APISchema.string(), "label": APISchema.string(),
        "status": APISchema.string(),
        "auth": APISchema.view(["type": APISchema.string(), "issuer": APISchema.string(), "scopes": APISchema.array(APISchema.string()),
                                "client_registered": APISchema.boolean],
                               optional: ["issuer", "scopes", "client_registered"]),
        "authorize_url": APISchema.string(description: "oauth2, on creation: where to send the user to consent."),
        "has_credentials": APISchema.boolean,
        "server_info": APISchema.anyValue,
        "tools": APISchema.array(APISchema.view([
            "name": APISchema.anyValue, "description": APISchema.anyValue, "input_schema": APISchema.anyValue,
            "output_schema": APISchema.anyValue,
        ], optional: ["output_schema"])),
        "skipped_tools": APISchema.array(APISchema.string()),
        "tools_updated_at": APISchema.timestamp, "created_at": APISchema.timestamp,
    ], optional: ["authorize_url"])

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let servers = patchbay.mcpServers
        return [
            Endpoint(method: .post, path: "/v1/mcp-connections",
                     summary: "Connect a remote MCP server: initialize a session and list its tools, which become the connection's actions. With OAuth, the connection is pending until the user consents at its authorize_url.",
                     tag: "connections", access: .key(.integrationsWrite), requestBody: body,
                     response: schema, successStatus: 201, errors: [409, 422, 502]) { _, context in
                let input = context.input
                let auth = input["auth"]
                let draft = MCPServerService.Draft(url: input["url"]?.stringValue, label: input["label"]?.stringValue,
                                                   authType: auth?["type"]?.stringValue, token: auth?["token"]?.stringValue,
                                                   clientID: auth?["client_id"]?.stringValue, clientSecret: auth?["client_secret"]?.stringValue,
                                                   scopes: auth?["scopes"]?.arrayValue?.compactMap(\.stringValue),
                                                   redirectURI: auth?["redirect_uri"]?.stringValue)
                let connected = try await servers.create(principal: try context.requirePrincipal(), draft)
                return JSONResponse.make(view(connected), status: .created)
            },
            Endpoint(method: .get, path: "/v1/mcp-connections", summary: "The account's MCP connections, newest first.",
                     tag: "connections", access: .key(.integrationsRead), response: APISchema.list(of: schema)) { _, context in
                let all = try await servers.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(all.map(view))])
            },
            Endpoint(method: .get, path: "/v1/mcp-connections/{id}", summary: "One MCP connection with the tools it last listed.",
                     tag: "connections", access: .key(.integrationsRead), response: schema) { _, context in
                let connected = try await servers.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
            Endpoint(method: .post, path: "/v1/mcp-connections/{id}/refresh",
                     summary: "List the server's tools again (the server's tools/list_changed does this by itself).",
                     tag: "connections", access: .key(.integrationsWrite), response: schema, errors: [409, 422, 502]) { _, context in
                let connected = try await servers.refresh(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
            Endpoint(method: .delete, path: "/v1/mcp-connections/{id}",
                     summary: "Disconnect: revoke the connection, purge its secrets and forget the tools; executions stay.",
                     tag: "connections", access: .key(.integrationsWrite), response: schema) { _, context in
                let connected = try await servers.delete(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
        ]
    }

    static func view(_ connected: MCPServerService.Connected) -> JSONValue {
        let (server, connection) = (connected.server, connected.connection)
        let tools = (server.tools.arrayValue ?? []).map { tool -> JSONValue in
            var shown: [String: JSONValue] = ["name": tool["name"] ?? .null, "description": tool["description"] ?? .null,
                                              "input_schema": tool["inputSchema"] ?? ["type": "object"]]
            if let output = tool["outputSchema"] { shown["output_schema"] = output }
            return .object(shown)
        }
        var auth: [String: JSONValue] = ["type": connection.config["auth"] ?? "none"]
        if let authorization = server.authorization {
            auth["issuer"] = authorization["issuer"]
            auth["scopes"] = authorization["scopes"]
            auth["client_registered"] = authorization["registered"]
        }
        var shown: [String: JSONValue] = [
            "id": .string(server.id),
            "provider": .string(server.providerID),
            "url": .string(server.url),
            "label": .string(connection.label),
            "status": .string(connection.status.rawValue),
            "auth": .object(auth),
            "has_credentials": .bool(connection.sealedCredentials != nil),
            "server_info": server.serverInfo,
            "tools": .array(tools),
            "skipped_tools": .array(MCPServerService.skippedTools(server).map(JSONValue.string)),
            "tools_updated_at": Views.time(server.toolsUpdatedAt),
            "created_at": Views.time(server.createdAt),
        ]
        if let url = connected.authorizeURL { shown["authorize_url"] = .string(url) }
        return .object(shown)
    }
}
