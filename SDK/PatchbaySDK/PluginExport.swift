import Foundation
import PatchbayABI
import Synchronization

/// Builds the descriptor a plugin exports from `pb_plugin_info`. Use it from the plugin's one export line:
///
///     @_cdecl("pb_plugin_info")
///     public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: MyProvider.self) }
public enum PluginExport {
    private static let lock = NSLock()
    // nonisolated(unsafe): both are only read or written under `lock`.
    nonisolated(unsafe) private static var exported: UnsafeMutablePointer<pb_plugin_descriptor>?
    nonisolated(unsafe) fileprivate static var makeProvider: (() -> any Provider)?

    /// The oldest host this SDK works with: 1.1, since a provider may send webhook events
    /// with `payload_is_body`. Everything newer (shutdown, binary bodies) it uses only when
    /// the host's table says the host has it.
    static let minimumHostMinor: UInt32 = 1

    /// The plugin's info, built once and kept for the life of the process as the ABI requires.
    /// Has no side effects beyond that one allocation: the provider is not created until init.
    public static func info<P: Provider>(for type: P.Type) -> UnsafeRawPointer {
        lock.withLock {
            if let exported { return UnsafeRawPointer(exported) }
            let manifest = P.manifest
            let json = (try? WireCoding.encode(manifest)) ?? Data()
            let manifestBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(json.count, 1))
            json.copyBytes(to: manifestBytes, count: json.count)

            let info = UnsafeMutablePointer<pb_plugin_descriptor>.allocate(capacity: 1)
            info.initialize(to: pb_plugin_descriptor(
                struct_size: UInt32(MemoryLayout<pb_plugin_descriptor>.size),
                abi_major: UInt16(PB_ABI_MAJOR),
                abi_minor: UInt16(PB_ABI_MINOR),
                plugin_id: UnsafePointer(strdup(manifest.id)),
                plugin_version: UnsafePointer(strdup(manifest.version)),
                manifest_json: UnsafePointer(manifestBytes),
                manifest_len: json.count,
                init: pluginInit,
                min_host_abi_minor: PluginExport.minimumHostMinor,
                message_version: UInt32(PB_MESSAGE_VERSION)))
            makeProvider = { P() }
            exported = info
            return UnsafeRawPointer(info)
        }
    }
}

/// pb_plugin_init_fn: the second phase, run once after the host accepted the info.
private let pluginInit: pb_plugin_init_fn = { hostAPI, outAPI, error, errorCapacity in
    func fail(_ reason: String) -> Int32 {
        if let error, errorCapacity > 0 {
            let bytes = Array(reason.utf8.prefix(errorCapacity - 1))
            bytes.withUnsafeBufferPointer { buffer in
                error.withMemoryRebound(to: UInt8.self, capacity: errorCapacity) { target in
                    target.update(from: buffer.baseAddress!, count: buffer.count)
                    target[buffer.count] = 0
                }
            }
        }
        return 1
    }
    guard let hostAPI, let outAPI else { return fail("init needs a host table and an output table") }
    // Read the host's table by the size it declares: a 1.0 or 1.1 host's is shorter, and its
    // 1.2 fields (features, message version) then read as zero.
    let declared = Int(UnsafeRawPointer(hostAPI).load(as: UInt32.self))
    guard declared >= Int(PB_HOST_API_SIZE_1_0) else {
        return fail("the host's services table is \(declared) bytes; ABI 1.0 has \(PB_HOST_API_SIZE_1_0)")
    }
    var table = pb_host_api()
    DeclaredSize.copy(from: hostAPI, declared: declared, into: &table)
    guard PluginRuntime.current.withLock({ $0 == nil }) else { return fail("init was called twice") }
    guard let makeProvider = PluginExport.makeProviderForInit() else { return fail("pb_plugin_info was not called before init") }

    PluginRuntime.current.withLock { $0 = PluginRuntime(host: HostServices(api: table), provider: makeProvider()) }
    let callTable = pb_plugin_api(
        struct_size: UInt32(MemoryLayout<pb_plugin_api>.size),
        plugin_context: nil,
        pb_plugin_call: pluginCall,
        pb_plugin_cancel: pluginCancel,
        pb_plugin_shutdown: pluginShutdown)
    // Write no more than the host made room for: a 1.0 or 1.1 host says 0 and has room for
    // the 1.0 table only.
    let offered = Int(outAPI.pointee.struct_size)
    let room = offered == 0 ? Int(PB_PLUGIN_API_SIZE_1_0) : min(offered, MemoryLayout<pb_plugin_api>.size)
    guard room >= Int(PB_PLUGIN_API_SIZE_1_0) else { return fail("the host made room for a call table of \(offered) bytes") }
    withUnsafeBytes(of: callTable) { bytes in
        UnsafeMutableRawPointer(outAPI).copyMemory(from: bytes.baseAddress!, byteCount: room)
    }
    outAPI.pointee.struct_size = UInt32(room)
    return 0
}

extension PluginExport {
    fileprivate static func makeProviderForInit() -> (() -> any Provider)? {
        lock.withLock { makeProvider }
    }
}
