import Foundation
import PatchbayABI
import PatchbayWire

/// Loads one plugin file: dlopen, the side-effect-free info phase, every check, then init.
/// Any failure is a `PluginRefusal`; nothing here can take the host down except the plugin's
/// own code crashing inside info or init (process isolation is the answer to that).
enum PluginLoader {
    /// Phase one: open the library and read what it says about itself. Calls no plugin code
    /// but pb_plugin_info, which the ABI requires to be free of side effects.
    static func inspect(path: String, observer: any PluginObserver) throws(PluginRefusal) -> Inspected {
        // RTLD_LOCAL keeps each plugin's symbols (and its copies of shared packages) to itself;
        // the host never dlcloses, so code from a plugin is never unmapped under a running task.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .dlopenFailed(dlerror().map { String(cString: $0) } ?? "unknown error")
        }
        guard let symbol = dlsym(handle, PB_PLUGIN_INFO_SYMBOL) else {
            throw .missingSymbol(PB_PLUGIN_INFO_SYMBOL)
        }
        let infoFunction = unsafeBitCast(symbol, to: pb_plugin_info_fn.self)
        guard let raw = infoFunction() else { throw .nullInfo }

        // struct_size and the version come first in every version: read them alone, before
        // trusting anything else (an older descriptor may end where a newer field would begin).
        let header = UnsafeRawPointer(raw)
        let declared = Int(header.load(as: UInt32.self))
        let major = Int(header.load(fromByteOffset: 4, as: UInt16.self))
        let minor = Int(header.load(fromByteOffset: 6, as: UInt16.self))
        guard major == Int(PB_ABI_MAJOR) else { throw .abiMajorMismatch(plugin: major, host: Int(PB_ABI_MAJOR)) }
        let required = Int(PB_PLUGIN_DESCRIPTOR_SIZE_1_0)
        guard declared >= required else { throw .infoTooSmall(declared: declared, required: required) }
        var info = pb_plugin_descriptor()
        DeclaredSize.copy(from: header, declared: declared, into: &info)
        let negotiation = Negotiation(descriptor: info, declared: declared, minor: minor)
        guard negotiation.hostMinorNeeded <= Int(PB_ABI_MINOR) else {
            throw .abiMinorTooNew(plugin: negotiation.hostMinorNeeded, host: Int(PB_ABI_MINOR))
        }

        guard let manifestBytes = info.manifest_json else { throw .unreadableManifest("manifest_json is NULL") }
        let manifestData = Data(bytes: manifestBytes, count: info.manifest_len)
        try PluginMessageCheck.check(manifest: manifestData, observer: observer)
        let manifest: Manifest
        do {
            manifest = try WireCoding.decode(Manifest.self, from: manifestData)
        } catch {
            throw .unreadableManifest(describe(error))
        }
        let expectedID = info.plugin_id.map { String(cString: $0) }
        let problems = ManifestValidator.problems(in: manifest, expectedID: expectedID)
        guard problems.isEmpty else { throw .invalidManifest(problems) }
        guard let initialize = info.`init` else { throw .missingSymbol("pb_plugin_descriptor.init") }
        return Inspected(handle: handle, path: path, initialize: initialize, manifest: manifest,
                         messageVersion: negotiation.messageVersion)
    }

    /// What a descriptor asks of the host. A 1.2 descriptor says which host minor it needs and
    /// which message version it speaks; an older one needs its own minor and speaks version 1.
    struct Negotiation {
        let hostMinorNeeded: Int
        let messageVersion: Int

        init(descriptor: pb_plugin_descriptor, declared: Int, minor: Int) {
            let minimum = MemoryLayout<pb_plugin_descriptor>.offset(of: \.min_host_abi_minor)!
            let version = MemoryLayout<pb_plugin_descriptor>.offset(of: \.message_version)!
            hostMinorNeeded = DeclaredSize.covers(declared, offset: minimum, size: 4) ? Int(descriptor.min_host_abi_minor) : minor
            messageVersion = DeclaredSize.covers(declared, offset: version, size: 4) ? max(1, Int(descriptor.message_version)) : 1
        }
    }

    struct Inspected {
        /// dlopen's handle: the same for every path that names the same library file.
        let handle: UnsafeMutableRawPointer
        let path: String
        let initialize: pb_plugin_init_fn
        let manifest: Manifest
        /// The PB_MESSAGE_VERSION the plugin speaks.
        let messageVersion: Int
    }

    /// Phase two, once per library per process: a library is loaded once however many
    /// registries open it, so its init runs once and every registry shares its channel.
    static func channel(for inspected: Inspected, observer: any PluginObserver,
                        clock: PluginClock) throws(PluginRefusal) -> InProcessChannel {
        initializedLock.lock()
        defer { initializedLock.unlock() }
        let key = Int(bitPattern: inspected.handle)
        if let earlier = initialized[key] {
            let channel = try earlier.get()
            // Its shutdown ran and init runs once per process: it cannot serve again here.
            guard !channel.isStopped else { throw .shutDown }
            return channel
        }
        let crashSlot = PluginCrashGuard.register(pluginID: inspected.manifest.id, path: inspected.path,
                                                  symbol: unsafeBitCast(inspected.initialize, to: UnsafeRawPointer.self))
        let channel = InProcessChannel(pluginID: inspected.manifest.id, messageVersion: inspected.messageVersion, observer: observer,
                                       crashSlot: crashSlot, hostClock: clock)
        do {
            try channel.initialize(inspected.initialize)
            initialized[key] = .success(channel)
            return channel
        } catch {
            initialized[key] = .failure(error)
            throw error
        }
    }

    private static let initializedLock = NSLock()
    // Unsafe to the compiler only: read and written under `initializedLock`.
    nonisolated(unsafe) private static var initialized: [Int: Result<InProcessChannel, PluginRefusal>] = [:]

    /// A decoding error in words an author can act on: what is wrong, and where.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return joined.hasPrefix(".") ? String(joined.dropFirst()) : (joined.isEmpty ? "(root)" : joined)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "(root)" ? "" : parent + ".")\(key.stringValue) is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
