import HTTPTypes

/// A Google API error, answered as `{"error": {"code": <http>, "message", "status"}}` where
/// `status` is the canonical gRPC code name and `code` its HTTP mapping.
struct GoogleAPIError: Error, Sendable {
    var status: String
    var message: String

    init(_ status: String, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The HTTP status Google's front end uses for each canonical code.
    static let httpStatuses: [String: Int] = [
        "INVALID_ARGUMENT": 400, "FAILED_PRECONDITION": 400, "OUT_OF_RANGE": 400,
        "UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "NOT_FOUND": 404,
        "ABORTED": 409, "ALREADY_EXISTS": 409, "RESOURCE_EXHAUSTED": 429, "CANCELLED": 499,
        "INTERNAL": 500, "UNKNOWN": 500, "DATA_LOSS": 500, "UNIMPLEMENTED": 501,
        "UNAVAILABLE": 503, "DEADLINE_EXCEEDED": 504,
    ]

    var httpStatus: HTTPResponse.Status {
        HTTPResponse.Status(code: Self.httpStatuses[status] ?? 500)
    }

    static func invalidArgument(_ message: String) -> GoogleAPIError {
        GoogleAPIError("INVALID_ARGUMENT", message)
    }

    static let notFound = GoogleAPIError("NOT_FOUND", "Requested entity was not found.")

    static let missingCredentials = GoogleAPIError("PERMISSION_DENIED", "The request is missing a valid API key.")

    static let invalidCredentials = GoogleAPIError(
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.")

    static let insufficientScopes = GoogleAPIError("PERMISSION_DENIED", "Request had insufficient authentication scopes.")

    static let quotaExceeded = GoogleAPIError(
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.")

    /// An error a test queued by canonical status, with Google's usual wording where it has one.
    static func queued(_ status: String) -> GoogleAPIError {
        switch status {
        case "UNAVAILABLE": return GoogleAPIError(status, "The service is currently unavailable.")
        case "INTERNAL": return GoogleAPIError(status, "Internal error encountered.")
        case "RESOURCE_EXHAUSTED": return quotaExceeded
        default: return GoogleAPIError(status, "Request failed with status \(status).")
        }
    }

    /// `Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "SIDEWAYS"`.
    static func invalidEnum(_ field: String, type: String, _ value: String) -> GoogleAPIError {
        invalidArgument("Invalid value at '\(field)' (type.googleapis.com/google.apps.sheets.v4.\(type)), \"\(value)\"")
    }
}
