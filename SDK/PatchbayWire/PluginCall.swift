/// The methods the host calls on a plugin through `pb_plugin_call`.
public enum PluginMethod: String, Sendable, CaseIterable {
    /// Payload: `PluginCall`. Result: `CheckResult`. Tells whether the connection works.
    case check
    /// Payload: `PluginCall` with `action` and `input`. Result: the action's output JSON.
    case invoke
    /// Payload: `PluginCall`. Result: `DiscoveredSchema`.
    case discover
    /// Payload: `PluginCall` with `webhook`. Result: `[WebhookEvent]`.
    case parseWebhook = "parse_webhook"
}

/// The payload of every plugin call. Each method reads the fields it needs.
public struct PluginCall: WireMessage, Sendable, Equatable {
    public var action: String?
    public var input: JSONValue?
    /// The connection's non-secret config.
    public var config: JSONValue
    /// Present only for plugins whose auth type is `plugin`, for this call only.
    public var credentials: [String: String]?
    public var webhook: InboundWebhook?
    /// For each of the manifest's network targets a plugin connects to itself (`postgres_dsn`),
    /// the address the host checked, by field (`credentials.connection_string` → `203.0.113.5`):
    /// the plugin connects there and nowhere else. The name as written when the operator
    /// trusts it.
    public var checkedAddresses: [String: String]?
    /// The Patchbay connection the call is for (`conn_…`), when there is one: what a plugin keys
    /// state it keeps between one connection's calls by (the Postgres provider's sessions).
    public var connectionID: String?

    public init(action: String? = nil, input: JSONValue? = nil, config: JSONValue = [:],
                credentials: [String: String]? = nil, webhook: InboundWebhook? = nil, checkedAddresses: [String: String]? = nil,
                connectionID: String? = nil) {
        self.action = action
        self.input = input
        self.config = config
        self.credentials = credentials
        self.webhook = webhook
        self.checkedAddresses = checkedAddresses
        self.connectionID = connectionID
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "PluginCall")
        action = try fields.optionalString("action")
        input = fields.optionalValue("input")
        config = fields.optionalValue("config") ?? [:]
        credentials = try fields.optionalStringMap("credentials")
        webhook = try fields.optionalMessage("webhook", InboundWebhook.self)
        checkedAddresses = try fields.optionalStringMap("checked_addresses")
        connectionID = try fields.optionalString("connection_id")
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("action", action)
        object["input"] = input
        object["config"] = config
        object.set("credentials", credentials)
        object.set("webhook", webhook)
        object.set("checked_addresses", checkedAddresses)
        object.set("connection_id", connectionID)
        return object.json
    }

    /// The bytes of `wire`, written without building it: a call is encoded on every plugin
    /// call, with a webhook's whole body in it. The names go in `wire`'s sorted order.
    func write(to writer: inout JSONWriter) throws {
        try writer.object { writer in
            if let action { writer.member("action"); writer.string(action) }
            if let checkedAddresses { writer.member("checked_addresses"); writer.stringMap(checkedAddresses) }
            writer.member("config")
            try writer.append(config)
            if let connectionID { writer.member("connection_id"); writer.string(connectionID) }
            if let credentials { writer.member("credentials"); writer.stringMap(credentials) }
            if let input { writer.member("input"); try writer.append(input) }
            if let webhook { writer.member("webhook"); webhook.write(to: &writer) }
        }
    }
}

/// The error a plugin completes a call with (`PB_STATUS_ERROR`).
public struct PluginError: Error, WireMessage, Sendable, Equatable {
    /// Machine-readable: the provider's own code where it has one (`channel_not_found`),
    /// or one of the SDK's (`invalid_input`, `upstream_error`, `upstream_invalid_response`,
    /// `rate_limited`, `unsupported_method`).
    public var code: String
    public var message: String
    /// Whether the same call may succeed if tried again later.
    public var retryable: Bool
    /// The upstream HTTP status, when the error came from one.
    public var upstreamStatus: Int?
    /// The input field at fault, as a dotted path.
    public var field: String?
    /// Extra structured detail (e.g. GitHub's per-field validation errors).
    public var details: JSONValue?

    public init(code: String, message: String, retryable: Bool = false, upstreamStatus: Int? = nil,
                field: String? = nil, details: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.upstreamStatus = upstreamStatus
        self.field = field
        self.details = details
    }

    public init(wire: JSONValue) throws {
        let fields = try WireFields(wire, message: "PluginError")
        code = try fields.string("code")
        message = try fields.optionalString("message") ?? code
        retryable = try fields.optionalBool("retryable") ?? false
        upstreamStatus = try fields.optionalInt("upstream_status")
        field = try fields.optionalString("field")
        details = fields.optionalValue("details")
    }

    public var wire: JSONValue {
        var object = WireObject()
        object.set("code", code)
        object.set("message", message)
        object["retryable"] = .bool(retryable)
        object.set("upstream_status", upstreamStatus)
        object.set("field", field)
        object["details"] = details
        return object.json
    }
}

/// The result of a connection check. A failed check is a result, not an error.
public struct CheckResult: Codable, Sendable, Equatable {
    public var ok: Bool
    /// Human-readable: who the credentials belong to, or what is wrong with them.
    public var message: String

    public init(ok: Bool, message: String) {
        self.ok = ok
        self.message = message
    }
}
