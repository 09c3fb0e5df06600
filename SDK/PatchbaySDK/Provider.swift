@_exported import PatchbayWire

/// What a plugin author implements. One type per plugin, exported with one line:
///
///     @_cdecl("pb_plugin_info")
///     public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: SlackProvider.self) }
///
/// Every method runs on the Swift concurrency pool and may be called concurrently.
/// Throw `PluginError` to fail a call with a code the host and agents can act on;
/// any other error becomes `plugin_error`.
public protocol Provider: Sendable {
    /// The provider's description: actions, packs, auth, config. Read once, when the host
    /// inspects the plugin; it must not depend on anything but the code.
    static var manifest: Manifest { get }

    init()

    /// Tells whether a connection works, e.g. by calling the provider's "who am I" endpoint.
    /// Return `ok: false` for bad credentials; throw only when the check itself could not run.
    func check(_ context: ProviderContext) async throws -> CheckResult

    /// Runs one action. The host has already validated `input` against the action's input schema
    /// and will validate the result against its output schema.
    func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue

    /// Reads the provider's live schema. Only called when the manifest says `supports_discovery`.
    func discover(_ context: ProviderContext) async throws -> DiscoveredSchema

    /// Turns a webhook the host has already verified into normalized events.
    func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent]

    /// Called once when the host stops gracefully (`pb_plugin_shutdown`), after the calls
    /// still running were cancelled: flush what is buffered, close pools. The host waits for
    /// it a bounded time (10 s). Not called after a crash, nor by a host older than ABI 1.2.
    func shutdown() async
}

extension Provider {
    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        throw PluginError(code: "unsupported_method", message: "\(Self.manifest.name) does not support discovery")
    }

    public func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent] {
        throw PluginError(code: "unsupported_method", message: "\(Self.manifest.name) does not receive webhooks")
    }

    /// Nothing to release.
    public func shutdown() async {}
}

extension PluginError {
    /// The error for an action name the plugin does not know.
    public static func unknownAction(_ name: String) -> PluginError {
        PluginError(code: "unknown_action", message: "no action named \"\(name)\"", field: "action")
    }

    /// The error for input that passed the schema but is still unusable.
    public static func invalidInput(_ field: String, _ message: String) -> PluginError {
        PluginError(code: "invalid_input", message: message, field: field)
    }

    /// The error for an upstream reply the plugin cannot read (not JSON, or not the shape the
    /// API documents). The host answers it 502, never the 422 of a provider refusing the call.
    public static func invalidResponse(_ message: String, status: Int) -> PluginError {
        PluginError(code: "upstream_invalid_response", message: message, retryable: status >= 500, upstreamStatus: status)
    }
}
