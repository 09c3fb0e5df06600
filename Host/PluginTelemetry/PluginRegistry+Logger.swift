public import Logging
public import PatchbayPlugins

extension PluginRegistry {
    /// A registry that logs to `logger`, counts in the host's metrics and traces each call;
    /// its calls' deadlines and its in-process plugins' time are on `clock`.
    public convenience init(logger: Logger = Logger(label: "patchbay.plugins"), clock: PluginClock = .system) {
        self.init(observer: PluginTelemetry(logger: logger), clock: clock)
    }
}
