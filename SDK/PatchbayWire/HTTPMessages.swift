public import Foundation

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
    /// Bytes to send as they are, for a body that is not UTF-8 text (a file upload); sent
    /// instead of `body` when set. On the wire `body_base64` (message version 2).
    public var binaryBody: Data?

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: String? = nil,
                binaryBody: Data? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.binaryBody = binaryBody
    }

    /// The bytes to send, if any.
    public var bodyBytes: Data? {
        binaryBody ?? body.map { Data($0.utf8) }
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "HTTPRequestMessage")
        method = try fields.string("method")
        path = try fields.string("path")
        query = try fields.optionalStringMap("query") ?? [:]
        headers = try fields.optionalStringMap("headers") ?? [:]
        body = try fields.optionalString("body")
        binaryBody = try fields.optionalBase64("body_base64")
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("method", method)
        object.set("path", path)
        object.set("query", query)
        object.set("headers", headers)
        object.set("body", body)
        object.set("body_base64", binaryBody)
        return object.json
    }
}

/// The host's answer to an `HTTPRequestMessage`: a response, or why there is none.
public struct HTTPResponseMessage: WireMessage, Sendable, Equatable {
    public var status: Int
    /// Header names in lowercase; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body as text; for a body that is not UTF-8, its lossy decoding (invalid bytes
    /// replaced) or, once `binaryBody` is passed on to a plugin that reads it, empty.
    public var body: String
    /// The exact bytes of a body that is not valid UTF-8 (a file download); nil for text.
    /// On the wire `body_base64` (message version 2).
    public var binaryBody: Data?
    /// Set instead of a response when none was received: `timeout`, `host_not_allowed`,
    /// `connection_failed`, `response_too_large`, `invalid_request`. A 429 that outlasts the
    /// host's retries is not an error here: it arrives as a response with status 429.
    public var error: PluginError?

    public init(status: Int, headers: [String: String] = [:], body: String = "", binaryBody: Data? = nil, error: PluginError? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.binaryBody = binaryBody
        self.error = error
    }

    /// A response whose body is `bytes`: text when they are UTF-8, else kept exactly in
    /// `binaryBody` beside their lossy decoding.
    public init(status: Int, headers: [String: String], bytes: Data) {
        if let text = String(bytes: bytes, encoding: .utf8) {
            self.init(status: status, headers: headers, body: text)
        } else {
            self.init(status: status, headers: headers, body: String(decoding: bytes, as: UTF8.self), binaryBody: bytes)
        }
    }

    /// The exact bytes of the body.
    public var bodyBytes: Data {
        binaryBody ?? Data(body.utf8)
    }

    /// This response as a plugin speaking `messageVersion` reads it: before version 2, the
    /// lossy text alone; from 2 on, a binary body once, as `body_base64`, without the text.
    public func readable(byMessageVersion messageVersion: Int) -> HTTPResponseMessage {
        guard binaryBody != nil else { return self }
        var copy = self
        if messageVersion < 2 {
            copy.binaryBody = nil
        } else {
            copy.body = ""
        }
        return copy
    }

    public static func failure(_ error: PluginError) -> HTTPResponseMessage {
        HTTPResponseMessage(status: 0, error: error)
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "HTTPResponseMessage")
        status = try fields.int("status")
        headers = try fields.optionalStringMap("headers") ?? [:]
        body = try fields.optionalString("body") ?? ""
        binaryBody = try fields.optionalBase64("body_base64")
        error = try fields.optionalMessage("error", PluginError.self)
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("status", status)
        object.set("headers", headers)
        object.set("body", body)
        object.set("body_base64", binaryBody)
        object.set("error", error)
        return object.json
    }
}
