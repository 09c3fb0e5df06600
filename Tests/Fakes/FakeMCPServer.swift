import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCP
import NIOCore

/// A real MCP server on loopback: the SDK's `Server` behind its stateful Streamable HTTP
/// transport, one per session, served at `/mcp` by Hummingbird. Its tools: `echo` (text
/// content), `add` (structured content with an output schema) and `fail` (an error result);
/// `addTool` adds `shout` and tells every open session its tool list changed. With a
/// `token`, a request without `Authorization: Bearer <token>` is answered 401. With an
/// `authorization` server instead, it is a protected resource (RFC 9728): it serves its metadata
/// at `/.well-known/oauth-protected-resource/mcp`, takes only access tokens that server issued
/// for it, and answers anything else 401 with a `WWW-Authenticate` challenge naming the metadata.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeMCPServer: @unchecked Sendable {
    private struct Session {
        let server: Server
        let transport: StatefulHTTPServerTransport
    }

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    private var tools: [Tool] = FakeMCPServer.initialTools
    private var authorizations: [String] = []
    private var listeners = 0
    private let token: String?
    private let authorization: FakeMCPAuthorizationServer?
    private var loopback: LoopbackServer?
    public private(set) var url = ""

    private init(token: String?, authorization: FakeMCPAuthorizationServer?) {
        self.token = token
        self.authorization = authorization
    }

    /// The scope its challenge asks for when it is protected by an authorization server.
    public static let scope = "tools:read"

    public static func start(token: String? = nil, authorization: FakeMCPAuthorizationServer? = nil) async throws -> FakeMCPServer {
        let fake = FakeMCPServer(token: token, authorization: authorization)
        let router = Router()
        router.get("/.well-known/oauth-protected-resource/mcp") { _, _ in fake.resourceMetadata() }
        for method in [HTTPTypes.HTTPRequest.Method.post, .get, .delete] {
            router.on("/mcp", method: method) { request, _ in try await fake.handle(request) }
        }
        let server = try await LoopbackServer.start(router, label: "patchbay.fake-mcp")
        fake.loopback = server
        fake.url = "http://127.0.0.1:\(server.port)/mcp"
        return fake
    }

    public func stop() async {
        let open = lock.withLock {
            defer { sessions.removeAll() }
            return Array(sessions.values)
        }
        for session in open { await session.server.stop() }
        await loopback?.stop()
    }

    /// Every `Authorization` header received, in order ("" for a request without one).
    public var receivedAuthorizations: [String] { lock.withLock { authorizations } }

    /// Event streams (GET) open now.
    public var openEventStreams: Int { lock.withLock { listeners } }

    /// The names of the tools it lists now.
    public var toolNames: [String] { lock.withLock { tools.map(\.name) } }

    /// Adds the `shout` tool and sends `notifications/tools/list_changed` to every session.
    public func addTool() async {
        let open = lock.withLock {
            tools.append(Tool(name: "shout", description: "Upper-cases the text.",
                              inputSchema: .object(["type": "object", "properties": .object(["text": .object(["type": "string"])]),
                                                    "required": .array(["text"])])))
            return Array(sessions.values)
        }
        for session in open { try? await session.server.notify(ToolListChangedNotification.message()) }
    }

    static let initialTools: [Tool] = [
        Tool(name: "echo", description: "Returns the text it is given.",
             inputSchema: .object(["type": "object", "properties": .object(["text": .object(["type": "string"])]),
                                   "required": .array(["text"])]),
             annotations: .init(readOnlyHint: true)),
        Tool(name: "add", description: "Adds two numbers.",
             inputSchema: .object(["type": "object",
                                   "properties": .object(["a": .object(["type": "number"]), "b": .object(["type": "number"])]),
                                   "required": .array(["a", "b"])]),
             outputSchema: .object(["type": "object", "properties": .object(["sum": .object(["type": "number"])]),
                                    "required": .array(["sum"])])),
        Tool(name: "fail", description: "Always reports an error.", inputSchema: .object(["type": "object"])),
        // A name no agent could call: the host leaves it out and says so.
        Tool(name: "bad name!", description: "Not callable by name.", inputSchema: .object(["type": "object"])),
    ]

    private func handle(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let authorization = request.headers[.authorization] ?? ""
        lock.withLock { authorizations.append(authorization) }
        if let token, authorization != "Bearer \(token)" {
            return Response(status: .unauthorized, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error\":\"invalid_token\"}")))
        }
        if let server = self.authorization,
           !(authorization.hasPrefix("Bearer ") && server.accepts(String(authorization.dropFirst(7)), resource: url)) {
            let metadata = url.replacingOccurrences(of: "/mcp", with: "/.well-known/oauth-protected-resource/mcp")
            return Response(status: .unauthorized,
                            headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\", resource_metadata=\"\(metadata)\", scope=\"\(Self.scope)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error\":\"invalid_token\"}")))
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let message = MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView),
                                      path: request.uri.path)
        let session: Session
        if let id = request.headers[HTTPField.Name(HTTPHeaderName.sessionID)!], let open = lock.withLock({ sessions[id] }) {
            session = open
        } else if request.headers[HTTPField.Name(HTTPHeaderName.sessionID)!] != nil {
            return Response(status: .notFound)
        } else {
            session = try await open()
        }
        let reply = await session.transport.handleRequest(message)
        if let id = reply.headers[HTTPHeaderName.sessionID] { lock.withLock { sessions[id] = session } }
        return response(reply, streaming: request.method == .get)
    }

    /// Its protected resource metadata (RFC 9728): itself as the resource, and its authorization server.
    private func resourceMetadata() -> Response {
        let document: [String: Any] = ["resource": url, "authorization_servers": [authorization?.issuer ?? ""],
                                       "scopes_supported": [Self.scope, "tools:write"], "bearer_methods_supported": ["header"]]
        let data = (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
        return Response(status: authorization == nil ? .notFound : .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// JSON numbers decode as integers or doubles.
    private static func number(_ value: Value?) -> Double {
        value?.doubleValue ?? value?.intValue.map(Double.init) ?? 0
    }

    private func open() async throws -> Session {
        let server = Server(name: "fake-mcp", version: "1.2.3", capabilities: .init(tools: .init(listChanged: true)))
        await server.withMethodHandler(ListTools.self) { [weak self] _ in
            .init(tools: self?.lock.withLock { self?.tools } ?? [])
        }
        await server.withMethodHandler(CallTool.self) { params in
            switch params.name {
            case "echo", "shout":
                var text = params.arguments?["text"]?.stringValue ?? ""
                if params.name == "shout" { text = text.uppercased() }
                return .init(content: [.text(text: text, annotations: nil, _meta: nil)])
            case "add":
                let sum = Self.number(params.arguments?["a"]) + Self.number(params.arguments?["b"])
                return .init(content: [.text(text: "\(sum)", annotations: nil, _meta: nil)], structuredContent: .object(["sum": .double(sum)]))
            case "fail":
                return .init(content: [.text(text: "the widget is broken", annotations: nil, _meta: nil)], isError: true)
            default:
                throw MCPError.invalidParams("no tool \(params.name)")
            }
        }
        let transport = StatefulHTTPServerTransport()
        try await server.start(transport: transport)
        return Session(server: server, transport: transport)
    }

    private func response(_ reply: MCP.HTTPResponse, streaming: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        guard case .stream(let events, _) = reply else {
            let body = reply.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
            return Response(status: .init(code: reply.statusCode), headers: fields, body: body)
        }
        if streaming { lock.withLock { listeners += 1 } }
        return Response(status: .ok, headers: fields, body: ResponseBody { [weak self] writer in
            defer { if streaming { self?.lock.withLock { self?.listeners -= 1 } } }
            for try await chunk in events { try await writer.write(ByteBuffer(bytes: chunk)) }
            try await writer.finish(nil)
        })
    }
}
