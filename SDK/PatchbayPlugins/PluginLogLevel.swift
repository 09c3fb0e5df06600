/// How much a loader's log line matters, from detail to failure; the plugin's own `PB_LOG_*`
/// levels map onto it one to one.
public enum PluginLogLevel: Sendable, Equatable {
    case debug, info, warning, error
}
