import Hummingbird
import Logging
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// The one error envelope: `{"error": {"code", "message", "field"?, "execution_id"?, "retryable"?}}`.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var field: String?
    var executionID: String?
    var retryable: Bool?
    /// The methods a path supports, sent as `Allow` with a 405.
    var allow: String?
    var recordIncomplete = false
    /// Seconds, sent as `Retry-After`.
    var retryAfter: Int?
    /// Sent besides: the rate limit headers of a 429.
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil, allow: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.allow = allow
    }

    init(_ error: ServiceError) {
        self.init(status: Self.status(for: error.kind), code: error.code, message: error.message, field: error.field)
        executionID = error.executionID
        retryable = error.retryable
        recordIncomplete = error.recordIncomplete
        retryAfter = error.retryAfter
    }

    /// The disk refused a write (or a read): nothing was stored, and trying again later can work.
    init(_ error: StoreError) {
        self.init(status: .serviceUnavailable, code: "storage_unavailable",
                  message: "the host cannot use its storage right now (\(error.unavailableCause ?? "storage fault")); nothing was stored, try again later")
        retryAfter = 5
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let field { body["field"] = .string(field) }
        if let executionID { body["execution_id"] = .string(executionID) }
        if let retryable { body["retryable"] = .bool(retryable) }
        if recordIncomplete {
            body["record_incomplete"] = .bool(true)
            body["warning"] = .string(ExecutionService.recordIncompleteWarning)
        }
        var headers = self.headers
        if status == .unauthorized { headers[ResponseHeader.wwwAuthenticate.name] = "Bearer" }
        if let allow { headers[ResponseHeader.allow.name] = allow }
        if let retryAfter { headers[ResponseHeader.retryAfter.name] = String(retryAfter) }
        return JSONResponse.make(["error": .object(body)], status: status, headers: headers)
    }

    static func status(for kind: ServiceError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .upstreamRejected, .unprocessable: return .unprocessableContent
        case .throttled: return .tooManyRequests
        case .upstreamFailed: return .badGateway
        case .unavailable: return .serviceUnavailable
        }
    }
}

/// Turns every failure into the envelope, so no client ever sees a framework's own error
/// format or an internal message. Unexpected errors are logged here and answered blandly.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.response(for: error, request: request, context: context, logger: logger)
        }
    }

    /// The envelope for `error`; also for answers that are kept before the middleware sees them
    /// (an idempotent request's).
    static func response(for error: any Error, request: Request, context: Context, logger: Logger) throws -> Response {
        switch error {
        case let error as APIError:
            return try error.response(from: request, context: context)
        case let error as ServiceError:
            return try APIError(error).response(from: request, context: context)
        case let error as StoreError where error.unavailableCause != nil:
            logger.error("storage unavailable", metadata: ["path": "\(request.uri.path)", "cause": "\(error)"])
            return try APIError(error).response(from: request, context: context)
        case let error as HTTPError:
            let code = error.status == .notFound ? "route_not_found" : "http_error"
            let message = error.status == .notFound
                ? "no route \(request.method.rawValue) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return try APIError(status: error.status, code: code, message: message).response(from: request, context: context)
        default:
            logger.error("unhandled error", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: type(of: error)))"])
            return try APIError(status: .internalServerError, code: "internal_error", message: "something went wrong on the host")
                .response(from: request, context: context)
        }
    }
}
