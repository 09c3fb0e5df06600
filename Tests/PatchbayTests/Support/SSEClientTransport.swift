import AsyncHTTPClient
import Foundation
import Logging
import MCP
import NIOCore
import NIOHTTP1

/// A Streamable HTTP transport for the MCP SDK's own `Client`: POSTs each message, reads replies
/// sent as JSON or as an SSE stream, keeps the session id the server answers `initialize` with,
/// then listens on the session's GET event stream. (The SDK's `HTTPClientTransport` reads
/// neither SSE replies nor the event stream on Linux.)
actor SSEClientTransport: Transport {
    nonisolated let logger = Logger(label: "patchbay.tests.mcp")
    let endpoint: String
    let headers: [String: String]
    private(set) var sessionID: String?
    private(set) var eventStreamOpen = false
    private let incoming: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var eventStream: Task<Void, Never>?

    init(endpoint: String, headers: [String: String]) {
        self.endpoint = endpoint
        self.headers = headers
        (incoming, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
    }

    func connect() async throws {}

    func disconnect() async {
        eventStream?.cancel()
        continuation.finish()
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { incoming }

    func send(_ data: Data) async throws {
        var request = request(method: .POST, accept: "application/json, text/event-stream")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: data))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 10 << 20))
        guard (200..<300).contains(response.status.code) else {
            throw MCPError.internalError("HTTP \(response.status.code): \(body)")
        }
        if sessionID == nil, let id = response.headers.first(name: "Mcp-Session-Id") {
            sessionID = id
            eventStream = Task { await self.listen() }
        }
        if response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true {
            var parser = SSEParser()
            for message in parser.feed(body) { continuation.yield(message) }
        } else if !body.isEmpty {
            continuation.yield(Data(body.utf8))
        }
    }

    /// Ends the session as a client does when it is done: DELETE with the session id.
    func terminate() async throws -> Int {
        let response = try await HTTPClient.shared.execute(request(method: .DELETE, accept: nil), timeout: .seconds(10))
        return Int(response.status.code)
    }

    private func listen() async {
        do {
            let response = try await HTTPClient.shared.execute(request(method: .GET, accept: "text/event-stream"), timeout: .seconds(60))
            guard response.status == .ok else { return }
            eventStreamOpen = true
            var parser = SSEParser()
            for try await chunk in response.body {
                for message in parser.feed(String(buffer: chunk)) { continuation.yield(message) }
            }
        } catch {}
        eventStreamOpen = false
    }

    private func request(method: HTTPMethod, accept: String?) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint)
        request.method = method
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let sessionID { request.headers.add(name: "Mcp-Session-Id", value: sessionID) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return request
    }
}

/// Splits server-sent events and returns the data of each message; comments and priming
/// events (no data) are skipped.
struct SSEParser {
    private var pending = ""

    mutating func feed(_ text: String) -> [Data] {
        pending += text
        var messages: [Data] = []
        while let end = pending.range(of: "\n\n") {
            let event = pending[..<end.lowerBound]
            pending = String(pending[end.upperBound...])
            let data = event.split(separator: "\n").filter { $0.hasPrefix("data:") }
                .map { $0.dropFirst(5).drop(while: { $0 == " " }) }.joined(separator: "\n")
            if !data.isEmpty { messages.append(Data(data.utf8)) }
        }
        return messages
    }
}
