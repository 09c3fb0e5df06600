import Foundation
import HTTPTypes
import Hummingbird
import MCP
import PatchbayServices
import PatchbayWire

/// Each agent's MCP server over Streamable HTTP (JSON responses, no sessions), at
/// `/v1/agents/{id}/mcp`, authenticated with an API key that has `skills:invoke`.
enum MCPRoutes {
    /// An MCP client connected on behalf of one end user sends this header on every request.
    static let endUserHeader = HTTPField.Name("Patchbay-End-User")!

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        [HTTPTypes.HTTPRequest.Method.post, .get, .delete].map { method in
            Endpoint(method: method, path: "/v1/agents/{id}/mcp",
                     summary: method == .post
                        ? "MCP JSON-RPC messages (initialize, tools/list, tools/call) for the agent's published skills."
                        : "Not offered: the server is stateless and answers POST only (405).",
                     tag: "skills", access: .key(.skillsInvoke)) { request, context in
                try await handle(request, context, patchbay)
            }
        }
    }

    private static func handle(_ request: Request, _ context: APIRequestContext, _ patchbay: Patchbay) async throws -> Response {
        let principal = try context.requirePrincipal()
        let agentID = try context.parameters.require("id")
        // Unknown agents and missing scopes answer with the API's envelope before any JSON-RPC.
        _ = try await patchbay.skills.publishedSkills(principal: principal, agentID: agentID)
        let endUser = request.headers[endUserHeader]

        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: RequestInput.maxBodyBytes)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "the body exceeds \(RequestInput.maxBodyBytes) bytes")
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let message = MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView),
                                      path: request.uri.path)

        let server = await AgentMCPServer.make(patchbay, principal: principal, agentID: agentID, endUser: endUser)
        let transport = StatelessHTTPServerTransport()
        try await server.start(transport: transport)
        let reply = await transport.handleRequest(message)
        await server.stop()
        return response(reply)
    }

    private static func response(_ reply: MCP.HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let body = reply.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: .init(code: reply.statusCode), headers: fields, body: body)
    }
}
