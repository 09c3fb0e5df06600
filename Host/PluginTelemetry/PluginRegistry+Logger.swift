public import Logging
public import PatchbayPlugins

extension PluginRegistry {
    /// A registry that logs to `logger`, counts in the host's metrics and traces each call;
    /// its in-process plugins read the time from `wallClock`.
    public convenience init(logger: Logger = Logger(label: "patchbay.plugins"),
                            wallClock: @escaping @Sendable () -> Int64 = PluginRegistry.systemWallClock) {
        self.init(observer: PluginTelemetry(logger: logger), wallClock: wallClock)
    }
}
