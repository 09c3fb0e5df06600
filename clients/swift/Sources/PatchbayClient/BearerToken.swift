import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends a Patchbay API key with every request, as `Authorization: Bearer <key>`:
/// `Client(serverURL: url, transport: AsyncHTTPClientTransport(), middlewares: [BearerToken(key)])`.
public struct BearerToken: ClientMiddleware {
    let key: String

    public init(_ key: String) {
        self.key = key
    }

    public func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                          next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(key)"
        return try await next(request, body, baseURL)
    }
}
