import Foundation
import PatchbayABI
import PatchbayWire

/// Calls a plugin loaded into this process through its C call table, and is the host side of
/// the host services table it gave that plugin. Every call ends exactly once for the caller:
/// on the plugin's completion, on timeout, or on cancellation, whichever comes first; a later
/// completion is logged and dropped.
// Unchecked: `stopped` is guarded by `lock`; `api` is written once, by `initialize`, before the
// channel is handed to anyone who calls the plugin.
final class InProcessChannel: PluginChannel, @unchecked Sendable {
    /// How long a graceful stop waits for the plugin's pb_plugin_shutdown.
    static let shutdownWait: Duration = .seconds(10)
    /// What this host does beyond 1.0, for pb_host_api.features.
    static let features = UInt64(PB_HOST_FEATURE_SHUTDOWN | PB_HOST_FEATURE_BINARY_BODIES)
    /// Room the host makes for the plugin's call table: more than this host reads, so that a
    /// newer plugin that writes its whole table regardless of struct_size writes into nothing
    /// that matters.
    private static let callTableRoom = 256

    let pluginID: String
    /// The PB_MESSAGE_VERSION the plugin speaks, which decides how HTTP responses reach it.
    private let messageVersion: Int
    private let observer: any PluginObserver
    private let pending: PendingCalls
    private var api = pb_plugin_api()
    /// Marks this thread as running the plugin's code, for `PluginCrashGuard`.
    private let crashSlot: Int?
    /// Whose wall time `pb_host_clock_now_ms` answers: the clock of the registry that loaded the
    /// library. Each call's deadline is on the clock of the registry it came through.
    let hostClock: PluginClock
    private let lock = NSLock()
    private var stopped = false

    init(pluginID: String, messageVersion: Int = 1, observer: any PluginObserver, crashSlot: Int? = nil,
         hostClock: PluginClock = .system) {
        self.pluginID = pluginID
        self.hostClock = hostClock
        self.messageVersion = messageVersion
        self.observer = observer
        self.crashSlot = crashSlot
        pending = PendingCalls(plugin: pluginID, observer: observer)
    }

    /// Runs the plugin's init with a services table pointing back at this channel.
    /// The table and this object live for the rest of the process, as the ABI promises.
    func initialize(_ initialize: pb_plugin_init_fn) throws(PluginRefusal) {
        let table = UnsafeMutablePointer<pb_host_api>.allocate(capacity: 1)
        table.initialize(to: pb_host_api(
            struct_size: UInt32(MemoryLayout<pb_host_api>.size),
            abi_major: UInt16(PB_ABI_MAJOR),
            abi_minor: UInt16(PB_ABI_MINOR),
            host_context: OpaquePointer(Unmanaged.passRetained(self).toOpaque()),
            pb_host_complete: hostComplete,
            pb_host_http_request: hostHTTPRequest,
            pb_host_log: hostLog,
            pb_host_clock_now_ms: hostClockNow,
            features: Self.features,
            message_version: UInt32(PB_MESSAGE_VERSION)))

        // A zeroed table whose struct_size says how much this host reads; the plugin writes at
        // most that and declares what it wrote (a 1.0 or 1.1 plugin writes its 1.0 table).
        let room = UnsafeMutableRawPointer.allocate(byteCount: Self.callTableRoom, alignment: 16)
        defer { room.deallocate() }
        room.initializeMemory(as: UInt8.self, repeating: 0, count: Self.callTableRoom)
        room.storeBytes(of: UInt32(MemoryLayout<pb_plugin_api>.size), as: UInt32.self)
        var reason = [CChar](repeating: 0, count: 512)
        let result = PluginCrashGuard.running(crashSlot) {
            initialize(table, room.assumingMemoryBound(to: pb_plugin_api.self), &reason, reason.count)
        }
        guard result == 0 else {
            let text = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .initFailed(text.isEmpty ? "returned \(result) without a reason" : text)
        }
        let declared = Int(room.load(as: UInt32.self))
        guard declared >= Int(PB_PLUGIN_API_SIZE_1_0) else {
            throw .incompleteCallTable("struct_size \(declared) < \(PB_PLUGIN_API_SIZE_1_0)")
        }
        var callTable = pb_plugin_api()
        DeclaredSize.copy(from: room, declared: declared, into: &callTable)
        guard callTable.pb_plugin_call != nil else { throw .incompleteCallTable("pb_plugin_call is NULL") }
        guard callTable.pb_plugin_cancel != nil else { throw .incompleteCallTable("pb_plugin_cancel is NULL") }
        api = callTable
    }

    /// Whether the graceful stop has begun; the plugin takes no calls after it.
    var isStopped: Bool { lock.withLock { stopped } }

    /// The graceful stop: answers the calls still in flight, refuses new ones, and runs the
    /// plugin's pb_plugin_shutdown once, on a thread of its own, waiting for it at most
    /// `shutdownWait` of the host's clock. Later calls to this do nothing.
    func shutdown() async {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        pending.answerAll(with: .failure(Self.stoppedError))
        guard api.pb_plugin_shutdown != nil else { return }
        let returned = await OneShot.event({ [self] finished in
            let thread = Thread { [self] in
                PluginCrashGuard.running(crashSlot) { api.pb_plugin_shutdown(api.plugin_context) }
                finished()
            }
            thread.name = "patchbay-shutdown-\(pluginID)"
            thread.start()
        }, orDeadline: hostClock.now() + Self.shutdownWait, on: hostClock)
        if !returned {
            observer.log(.warning, "the plugin's shutdown did not return in time", metadata: ["plugin": pluginID])
        }
    }

