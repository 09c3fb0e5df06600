import Metrics

/// The plugins' series (see docs/operations.md): what went wrong with a plugin, by plugin id.
enum PluginMetrics {
    /// A worker process of an isolated plugin exited while the host still needed it.
    static func crashed(_ plugin: String) {
        Counter(label: "patchbay_plugin_crashes_total", dimensions: [("plugin", plugin)]).increment()
    }

    /// The plugin takes no more calls until the host restarts: counted once, and held at 1 by
    /// the gauge, which an alert can watch without knowing when it happened.
    static func quarantined(_ plugin: String) {
        Counter(label: "patchbay_plugin_quarantines_total", dimensions: [("plugin", plugin)]).increment()
        Gauge(label: "patchbay_plugin_quarantined", dimensions: [("plugin", plugin)]).record(1)
    }

    /// A message the plugin sent broke its schema and was refused; `message` names it as its
    /// schema file does (`http_request`, `result.discover`, `error`, `manifest`).
    static func refusedMessage(_ plugin: String, message: String) {
        Counter(label: "patchbay_plugin_messages_refused_total", dimensions: [("plugin", plugin), ("message", message)]).increment()
    }

    /// A call passed its deadline; `waitingOn` is `plugin` or `upstream`, as the caller is told.
    static func timedOut(_ plugin: String, waitingOn: String) {
        Counter(label: "patchbay_plugin_timeouts_total", dimensions: [("plugin", plugin), ("waiting_on", waitingOn)]).increment()
    }
}
