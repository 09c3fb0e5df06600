import Hummingbird
import PatchbayServices
import PatchbayWire

/// One route of the API and everything the OpenAPI document says about it. The router, the
/// checks on what a client sends, and `/openapi.json` are all built from the same list, so the
/// document cannot promise what the server refuses, nor the server accept what it does not say.
///
/// Declaring a route:
///
///     Endpoint(method: .post, path: "/v1/things/{id}/rename", summary: "Rename a thing.", tag: "things",
///              access: .key(.integrationsWrite),
///              requestBody: APISchema.object(["name": APISchema.name(max: 100)], required: ["name"]),
///              parameters: [.limit, .cursor, .query("provider")],
///              response: APISchema.ref("Thing"), errors: [409]) { request, context in
///         let name = context.input["name"]?.stringValue ?? ""   // already checked against requestBody
///         ...
///     }
///
/// - `requestBody` is a JSON Schema; the router checks the body against it before the handler
///   runs (a 400 `validation_failed` naming the field otherwise) and hands it over as
///   `context.input`. `APISchema.object` refuses unknown fields, as every body here does.
/// - `parameters` are the query and header parameters; query values are checked against their
///   schemas (types, ranges, enums) before the handler runs. Path parameters come from `path`.
/// - `response` is the schema of the success body (`successStatus`); `otherResponses` adds
///   other successes (a 202, say), `.null` for one without a body. Reusable shapes live in
///   `APISchema.components`. `streams` says a success may instead be an event stream (SSE);
///   `mediaType` names a success body that is not JSON (`/metrics`' Prometheus text).
/// - `errors` lists the error statuses the route answers besides those every route may
///   (`APISchema.commonErrors`); each is documented with the error envelope.
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
    /// The largest body the route reads; more is 413 `body_too_large`.
    var maxBodyBytes = RequestValidation.maxBodyBytes
    var parameters: [Parameter] = []
    var response: JSONValue
    /// The success body's media type: JSON unless the route says otherwise.
    var mediaType = "application/json"
    var successStatus: Int = 200
    var otherResponses: [Int: JSONValue] = [:]
    var streams = false
    /// Error statuses the route answers besides `APISchema.commonErrors`.
    var errors: [Int] = []
    /// The envelope of this route's errors: routes that run an action may answer with the
    /// provider's own error code, which the host's list cannot name.
    var errorBody: JSONValue = APISchema.ref("Error")
    /// Takes an `Idempotency-Key` header: a repeat of the request gets the first answer, and
    /// the work is done once (see `IdempotentRoute`). For every POST that changes something.
    var idempotent = false
    var handler: @Sendable (Request, APIRequestContext) async throws -> Response

    /// Whether the route takes an API key (and so counts against its budget).
    var keyed: Bool {
        if case .key = access { return true }
        return false
    }

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
