import Foundation
import HTTPTypes
import Hummingbird
import MCP
import PatchbayServices
import PatchbayWire
import ServiceLifecycle

/// Each agent's MCP server over Streamable HTTP with sessions, at `/v1/agents/{id}/mcp`,
/// authenticated with an API key that has `skills:invoke`: POST carries JSON-RPC messages (an
/// `initialize` opens a session), GET opens the session's event stream, DELETE ends it.
enum MCPRoutes {
    /// An MCP client connected on behalf of one end user sends this header on every request.
    static let endUserHeader = HTTPField.Name("Patchbay-End-User")!
    static let sessionHeader = HTTPField.Name(HTTPHeaderName.sessionID)!

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let sessions = MCPSessions(patchbay)
        let others: [Parameter] = [
            .header(endUserHeader.rawName, description: "Calls use this end user's own connections when they have them."),
            .header(HTTPHeaderName.protocolVersion, description: "The protocol version initialize agreed."),
        ]
        let session = "The session initialize answered with."
        // Only initialize, a POST, opens a session without one.
        let opening = [Parameter.header(HTTPHeaderName.sessionID, description: session + " Every request but initialize sends it."),
                       .header(HTTPField.Name.idempotencyKey.rawName,
                               description: "On tools/call: a repeat of the call (same tool and arguments, any JSON-RPC id) gets the first outcome under its own id, and the tool runs once; other methods ignore it.")]
            + others
        var sessionHeader = Parameter.header(HTTPHeaderName.sessionID, required: true, description: session)
        sessionHeader.errorCode = "mcp_session_required"
        let inSession = [sessionHeader] + others
        let handler: @Sendable (Request, APIRequestContext) async throws -> Response = { request, context in
            try await handle(request, context, patchbay, sessions)
        }
        let mcpErrors = [400, 404, 405, 406, 409, 415, 429]
        return [
            Endpoint(method: .post, path: "/v1/agents/{id}/mcp",
                     summary: "MCP JSON-RPC messages (initialize opens a session; tools/list, tools/call) for the agent's published skills.",
                     tag: "skills", access: .key(.skillsInvoke), requestBody: jsonRPCMessage, parameters: opening,
                     response: jsonRPCMessage, otherResponses: [202: .null], streams: true, errors: mcpErrors,
                     errorBody: mcpError, handler: handler),
            Endpoint(method: .get, path: "/v1/agents/{id}/mcp",
                     summary: "The session's event stream (SSE): notifications such as tools/list_changed.",
                     tag: "skills", access: .key(.skillsInvoke), parameters: inSession, response: jsonRPCMessage, streams: true,
                     errors: mcpErrors, errorBody: mcpError, handler: handler),
            Endpoint(method: .delete, path: "/v1/agents/{id}/mcp", summary: "End the session.",
                     tag: "skills", access: .key(.skillsInvoke), parameters: inSession, response: .null, errors: mcpErrors,
                     errorBody: mcpError, handler: handler),
        ]
    }

    /// One JSON-RPC 2.0 message: a request (method and id), a notification (method alone) or a
    /// response (id with result or error).
    static let jsonRPCMessage = APISchema.object([
        "jsonrpc": ["const": "2.0"],
        "id": ["type": ["string", "integer", "null"]],
        "method": APISchema.string(),
        "params": ["type": "object"],
        "result": APISchema.anyValue,
        "error": ["type": "object", "required": ["code", "message"], "properties": [
            "code": APISchema.integer, "message": APISchema.string(), "data": APISchema.anyValue,
        ]],
    ], required: ["jsonrpc"])

    /// Refusals before any JSON-RPC use the API's envelope; the MCP transport's own are JSON-RPC errors.
    static let mcpError: JSONValue = ["anyOf": [APISchema.ref("Error"), jsonRPCMessage]]

    private static func handle(_ request: Request, _ context: APIRequestContext, _ patchbay: Patchbay,
                               _ sessions: MCPSessions) async throws -> Response {
        let principal = try context.requirePrincipal()
        let agentID = try context.parameters.require("id")
        // Unknown agents and missing scopes answer with the API's envelope before any JSON-RPC.
        _ = try await patchbay.skills.publishedSkills(principal: principal, agentID: agentID)
        let message = try await httpRequest(request)

        let session: MCPSessions.Session
        var opened = false
        if let id = request.headers[sessionHeader] {
            guard let found = try await sessions.find(id, principal: principal, agentID: agentID) else {
                throw ServiceError(.notFound, "mcp_session_not_found",
                                   "no open MCP session \"\(id)\" on this agent: it ended or expired; initialize a new one")
            }
            session = found
        } else if request.method == .post, let params = try initializeParams(message.body) {
            session = try await sessions.open(principal: principal, agentID: agentID, initialize: params)
            opened = true
        } else {
            throw ServiceError(.badRequest, "mcp_session_required",
                               "send the \(HTTPHeaderName.sessionID) header that initialize answered with; only initialize opens a session",
                               field: HTTPHeaderName.sessionID)
        }

        if request.method == .post, let key = request.headers[.idempotencyKey], let call = MCPIdempotentCall(message.body, agentID: agentID) {
            return try await call.respond(key: key, principal: principal, agentID: agentID, session: session.id,
                                          idempotency: patchbay.idempotency) {
                await session.transport.handleRequest(message)
            }
        }
        let reply = await session.transport.handleRequest(message)
        if (opened && reply.statusCode >= 400) || (request.method == .delete && reply.statusCode == 200) {
            try await sessions.close(session.id, accountID: principal.accountID)
        }
        return await response(reply, session: session.id, sessions: sessions)
    }

    private static func httpRequest(_ request: Request) async throws -> MCP.HTTPRequest {
        var request = request
        let body = try await RequestValidation.collectBody(&request)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        return MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView),
                               path: request.uri.path)
    }

    /// The `params` of an `initialize` request (kept with the session, so that another replica
    /// can replay it), or nil for any other message.
    private static func initializeParams(_ body: Data?) throws -> JSONValue? {
        guard let json = try? WireCoding.decode(JSONValue.self, from: body ?? Data()) else {
            throw APIError(status: .badRequest, code: "malformed_json", message: "the body is not valid JSON")
        }
        guard json["method"] == "initialize", json["id"] != nil else { return nil }
        return json["params"] ?? .object([:])
    }

    private static func response(_ reply: MCP.HTTPResponse, session: String, sessions: MCPSessions) async -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        guard case .stream(let events, _) = reply else {
            let body = reply.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
            return Response(status: .init(code: reply.statusCode), headers: fields, body: body)
        }
        await sessions.streamOpened(session)
        let stream = keepingAlive(events, every: sessions.settings.keepAliveInterval)
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            do {
                // An event stream never ends by itself, and the server waits for open responses
                // when it stops: on shutdown, this replica's server for the session ends, which
                // closes its streams. The session stays in the store: the client's next request
                // may land on another replica.
                try await withGracefulShutdownHandler {
                    for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                } onGracefulShutdown: {
                    Task { await sessions.end(session) }
                }
                try await writer.finish(nil)
            } catch {
                await sessions.streamClosed(session)
                throw error
            }
            await sessions.streamClosed(session)
        })
    }

    /// The SDK's event stream with an SSE comment between events, so a client that went away
    /// is noticed by the next write failing.
    private static func keepingAlive(_ events: AsyncThrowingStream<Data, any Error>,
                                     every interval: Duration) -> AsyncThrowingStream<Data, any Error> {
        let (merged, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let forward = Task {
            do {
                for try await event in events { continuation.yield(event) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        let ping = Task {
            while (try? await Task.sleep(for: interval)) != nil {
                continuation.yield(Data(": keep-alive\n\n".utf8))
            }
        }
        continuation.onTermination = { _ in
            forward.cancel()
            ping.cancel()
        }
        return merged
    }
}
