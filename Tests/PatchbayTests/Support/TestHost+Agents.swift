import AsyncHTTPClient
import Foundation
import MCP
import NIOCore
import NIOHTTP1
import PatchbayServices
import PatchbayWire

extension TestHost {
    /// Every scope an operator setting agents up and a runtime calling them need.
    static let agentScopes: [Scope] = [.integrationsRead, .integrationsWrite, .skillsWrite, .skillsInvoke]

    /// Creates an agent and returns its id.
    func createAgent(key: String, name: String = "support-bot", variables: JSONValue = [:]) async throws -> String {
        let reply = try await request("POST", "/v1/agents", key: key, json: ["name": .string(name), "variables": variables])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("create agent: \(reply.status) \(reply.body)")
        }
        return id
    }

    /// Publishes the agent's draft and returns the new version number.
    func publish(key: String, agent: String) async throws -> Int {
        let reply = try await request("POST", "/v1/agents/\(agent)/publish", key: key, json: [:])
        guard reply.status == 201, let version = reply.json["version"]?.intValue else {
            throw TestHostError.unexpected("publish: \(reply.status) \(reply.body)")
        }
        return version
    }

    /// Calls a published skill over HTTP.
    func invokeSkill(key: String, agent: String, skill: String, _ body: JSONValue) async throws -> Reply {
        try await request("POST", "/v1/agents/\(agent)/skills/\(skill)/invoke", key: key, json: body)
    }
}

extension TestHost {
    /// The MCP SDK's client connected to an agent's MCP server, with its transport (which holds
    /// the session id and can end the session).
    func mcpClient(agent: String, key: String, endUser: String? = nil) async throws -> (client: Client, transport: SSEClientTransport) {
        var headers = ["Authorization": "Bearer \(key)"]
        if let endUser { headers["Patchbay-End-User"] = endUser }
        let transport = SSEClientTransport(endpoint: "\(baseURL)/v1/agents/\(agent)/mcp", headers: headers)
        let client = Client(name: "patchbay-tests", version: "1.0.0")
        _ = try await client.connect(transport: transport)
        return (client, transport)
    }

    /// The text of a tool call's content, as a model reads it.
    static func text(_ content: [Tool.Content]) -> String {
        content.compactMap { item in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined(separator: "\n")
    }

    /// One raw request to an agent's MCP endpoint, as a Streamable HTTP client sends it.
    func mcpRequest(_ method: String, agent: String, key: String, session: String? = nil, json: JSONValue? = nil,
                    headers extra: [String: String] = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/agents/\(agent)/mcp")
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Accept", value: method == "GET" ? "text/event-stream" : "application/json, text/event-stream")
        if let session { request.headers.add(name: "Mcp-Session-Id", value: session) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: headers, body: String(buffer: buffer))
    }

    static let mcpInitialize: JSONValue = [
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "curl", "version": "1"]],
    ]
}
