/// What went wrong with a plugin, by plugin id, for a host to count (docs/operations.md names
/// the series the host keeps of each).
public enum PluginEvent: Sendable, Equatable {
    /// A worker process of an isolated plugin exited while the host still needed it.
    case crashed(plugin: String)
    /// The plugin takes no more calls until the host restarts.
    case quarantined(plugin: String)
    /// A message the plugin sent broke its schema and was refused; `message` names it as its
    /// schema file does (`http_request`, `result.discover`, `error`, `manifest`).
    case refusedMessage(plugin: String, message: String)
    /// A call passed its deadline; `waitingOn` is `plugin` or `upstream`, as the caller is told.
    case timedOut(plugin: String, waitingOn: String)
}
