import Foundation
import Logging
import MCP
import PatchbayWire

/// The SDK client's transport to a remote MCP server over Streamable HTTP, sending every POST
/// through the host's egress (address policy, pinned addresses, credential injection, limits):
/// a reply in JSON or as an event stream is handed to the client message by message.
actor EgressMCPTransport: Transport {
    typealias Send = @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage

    nonisolated let logger: Logger
    private let url: URL
    private let post: Send
    private(set) var sessionID: String?
    private var protocolVersion: String?
    private let messages: AsyncThrowingStream<Data, any Swift.Error>
    private let continuation: AsyncThrowingStream<Data, any Swift.Error>.Continuation

    init(url: URL, send: @escaping Send) {
        self.url = url
        post = send
        var logger = Logger(label: "patchbay.mcp-client")
        logger.logLevel = .critical
        self.logger = logger
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {}

    /// Ends the session on the server too, as the specification asks of a client that is done.
    func disconnect() async {
        if let sessionID {
            _ = await post(HTTPRequestMessage(method: "DELETE", path: url.absoluteString, headers: headers(session: sessionID)))
        }
        sessionID = nil
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        var fields = headers(session: sessionID)
        fields["Content-Type"] = "application/json"
        fields["Accept"] = "application/json, text/event-stream"
        let response = await post(HTTPRequestMessage(method: "POST", path: url.absoluteString, headers: fields,
                                                     body: String(decoding: data, as: UTF8.self)))
        if let error = response.error { throw MCPRemoteFailure(error: error) }
        guard (200..<300).contains(response.status) else { throw MCPRemoteFailure.status(response.status, host: url.host ?? "?") }
        if let session = response.headers[HTTPHeaderName.sessionID.lowercased()] { sessionID = session }
        let body = response.binaryBody ?? Data(response.body.utf8)
        guard response.status != 202, !body.isEmpty else { return }
        if (response.headers["content-type"] ?? "").lowercased().hasPrefix("text/event-stream") {
            for message in EventStreamParser.events(in: body) { continuation.yield(message) }
        } else {
            continuation.yield(body)
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Swift.Error> { messages }

    /// Sent on every request after `initialize`, as Streamable HTTP requires.
    func negotiated(_ version: String) { protocolVersion = version }

    /// The headers of a request in this session.
    func headers(session: String?) -> [String: String] {
        var fields: [String: String] = [:]
        if let session { fields[HTTPHeaderName.sessionID] = session }
        if let protocolVersion { fields[HTTPHeaderName.protocolVersion] = protocolVersion }
        return fields
    }
}
