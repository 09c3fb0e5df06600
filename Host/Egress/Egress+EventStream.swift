import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
public import PatchbayWire

/// A response whose body is read as it arrives: a server's event stream.
public struct EgressStream: Sendable {
    public var status: Int
    /// Header names in lowercase.
    public var headers: [String: String]
    /// The body's bytes as they arrive; ends when the server closes it, throws when the connection fails.
    public var body: AsyncThrowingStream<Data, any Error>
}

extension Egress {
    /// Opens a long-lived request whose body is read as it arrives (an MCP server's event
    /// stream of notifications), to the same addresses `send` may reach, with the target's
    /// credentials injected the same way. Nothing is retried, queued or timed out after the
    /// head: the stream lasts until the server ends it or the calling task is cancelled.
    public func openStream(_ message: HTTPRequestMessage, to target: EgressTarget) async -> Result<EgressStream, PluginError> {
        let url: URL
        switch requestURL(message, target: target) {
        case .success(let built): url = built
        case .failure(let error): return .failure(error)
        }
        let client: HTTPClient
        switch await pinned.client(for: url) {
        case .success(let chosen): client = chosen
        case .failure(let refusal): return .failure(refusal)
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: message.method.uppercased())
        for (name, value) in message.headers where !["authorization", "host"].contains(name.lowercased()) {
            request.headers.add(name: name, value: value)
        }
        request.headers.add(name: "User-Agent", value: "Patchbay/1.0")
        injectHeaders(into: &request.headers, target: target)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .distantFuture, logger: logger)
        } catch {
            return .failure(EgressFailure.pluginError(for: error, host: url.host ?? "the server", settings: settings))
        }
        var headers: [String: String] = [:]
        for header in response.headers {
            let name = header.name.lowercased()
            headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
        }
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let reader = Task {
            do {
                for try await chunk in response.body { continuation.yield(Data(chunk.readableBytesView)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        return .success(EgressStream(status: Int(response.status.code), headers: headers, body: body))
    }
}
