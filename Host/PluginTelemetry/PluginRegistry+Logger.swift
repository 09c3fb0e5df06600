public import Logging
public import PatchbayPlugins

extension PluginRegistry {
    /// A registry that logs to `logger`, counts in the host's metrics and traces each call.
    public convenience init(logger: Logger = Logger(label: "patchbay.plugins")) {
        self.init(observer: PluginTelemetry(logger: logger))
    }
}
