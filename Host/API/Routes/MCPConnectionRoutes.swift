import Hummingbird
import PatchbayServices
import PatchbayStore
import PatchbayWire

/// Remote MCP servers connected as providers; their tools are invoked through
/// `/v1/connections/{id}/actions/{tool}/invoke` like any provider's actions.
enum MCPConnectionRoutes {
    static let body: JSONValue = [
        "type": "object",
        "properties": [
            "url": ["type": "string", "description": "The server's Streamable HTTP endpoint (http or https)."],
            "label": ["type": "string", "description": "Defaults to the server's name."],
            "auth": ["type": "object", "description": "type: none or bearer; token: the bearer token (write-only, sealed in the vault)."],
        ],
        "required": ["url"],
    ]

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let servers = patchbay.mcpServers
        return [
            Endpoint(method: .post, path: "/v1/mcp-connections",
                     summary: "Connect a remote MCP server: initialize a session and list its tools, which become the connection's actions.",
                     tag: "connections", access: .key(.integrationsWrite), requestBody: body, successStatus: 201,
                     otherErrorStatuses: [409, 422, 502]) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["url", "label", "auth"])
                var draft = MCPServerService.Draft(url: try RequestInput.string(object, "url"), label: try RequestInput.string(object, "label"))
                if let auth = try RequestInput.objectField(object, "auth")?.objectValue {
                    try RequestInput.onlyKnown(auth, ["type", "token"])
                    draft.authType = try RequestInput.string(auth, "type")
                    draft.token = try RequestInput.string(auth, "token")
                }
                let connected = try await servers.create(principal: try context.requirePrincipal(), draft)
                return JSONResponse.make(view(connected), status: .created)
            },
            Endpoint(method: .get, path: "/v1/mcp-connections", summary: "The account's MCP connections, newest first.",
                     tag: "connections", access: .key(.integrationsRead)) { _, context in
                let all = try await servers.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(all.map(view))])
            },
            Endpoint(method: .get, path: "/v1/mcp-connections/{id}", summary: "One MCP connection with the tools it last listed.",
                     tag: "connections", access: .key(.integrationsRead)) { _, context in
                let connected = try await servers.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
            Endpoint(method: .post, path: "/v1/mcp-connections/{id}/refresh",
                     summary: "List the server's tools again (the server's tools/list_changed does this by itself).",
                     tag: "connections", access: .key(.integrationsWrite), otherErrorStatuses: [409, 422, 502]) { _, context in
                let connected = try await servers.refresh(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
            Endpoint(method: .delete, path: "/v1/mcp-connections/{id}",
                     summary: "Disconnect: revoke the connection, purge its secrets and forget the tools; executions stay.",
                     tag: "connections", access: .key(.integrationsWrite)) { _, context in
                let connected = try await servers.delete(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(view(connected))
            },
        ]
    }

    /// Never the token: only whether there is one.
    static func view(_ connected: MCPServerService.Connected) -> JSONValue {
        let (server, connection) = (connected.server, connected.connection)
        let tools = (server.tools.arrayValue ?? []).map { tool -> JSONValue in
            var shown: [String: JSONValue] = ["name": tool["name"] ?? .null, "description": tool["description"] ?? .null,
                                              "input_schema": tool["inputSchema"] ?? ["type": "object"]]
            if let output = tool["outputSchema"] { shown["output_schema"] = output }
            return .object(shown)
        }
        return [
            "id": .string(server.id),
            "provider": .string(server.providerID),
            "url": .string(server.url),
            "label": .string(connection.label),
            "status": .string(connection.status.rawValue),
            "auth": ["type": connection.config["auth"] ?? "none"],
            "has_credentials": .bool(connection.sealedCredentials != nil),
            "server_info": server.serverInfo,
            "tools": .array(tools),
            "skipped_tools": .array(MCPServerService.skippedTools(server).map(JSONValue.string)),
            "tools_updated_at": Views.time(server.toolsUpdatedAt),
            "created_at": Views.time(server.createdAt),
        ]
    }
}
