/// One HTTP request as a fake upstream received it, kept so tests can check exactly what a
/// client sent: the auth header, the encoding of the body, the query it built.
public struct RecordedRequest: Sendable, Equatable {
    /// The HTTP method, e.g. `GET` or `POST`.
    public var method: String
    /// The path without the query string, e.g. `/slack/api/chat.postMessage`.
    public var path: String
    /// Query parameters, percent-decoded. A repeated name keeps its last value.
    public var query: [String: String]
    /// Header names in lowercase; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The raw body as UTF-8 text (empty when there was none).
    public var body: String

    public init(method: String, path: String, query: [String: String], headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
