public import Foundation

/// HTTP performed by the host on the plugin's behalf. Requests go to the connection's base URL
/// with its credentials injected; 429s are retried by the host as `Retry-After` says.
public struct HostHTTP: Sendable {
    let requestID: UInt64
    let host: HostServices

    /// Sends a request and returns the upstream's response, whatever its status.
    /// Throws `PluginError` when no response arrived (timeout, refused host, connection failure).
    public func send(_ request: HTTPRequestMessage) async throws -> HTTPResponse {
        let message = try await host.http(requestID: requestID, request: request)
        if let error = message.error { throw error }
        return HTTPResponse(status: message.status, headers: message.headers, body: message.body, binaryBody: message.binaryBody)
    }

    public func get(_ path: String, query: [String: String] = [:], headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await send(HTTPRequestMessage(method: "GET", path: path, query: query, headers: headers))
    }

    /// Sends `bytes` as they are, e.g. a file upload, with the given content type. Bytes that
    /// are not UTF-8 need a host that has `PB_HOST_FEATURE_BINARY_BODIES` (ABI 1.2); an older
    /// host cannot send them, and the call fails with `binary_body_unsupported`.
    public func send(_ method: String, _ path: String, bytes: Data, contentType: String, query: [String: String] = [:],
                     headers: [String: String] = [:]) async throws -> HTTPResponse {
        var headers = headers
        headers["content-type"] = contentType
        if let text = String(bytes: bytes, encoding: .utf8) {
            return try await send(HTTPRequestMessage(method: method, path: path, query: query, headers: headers, body: text))
        }
        guard host.supportsBinaryBodies else {
            throw PluginError(code: "binary_body_unsupported", message: "this host cannot send a body that is not UTF-8 text")
        }
        return try await send(HTTPRequestMessage(method: method, path: path, query: query, headers: headers, binaryBody: bytes))
    }

    /// Sends `body` as a JSON document.
    public func send(_ method: String, _ path: String, json body: JSONValue, query: [String: String] = [:],
                     headers: [String: String] = [:]) async throws -> HTTPResponse {
        let text = String(decoding: try WireCoding.encode(body), as: UTF8.self)
        var headers = headers
        headers["content-type"] = "application/json; charset=utf-8"
        return try await send(HTTPRequestMessage(method: method, path: path, query: query, headers: headers, body: text))
    }
}

/// An upstream response.
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Lowercase names.
    public let headers: [String: String]
    /// The body as text; for a body that is not UTF-8, its lossy decoding (use `data`).
    public let body: String
    /// The body's exact bytes.
    public let data: Data

    init(status: Int, headers: [String: String], body: String, binaryBody: Data? = nil) {
        self.status = status
        self.headers = headers
        self.body = binaryBody.map { String(decoding: $0, as: UTF8.self) } ?? body
        self.data = binaryBody ?? Data(body.utf8)
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as JSON; a non-JSON body is an `upstream_invalid_response` naming the status.
    public func json() throws -> JSONValue {
        do {
            return try WireCoding.decode(JSONValue.self, from: Data(body.utf8))
        } catch {
            throw PluginError.invalidResponse("upstream answered \(status) with a body that is not JSON", status: status)
        }
    }

    /// `Retry-After` in seconds, when the upstream sent one as a number.
    public var retryAfterSeconds: Double? { header("retry-after").flatMap(Double.init) }
}
