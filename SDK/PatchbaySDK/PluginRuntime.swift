import Foundation
import PatchbayABI
import Synchronization

/// The plugin side of a loaded plugin: receives calls from the host, runs them as tasks on
/// the provider, and completes each exactly once. One per plugin image (each plugin links
/// its own copy of the SDK).
///
/// A call's task starts immediately, on the host's thread, and leaves it at its first
/// suspension. Work that never suspends, such as parsing a webhook, therefore completes
/// before `pb_plugin_call` returns, without a trip through the task queue and back.
// @unchecked: `running` and `isShutDown` are only touched under `lock`.
final class PluginRuntime: @unchecked Sendable {
    /// Set once by pb_plugin_init; read by every call the host makes.
    static let current = Mutex<PluginRuntime?>(nil)

    let host: HostServices
    let provider: any Provider
    private let lock = NSLock()
    private var running: [UInt64: Slot] = [:]
    private var isShutDown = false

    /// A call is `starting` while its task runs on the host's thread, before the task exists
    /// to be cancelled.
    private enum Slot {
        case starting(cancelled: Bool)
        case running(Task<Void, Never>)
    }

    init(host: HostServices, provider: any Provider) {
        self.host = host
        self.provider = provider
    }

    func start(requestID: UInt64, method: String, payload: Data) {
        lock.withLock { running[requestID] = .starting(cancelled: false) }
        let task = Task.immediate { [self] in
            let (status, result) = await run(requestID: requestID, method: method, payload: payload)
            lock.withLock { _ = running.removeValue(forKey: requestID) }
            host.complete(requestID: requestID, status: status, payload: result)
        }
        let cancelled: Bool = lock.withLock {
            guard case .starting(let cancelled) = running[requestID] else { return false }  // already completed
            running[requestID] = .running(task)
            return cancelled
        }
        if cancelled { task.cancel() }
    }

    func cancel(requestID: UInt64) {
        let task: Task<Void, Never>? = lock.withLock {
            switch running[requestID] {
            case .starting: running[requestID] = .starting(cancelled: true); return nil
            case .running(let task): return task
            case nil: return nil
            }
        }
        task?.cancel()
    }

    /// Cancels the calls still running, then lets the provider release what it holds. Once.
    func shutdown() async {
        let tasks: [Task<Void, Never>]? = lock.withLock {
            guard !isShutDown else { return nil }
            isShutDown = true
            return running.values.compactMap { slot in
                guard case .running(let task) = slot else { return nil }
                return task
            }
        }
        guard let tasks else { return }
        for task in tasks { task.cancel() }
        await provider.shutdown()
    }

    private func run(requestID: UInt64, method: String, payload: Data) async -> (pb_status, Data) {
        do {
            let call = try decodeCall(payload)
            let context = ProviderContext(call: call, requestID: requestID, host: host)
            let result: Data
            switch PluginMethod(rawValue: method) {
            case .check:
                result = try WireCoding.encode(try await provider.check(context))
            case .invoke:
                guard let action = call.action else { throw PluginError(code: "invalid_call", message: "invoke needs an action") }
                result = try WireCoding.encode(try await provider.invoke(action, input: call.input ?? [:], context: context))
            case .discover:
                result = try WireCoding.encode(try await provider.discover(context))
            case .parseWebhook:
                guard let webhook = call.webhook else { throw PluginError(code: "invalid_call", message: "parse_webhook needs a webhook") }
                result = try WireCoding.encode(try await provider.parseWebhook(webhook, context: context))
            case nil:
                throw PluginError(code: "unsupported_method", message: "unknown method \"\(method)\"")
            }
            return (PB_STATUS_OK, result)
        } catch {
            return (PB_STATUS_ERROR, Self.encode(error))
        }
    }

    private func decodeCall(_ payload: Data) throws -> PluginCall {
        do {
            return try WireCoding.decode(PluginCall.self, from: payload)
        } catch {
            throw PluginError(code: "invalid_call", message: "the host sent a call the plugin cannot read")
        }
    }

    private static func encode(_ error: any Error) -> Data {
        let pluginError: PluginError
        switch error {
        case let error as PluginError: pluginError = error
        case is CancellationError: pluginError = PluginError(code: "cancelled", message: "the call was cancelled")
        case is DecodingError: pluginError = PluginError(code: "invalid_input", message: "the input does not have the expected shape")
        default: pluginError = PluginError(code: "plugin_error", message: String(describing: error))
        }
        return (try? WireCoding.encode(pluginError)) ?? Data(#"{"code":"plugin_error","message":"unencodable error"}"#.utf8)
    }
}

// MARK: The plugin's call table (pb_plugin_api), as C function pointers.

let pluginCall: @convention(c) (OpaquePointer?, UInt64, UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int) -> Void = {
    _, requestID, method, methodLength, payload, payloadLength in
    // Both buffers are borrowed until we return: copy them first.
    let methodName = method.map { String(decoding: UnsafeBufferPointer(start: $0, count: methodLength), as: UTF8.self) } ?? ""
    let body = payload.map { Data(bytes: $0, count: payloadLength) } ?? Data()
    PluginRuntime.current.withLock { $0 }?.start(requestID: requestID, method: methodName, payload: body)
}

let pluginCancel: @convention(c) (OpaquePointer?, UInt64) -> Void = { _, requestID in
    PluginRuntime.current.withLock { $0 }?.cancel(requestID: requestID)
}

/// pb_plugin_shutdown: the host calls it on a thread of its own and waits, so blocking that
/// thread until the provider's async shutdown ends is what the ABI asks for.
let pluginShutdown: @convention(c) (OpaquePointer?) -> Void = { _ in
    guard let runtime = PluginRuntime.current.withLock({ $0 }) else { return }
    let finished = DispatchSemaphore(value: 0)
    Task {
        await runtime.shutdown()
        finished.signal()
    }
    finished.wait()
}
