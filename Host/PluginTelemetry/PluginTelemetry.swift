public import Logging
import Metrics
public import PatchbayPlugins
public import PatchbayWire
import Tracing

/// The host's ears on its plugins: what the loader reports, as swift-log lines, swift-metrics
/// series and swift-distributed-tracing spans, through whichever backends `serve` bootstrapped.
public struct PluginTelemetry: PluginObserver {
    public let logger: Logger
    /// Whether a tracer was bootstrapped when the telemetry was made: `serve` bootstraps tracing
    /// before it loads the plugins. Looking the tracer up costs about as much as a small span.
    private let traced = !(InstrumentationSystem.tracer is NoOpTracer)

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Lines keep the loader's module as their source, as when it logged through swift-log itself.
    public func log(_ level: PluginLogLevel, _ message: String, metadata: [String: String]) {
        logger.log(level: Self.level(level), "\(message)", metadata: metadata.mapValues { .string($0) }, source: "PatchbayPlugins")
    }

    private static func level(_ level: PluginLogLevel) -> Logger.Level {
        switch level {
        case .debug: return .debug
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }

    /// The plugins' series (docs/operations.md), by plugin id.
    public func record(_ event: PluginEvent) {
        switch event {
        case .crashed(let plugin):
            Counter(label: "patchbay_plugin_crashes_total", dimensions: [("plugin", plugin)]).increment()
        case .quarantined(let plugin):
            // Counted once, and held at 1 by the gauge, which an alert can watch without knowing
            // when it happened.
            Counter(label: "patchbay_plugin_quarantines_total", dimensions: [("plugin", plugin)]).increment()
            Gauge(label: "patchbay_plugin_quarantined", dimensions: [("plugin", plugin)]).record(1)
        case .refusedMessage(let plugin, let message):
            Counter(label: "patchbay_plugin_messages_refused_total", dimensions: [("plugin", plugin), ("message", message)]).increment()
        case .timedOut(let plugin, let waitingOn):
            Counter(label: "patchbay_plugin_timeouts_total", dimensions: [("plugin", plugin), ("waiting_on", waitingOn)]).increment()
        }
    }

    /// Each call is a span of the caller's trace, and the plugin's HTTP requests are its children.
    /// Without a tracer (no OTLP endpoint) there is no trace to join, and the no-op span's name
    /// and attributes would still be built on every call: the call runs as it is.
    public func observeCall(_ method: PluginMethod, plugin: String, context: PluginCallContext,
                            _ run: (PluginCallContext) async -> PluginReply) async -> PluginReply {
        guard traced else { return await run(context) }
        return await withSpan("plugin.\(method.rawValue)", ofKind: .internal) { span in
            span.attributes["patchbay.plugin"] = plugin
            var context = context
            if let traceContext = ServiceContext.current {
                // The plugin asks for HTTP from its own threads, outside this task: each request
                // is put back in the call's trace here.
                let http = context.http
                context.http = { request in await ServiceContext.withValue(traceContext) { await http(request) } }
            }
            let reply = await run(context)
            if case .failure(let error) = reply {
                span.attributes["error.type"] = error.code
                span.setStatus(SpanStatus(code: .error))
            }
            return reply
        }
    }
}
