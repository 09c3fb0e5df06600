import Foundation
import PatchbayModel
import PatchbayWire

/// A remote MCP server's tools as a provider manifest: each tool an action with its input
/// schema, so the catalog, invocations, skills and tool export treat it as any provider.
enum MCPToolSet {
    /// Names usable as an action and as a skill, as LLM vendors' tool-name rules allow.
    static let namePattern = "^[a-zA-Z0-9_-]{1,64}$"

    /// The output of a tool without an output schema: its content blocks.
    static let contentSchema: JSONValue = ["type": "object", "properties": ["content": ["type": "array"]], "required": ["content"]]

    static func manifest(_ server: MCPServerRecord) -> Manifest {
        let name = server.serverInfo["title"]?.stringValue ?? server.serverInfo["name"]?.stringValue ?? "MCP server"
        return Manifest(
            id: server.providerID, name: name, version: server.serverInfo["version"]?.stringValue ?? "1", category: "mcp",
            description: "Remote MCP server at \(server.url)", baseURL: server.url, auth: .bearer(token),
            credentials: [CredentialField(name: token, label: "Token", description: "Sent as Authorization: Bearer.", required: false)],
            actions: (server.tools.arrayValue ?? []).compactMap(action),
            oauth: MCPAuthorization(server.authorization)?.spec(credential: token))
    }

    /// The credential field that holds the bearer token (or OAuth access token), when the server takes one.
    static let token = "token"

    /// The tool as an action, or nil for a tool whose name no agent could call.
    static func action(_ tool: JSONValue) -> ActionSpec? {
        guard let name = tool["name"]?.stringValue, name.range(of: namePattern, options: .regularExpression) != nil else { return nil }
        let annotations = tool["annotations"]
        let description = tool["description"]?.stringValue ?? ""
        return ActionSpec(
            name: name, title: tool["title"]?.stringValue ?? annotations?["title"]?.stringValue ?? name,
            description: description.isEmpty ? name : description,
            inputSchema: tool["inputSchema"] ?? ["type": "object"], outputSchema: tool["outputSchema"] ?? contentSchema,
            important: true, mutating: annotations?["readOnlyHint"]?.boolValue != true)
    }

    /// Tools left out of the manifest, by name, for the API to say so.
    static func skipped(_ tools: JSONValue) -> [String] {
        (tools.arrayValue ?? []).filter { action($0) == nil }.map { $0["name"]?.stringValue ?? "?" }
    }
}
