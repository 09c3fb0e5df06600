import Foundation
import PatchbayABI

/// The host's services table, wrapped so the rest of the SDK never touches a pointer.
/// The table is valid for the life of the process (see patchbay_abi.h).
// @unchecked: the table holds C pointers, to a host context and functions that the ABI lets any
// thread call for the life of the process.
struct HostServices: @unchecked Sendable {
    let api: pb_host_api

    func complete(requestID: UInt64, status: pb_status, payload: Data) {
        payload.withUnsafeBytes { bytes in
            api.pb_host_complete(api.host_context, requestID, status,
                                 bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
    }

    func log(requestID: UInt64, level: pb_log_level, _ message: String) {
        var message = message
        message.withUTF8 { bytes in
            api.pb_host_log(api.host_context, requestID, level, bytes.baseAddress, bytes.count)
        }
    }

    /// Whether the host reads `body_base64` in requests (and sends it in responses).
    var supportsBinaryBodies: Bool {
        api.features & UInt64(PB_HOST_FEATURE_BINARY_BODIES) != 0
    }

    func nowMilliseconds() -> Int64 {
        api.pb_host_clock_now_ms(api.host_context)
    }

    func http(requestID: UInt64, request: HTTPRequestMessage) async throws -> HTTPResponseMessage {
        let payload = try WireCoding.encode(request)
        let data: Data = await withCheckedContinuation { continuation in
            let box = Unmanaged.passRetained(ResponseBox(continuation)).toOpaque()
            payload.withUnsafeBytes { bytes in
                api.pb_host_http_request(api.host_context, requestID, bytes.bindMemory(to: UInt8.self).baseAddress,
                                         bytes.count, httpDone, box)
            }
        }
        do {
            return try WireCoding.decode(HTTPResponseMessage.self, from: data)
        } catch {
            throw PluginError(code: "host_error", message: "the host answered an HTTP request with an unreadable message")
        }
    }
}

/// Carries the awaiting continuation through the C callback's user_data.
private final class ResponseBox {
    let continuation: CheckedContinuation<Data, Never>
    init(_ continuation: CheckedContinuation<Data, Never>) { self.continuation = continuation }
}

/// pb_plugin_http_done_fn: copies the borrowed response before returning, as the ABI requires.
private let httpDone: pb_plugin_http_done_fn = { userData, bytes, length in
    guard let userData else { return }
    let box = Unmanaged<ResponseBox>.fromOpaque(userData).takeRetainedValue()
    box.continuation.resume(returning: bytes.map { Data(bytes: $0, count: length) } ?? Data())
}
