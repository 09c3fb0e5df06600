import Foundation
import PatchbaySDK
import Synchronization

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: BytesProvider.self) }

/// How many times the host has shut this provider down, for the test of the graceful stop
/// (the test reads it with dlsym on the same loaded library).
@_cdecl("bytes_provider_shutdowns")
public func bytesProviderShutdowns() -> Int32 { BytesProvider.shutdowns.value }

/// Moves bytes that are not UTF-8 through the host in both directions: `upload` sends the
/// base64-decoded `data` as a request body, `download` returns the response body base64-encoded.
struct BytesProvider: Provider {
    static let manifest = Manifest(
        id: "abi-bytes", name: "Bytes", version: "1.0.0", category: "developer",
        description: "Uploads and downloads bytes that are not text", baseURL: "http://127.0.0.1", auth: .init(type: .none),
        actions: [
            ActionSpec(name: "upload", title: "Upload", description: "Stores bytes at a path",
                       inputSchema: ["type": "object", "required": ["path", "data"],
                                     "properties": ["path": ["type": "string"], "data": ["type": "string"]]],
                       outputSchema: ["type": "object"], mutating: true),
            ActionSpec(name: "download", title: "Download", description: "Reads the bytes at a path",
                       inputSchema: ["type": "object", "required": ["path"], "properties": ["path": ["type": "string"]]],
                       outputSchema: ["type": "object"]),
        ])

    static let shutdowns = Counter()

    func check(_ context: ProviderContext) async throws -> CheckResult {
        CheckResult(ok: true, message: "nothing to check")
    }

    func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        let path = input["path"]?.stringValue ?? ""
        switch action {
        case "upload":
            guard let data = input["data"]?.stringValue.flatMap({ Data(base64Encoded: $0) }) else {
                throw PluginError.invalidInput("data", "data must be base64")
            }
            let response = try await context.http.send("PUT", path, bytes: data, contentType: "application/octet-stream")
            return ["status": .integer(Int64(response.status))]
        case "download":
            let response = try await context.http.get(path)
            return ["status": .integer(Int64(response.status)), "data": .string(response.data.base64EncodedString()),
                    "text": .string(response.body)]
        default:
            throw PluginError.unknownAction(action)
        }
    }

    func shutdown() async {
        Self.shutdowns.increment()
    }
}

final class Counter: Sendable {
    private let count = Mutex<Int32>(0)

    var value: Int32 { count.withLock { $0 } }

    func increment() { count.withLock { $0 += 1 } }
}
