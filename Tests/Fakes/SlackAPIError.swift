import PatchbayWire

/// A Slack Web API error: answered as HTTP 200 with `{"ok":false,"error":code}`, plus any
/// extra fields Slack sends alongside that error.
struct SlackAPIError: Error, Sendable {
    var code: String
    var extra: [String: JSONValue]

    init(_ code: String, extra: [String: JSONValue] = [:]) {
        self.code = code
        self.extra = extra
    }
}
