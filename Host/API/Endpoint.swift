import Hummingbird
import PatchbayServices
import PatchbayWire

/// One route of the API, with what the OpenAPI document says about it. The router and the
/// document are both built from the same list, so they cannot disagree.
struct Endpoint: Sendable {
    enum Access: Sendable {
        case open
        /// Needs an API key with this scope; the router checks both before the handler runs.
        case key(Scope)
    }

    var method: HTTPRequest.Method
    /// OpenAPI style: `/v1/connections/{id}`.
    var path: String
    var summary: String
    var tag: String
    var access: Access
    var requestBody: JSONValue?
    var queryParameters: [String] = []
    var successStatus: Int = 200
    /// Error statuses the route answers besides the ones every keyed route may (400, 401, 403, 404).
    var otherErrorStatuses: [Int] = []
    /// Takes an `Idempotency-Key` header: a repeat of the request gets the first answer, and
    /// the work is done once (see `IdempotentRoute`). For every POST that changes something.
    var idempotent = false
    var handler: @Sendable (Request, APIRequestContext) async throws -> Response

    /// The path in Hummingbird's syntax: `/v1/connections/:id`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }
}
