import Foundation

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
        return HTTPResponse(status: message.status, headers: message.headers, body: message.body)
    }

    public func get(_ path: String, query: [String: String] = [:], headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await send(HTTPRequestMessage(method: "GET", path: path, query: query, headers: headers))
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
    public let body: String

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
