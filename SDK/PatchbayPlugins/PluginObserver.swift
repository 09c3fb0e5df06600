public import PatchbayWire

/// What the loader reports as it works: its log lines, the events a host counts, and each call
/// to a plugin, which a host may wrap (in a trace span). The loader names no logging, metrics or
/// tracing library, so a plugin's tests build without any: the host adapts this to swift-log,
/// swift-metrics and swift-distributed-tracing (`PluginTelemetry`), and the harness keeps quiet
/// unless its author passes an observer of their own.
public protocol PluginObserver: Sendable {
    /// One log line. `metadata` says which plugin, call, path or worker it is about; a line the
    /// plugin wrote has had the secrets of its call masked before it gets here.
    func log(_ level: PluginLogLevel, _ message: String, metadata: [String: String])

    /// Something went wrong with a plugin that an operator counts.
    func record(_ event: PluginEvent)

    /// Runs one call to plugin `plugin` through `run`, which takes the context the call is
    /// made with: an observer may wrap it (a span) and hand on a context of its own (one whose
    /// HTTP requests join the caller's trace). Answers what `run` answered.
    func observeCall(_ method: PluginMethod, plugin: String, context: PluginCallContext,
                     _ run: (PluginCallContext) async -> PluginReply) async -> PluginReply
}

extension PluginObserver {
    /// Calls run as they are, with nothing around them.
    public func observeCall(_ method: PluginMethod, plugin: String, context: PluginCallContext,
                            _ run: (PluginCallContext) async -> PluginReply) async -> PluginReply {
        await run(context)
    }
}
