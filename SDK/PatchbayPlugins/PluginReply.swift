public import Foundation
public import PatchbayWire

/// What the host hands a plugin for one call: how to do HTTP for it, and which secrets to
/// keep out of the log lines the plugin writes during it.
public struct PluginCallContext: Sendable {
    public var http: @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage
    public var secrets: [String]
    /// Set by a caller that checks the result against its method's schema itself, in the same
    /// parse that reads it (`LoadedPlugin.parseWebhook`): the channel hands the result on as it came.
    var checksResultItself = false

    public init(secrets: [String] = [], http: @escaping @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage) {
        self.http = http
        self.secrets = secrets
    }

    /// A context for calls that may not reach the network.
    public static let offline = PluginCallContext { _ in
        .failure(PluginError(code: "egress_unavailable", message: "this call may not make HTTP requests"))
    }
}

/// How a plugin call ended, as seen by the host.
public enum PluginReply: Sendable {
    /// The plugin completed with PB_STATUS_OK; the payload is the method's JSON result.
    case success(Data)
    /// The plugin completed with PB_STATUS_ERROR, or the host gave up on it (timeout, cancel, crash).
    case failure(PluginError)

    public static func timedOut(after timeout: Duration) -> PluginReply {
        .failure(PluginError(code: "plugin_timeout", message: "the plugin did not complete within \(timeout)", retryable: true))
    }

    /// The call's deadline passed while the plugin was waiting on the provider.
    public static func upstreamTimedOut(after timeout: Duration) -> PluginReply {
        .failure(PluginError(code: "upstream_timeout", message: "the provider did not answer within the call's deadline of \(timeout)",
                             retryable: true))
    }

    public static let cancelled = PluginReply.failure(PluginError(code: "cancelled", message: "the call was cancelled"))
}

/// A way to reach a loaded plugin: in this process, or (later) in a worker process.
public protocol PluginChannel: AnyObject, Sendable {
    /// Calls the plugin; the call fails once `timeout` of `clock` has passed.
    func call(method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration, clock: PluginClock) async -> PluginReply
    /// Completions that arrived for no call in flight: after the host gave up on the call, a
    /// second completion of the same call, or an id the host never issued. Each is dropped.
    var ignoredCompletions: Int { get }
    /// Set once the plugin no longer takes calls (a worker that kept crashing).
    var quarantineReason: String? { get }
    /// How often the plugin's worker died since the plugin loaded, and how the last one ended.
    /// An in-process plugin has none to tell: its crash ends the host (`PluginCrashGuard`).
    var crashHistory: (count: Int, last: String?) { get }
    /// The graceful stop: the plugin's pb_plugin_shutdown runs once, and it takes no more calls.
    func shutdown() async
}

extension PluginChannel {
    var quarantineReason: String? { nil }
    /// A channel with no worker of its own has no crash to tell.
    public var crashHistory: (count: Int, last: String?) { (0, nil) }
}
