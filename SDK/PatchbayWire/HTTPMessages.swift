/// An HTTP request a plugin asks the host to send (`pb_host_http_request`).
/// The host adds credentials; a plugin never sets an auth header itself.
public struct HTTPRequestMessage: WireMessage, Sendable, Equatable {
    public var method: String
    /// A path relative to the connection's base URL, or an absolute URL (for example a
    /// pagination link). Either way the final host must be allowed by the manifest.
    public var path: String
    public var query: [String: String]
    public var headers: [String: String]
    public var body: String?

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "HTTPRequestMessage")
        method = try fields.string("method")
        path = try fields.string("path")
        query = try fields.optionalStringMap("query") ?? [:]
        headers = try fields.optionalStringMap("headers") ?? [:]
        body = try fields.optionalString("body")
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("method", method)
        object.set("path", path)
        object.set("query", query)
        object.set("headers", headers)
        object.set("body", body)
        return object.json
    }
}

/// The host's answer to an `HTTPRequestMessage`: a response, or why there is none.
public struct HTTPResponseMessage: WireMessage, Sendable, Equatable {
    public var status: Int
    /// Header names in lowercase; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: String
    /// Set instead of a response when none was received: `timeout`, `host_not_allowed`,
    /// `connection_failed`, `response_too_large`, `invalid_request`. A 429 that outlasts the
    /// host's retries is not an error here: it arrives as a response with status 429.
    public var error: PluginError?

    public init(status: Int, headers: [String: String] = [:], body: String = "", error: PluginError? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.error = error
    }

    public static func failure(_ error: PluginError) -> HTTPResponseMessage {
        HTTPResponseMessage(status: 0, error: error)
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "HTTPResponseMessage")
        status = try fields.int("status")
        headers = try fields.optionalStringMap("headers") ?? [:]
        body = try fields.optionalString("body") ?? ""
        error = try fields.optionalMessage("error", PluginError.self)
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("status", status)
        object.set("headers", headers)
        object.set("body", body)
        object.set("error", error)
        return object.json
    }
}
