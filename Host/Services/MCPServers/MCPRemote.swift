import Foundation
import MCP
import PatchbayEgress
import PatchbayWire

/// A remote MCP server as the host uses it: each use is a session of its own, opened with
/// `initialize` by the SDK's client over the egress transport and ended when the use is done.
struct MCPRemote: Sendable {
    let url: URL
    let send: EgressMCPTransport.Send

    /// What `initialize` and `tools/list` said.
    struct Listing: Sendable {
        var tools: JSONValue
        var serverInfo: JSONValue
    }

    /// Pages of `tools/list` followed at most this many times, against a server that never stops.
    static let maxPages = 20

    func listTools() async throws -> Listing {
        try await session { client, initialized, _ in
            var tools: [JSONValue] = []
            var cursor: String?
            for _ in 0..<Self.maxPages {
                let page = try await client.listTools(cursor: cursor)
                tools += try page.tools.map(Self.json)
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            return Listing(tools: .array(tools), serverInfo: try Self.json(initialized.serverInfo))
        }
    }

    /// `tools/call`; a result with `isError` is returned as it is, for the caller to record as a failure.
    func callTool(_ name: String, arguments: JSONValue) async throws -> CallTool.Result {
        let arguments = try JSONDecoder().decode([String: Value].self, from: WireCoding.encode(arguments))
        return try await session { client, _, _ in
            try await client.send(CallTool.request(.init(name: name, arguments: arguments))).value
        }
    }

    /// `initialize` then `ping`: the server is there and takes the credentials.
    func check() async throws -> String {
        try await session { client, initialized, _ in
            try await client.ping()
            return "\(initialized.serverInfo.name) \(initialized.serverInfo.version) answers"
        }
    }

    /// Opens a session, runs `body` in it and ends it whatever happened. Errors come out as
    /// `MCPRemoteFailure`, saying what the server or the egress said.
    private func session<T: Sendable>(_ body: (Client, Initialize.Result, EgressMCPTransport) async throws -> T) async throws -> T {
        let transport = EgressMCPTransport(url: url, send: send)
        let client = Client(name: "patchbay", version: "1.0")
        do {
            let initialized = try await client.connect(transport: transport)
            await transport.negotiated(initialized.protocolVersion)
            let result = try await body(client, initialized, transport)
            await client.disconnect()
            await transport.disconnect()
            return result
        } catch {
            await client.disconnect()
            await transport.disconnect()
            throw MCPRemoteFailure(error: MCPRemoteFailure.from(error, host: url.host ?? "?"))
        }
    }

    static func json(_ value: some Encodable) throws -> JSONValue {
        try WireCoding.decode(JSONValue.self, from: JSONEncoder().encode(value))
    }
}

extension MCPRemote {
    typealias OpenStream = @Sendable (HTTPRequestMessage) async -> Result<EgressStream, PluginError>

    /// Opens a session and its event stream (a GET), and calls `toolsChanged` for each
    /// `notifications/tools/list_changed` on it, until the stream ends or the task is
    /// cancelled. Returns false when the server offers no event stream (HTTP 405), so there
    /// is nothing to wait for.
    func listen(open: OpenStream, toolsChanged: @Sendable () async -> Void) async throws -> Bool {
        try await session { _, _, transport in
            let session = await transport.sessionID
            var headers = await transport.headers(session: session)
            headers["Accept"] = "text/event-stream"
            let stream: EgressStream
            switch await open(HTTPRequestMessage(method: "GET", path: url.absoluteString, headers: headers)) {
            case .failure(let error): throw MCPRemoteFailure(error: error)
            case .success(let opened): stream = opened
            }
            if stream.status == 405 { return false }
            guard stream.status == 200 else { throw MCPRemoteFailure.status(stream.status, host: url.host ?? "?") }
            var parser = EventStreamParser()
            for try await chunk in stream.body {
                for message in parser.feed(chunk) {
                    guard let json = try? WireCoding.decode(JSONValue.self, from: message) else { continue }
                    if json["method"]?.stringValue == Self.toolsChanged { await toolsChanged() }
                }
            }
            return true
        }
    }

    static let toolsChanged = "notifications/tools/list_changed"
}