    private static let stoppedError = PluginError(code: "plugin_stopped", message: "the host is stopping")

    func call(method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration, clock: PluginClock) async -> PluginReply {
        if lock.withLock({ stopped }) { return .failure(Self.stoppedError) }
        let requestID = RequestIDs.next()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pending.add(requestID, method: method, continuation: continuation, context: context, timeout: timeout,
                            clock: clock) { [weak self] in
                    guard let self else { return }
                    abandon(requestID, with: pending.timeoutReply(requestID, after: timeout, plugin: pluginID))
                }
                let methodName = method.rawValue
                PluginCrashGuard.running(crashSlot) {
                    methodName.utf8CString.withUnsafeBufferPointer { name in
                        payload.withUnsafeBytes { bytes in
                            name.withMemoryRebound(to: UInt8.self) { nameBytes in
                                api.pb_plugin_call(api.plugin_context, requestID, nameBytes.baseAddress, nameBytes.count - 1,
                                                   bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
                            }
                        }
                    }
                }
            }
        } onCancel: {
            abandon(requestID, with: .cancelled)
        }
    }

    var ignoredCompletions: Int { pending.ignoredCompletions }

    /// The host gives up on a call: answer the caller now and ask the plugin to stop.
    private func abandon(_ requestID: UInt64, with reply: PluginReply) {
        guard pending.answer(requestID, with: reply, isCompletion: false) else { return }
        PluginCrashGuard.running(crashSlot) { api.pb_plugin_cancel(api.plugin_context, requestID) }
    }

    // MARK: Host services, called by the plugin

    fileprivate func complete(_ requestID: UInt64, status: pb_status, payload: Data) {
        if !pending.complete(requestID, ok: status == pb_status(PB_STATUS_OK), payload: payload) {
            observer.log(.warning, "ignored a completion for a call that is not in flight (late, repeated or unknown)",
                         metadata: ["plugin": pluginID, "request_id": "\(requestID)"])
        }
    }

    fileprivate func http(_ requestID: UInt64, request: Data, done: @escaping @Sendable (Data) -> Void) {
        let messageVersion = messageVersion
        guard pending.send(request, for: requestID, deliver: { done(Self.encode($0.readable(byMessageVersion: messageVersion))) }) else {
            done(Self.encode(.failure(PluginError(code: "unknown_call", message: "HTTP request for a call that is not in flight"))))
            return
        }
    }

    fileprivate func log(_ requestID: UInt64, level: pb_log_level, message: String) {
        let secrets = pending.context(requestID)?.secrets ?? []
        let redacted = Redaction.redact(message, secrets: secrets)
        let severity: PluginLogLevel
        switch level {
        case pb_log_level(PB_LOG_DEBUG): severity = .debug
        case pb_log_level(PB_LOG_INFO): severity = .info
        case pb_log_level(PB_LOG_WARNING): severity = .warning
        default: severity = .error
        }
        observer.log(severity, redacted, metadata: ["plugin": pluginID, "request_id": "\(requestID)"])
    }

    private static func encode(_ response: HTTPResponseMessage) -> Data {
        (try? WireCoding.encode(response)) ?? Data()
    }
}

/// Request ids unique for the life of the process, across all plugins.
enum RequestIDs {
    private static let lock = NSLock()
    // Unsafe to the compiler only: read and written under `lock`.
    nonisolated(unsafe) private static var last: UInt64 = 0

    static func next() -> UInt64 {
        lock.withLock {
            last += 1
            return last
        }
    }
}

// MARK: The host services table as C function pointers. Each copies borrowed buffers before returning.

private func channel(_ context: OpaquePointer?) -> InProcessChannel? {
    context.map { Unmanaged<InProcessChannel>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

private func copy(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Data {
    bytes.map { Data(bytes: $0, count: count) } ?? Data()
}

private let hostComplete: @convention(c) (OpaquePointer?, UInt64, pb_status, UnsafePointer<UInt8>?, Int) -> Void = {
    context, requestID, status, payload, length in
    channel(context)?.complete(requestID, status: status, payload: copy(payload, length))
}

private let hostHTTPRequest: @convention(c) (
    OpaquePointer?, UInt64, UnsafePointer<UInt8>?, Int, pb_plugin_http_done_fn?, UnsafeMutableRawPointer?
) -> Void = { context, requestID, request, length, done, userData in
    guard let done else { return }
    // The plugin's pointer, handed back to it as it is with the response, from whichever thread
    // the response arrives on: kept as its address, which is all the host needs of it.
    let userData = UInt(bitPattern: userData)
    let respond: @Sendable (Data) -> Void = { response in
        response.withUnsafeBytes { bytes in
            done(UnsafeMutableRawPointer(bitPattern: userData), bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
    }
    guard let channel = channel(context) else {
        respond(Data(#"{"status":0,"headers":{},"body":"","error":{"code":"host_error","message":"no host context"}}"#.utf8))
        return
    }
    channel.http(requestID, request: copy(request, length), done: respond)
}

private let hostLog: @convention(c) (OpaquePointer?, UInt64, pb_log_level, UnsafePointer<UInt8>?, Int) -> Void = {
    context, requestID, level, message, length in
    channel(context)?.log(requestID, level: level, message: String(decoding: copy(message, length), as: UTF8.self))
}

private let hostClockNow: @convention(c) (OpaquePointer?) -> Int64 = { context in
    (channel(context)?.hostClock ?? .system).wallMillis()
}
