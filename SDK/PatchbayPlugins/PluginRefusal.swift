public import PatchbayWire

/// Why the host would not load a plugin. Shown verbatim as the disabled plugin's reason.
public enum PluginRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case dlopenFailed(String)
    case missingSymbol(String)
    case nullInfo
    case infoTooSmall(declared: Int, required: Int)
    case abiMajorMismatch(plugin: Int, host: Int)
    case abiMinorTooNew(plugin: Int, host: Int)
    case unreadableManifest(String)
    case invalidManifest([SchemaViolation])
    case duplicateID(id: String, loadedFrom: String)
    case initFailed(String)
    case incompleteCallTable(String)
    case workerFailed(String)
    /// The library was shut down in this process, and init runs only once per process.
    case shutDown
    /// The worker loaded the plugin and refused it; the text is the worker's refusal.
    case refusedInWorker(String)

    public var description: String {
        switch self {
        case .dlopenFailed(let message):
            return "dlopen failed: \(message)"
        case .missingSymbol(let symbol):
            return "missing symbol \(symbol): not a Patchbay plugin, or the export line is missing"
        case .nullInfo:
            return "pb_plugin_info returned NULL"
        case .infoTooSmall(let declared, let required):
            return "pb_plugin_descriptor.struct_size is \(declared) bytes; ABI 1.0 needs at least \(required)"
        case .abiMajorMismatch(let plugin, let host):
            return "ABI major mismatch: plugin was built for \(plugin).x, this host speaks \(host).x"
        case .abiMinorTooNew(let plugin, let host):
            return "ABI minor too new: plugin needs a host with ABI 1.\(plugin) or later, this host provides 1.\(host); upgrade the host"
        case .unreadableManifest(let message):
            return "manifest is not valid JSON of the expected shape: \(message)"
        case .invalidManifest(let problems):
            return "invalid manifest: " + problems.map(\.description).joined(separator: "; ")
        case .duplicateID(let id, let loadedFrom):
            return "duplicate provider id \"\(id)\": already loaded from \(loadedFrom)"
        case .initFailed(let reason):
            return "pb_plugin_init failed: \(reason)"
        case .incompleteCallTable(let reason):
            return "pb_plugin_init returned an incomplete call table: \(reason)"
        case .shutDown:
            return "the plugin was shut down in this process and cannot be loaded again until the host restarts"
        case .workerFailed(let message):
            return "worker process failed: \(message)"
        case .refusedInWorker(let reason):
            return reason
        }
    }
}
