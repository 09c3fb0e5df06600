import PatchbayWire

/// A failure the API shows to its caller, already phrased for them. Services throw only
/// these (or let the API turn anything else into a 500 that says nothing internal).
public struct ServiceError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case badRequest          // 400
        case unauthenticated     // 401
        case forbidden           // 403
        case notFound            // 404 (also: another account's id)
        case conflict            // 409
        case upstreamRejected    // 422
        /// The request is well formed but cannot be taken as it is (a reused idempotency key).
        case unprocessable       // 422
        case throttled           // 429
        case upstreamFailed      // 502
        case unavailable         // 503
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var field: String?
    /// The execution this failure was recorded as, when there is one.
    public var executionID: String?
    public var retryable: Bool?
    /// The outcome happened but could not be recorded (see `ExecutionService.recordIncompleteWarning`).
    public var recordIncomplete = false
    /// Seconds until the call could succeed, when the host knows (a provider's rate budget).
    public var retryAfter: Int?

    public init(_ kind: Kind, _ code: String, _ message: String, field: String? = nil,
                executionID: String? = nil, retryable: Bool? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
        self.executionID = executionID
        self.retryable = retryable
    }

    public static func validation(_ message: String, field: String?) -> ServiceError {
        ServiceError(.badRequest, "validation_failed", message, field: field)
    }

    public static func notFound(_ what: String, _ id: String) -> ServiceError {
        ServiceError(.notFound, "not_found", "no \(what) \"\(id)\"")
    }

    /// The first violation of a schema check, with its path under `root` (e.g. `input.channel`).
    static func schema(_ violations: [SchemaViolation], root: String) -> ServiceError {
        let first = violations[0]
        let field = first.path.isEmpty ? root : "\(root).\(first.path)"
        let more = violations.count > 1 ? " (and \(violations.count - 1) more problem\(violations.count == 2 ? "" : "s"))" : ""
        return .validation("\(field) \(first.message)\(more)", field: field)
    }
}
