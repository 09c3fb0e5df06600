public import Foundation
import Hummingbird
import NIOCore

/// A loopback file store speaking plain HTTP, as object stores do: `PUT /files/<name>` keeps the
/// request body's bytes exactly, `GET /files/<name>` answers them as `application/octet-stream`
/// (404 when there is none). For the tests of bodies that are not UTF-8 text.
// Unchecked: its properties are constants and `Files` guards the stored files itself.
public final class FakeFileStore: @unchecked Sendable {
    private let server: LoopbackServer
    private let files: Files
    public let baseURL: String

    private init(server: LoopbackServer, files: Files) {
        self.server = server
        self.files = files
        baseURL = "http://127.0.0.1:\(server.port)"
    }

    public static func start() async throws -> FakeFileStore {
        let files = Files()
        let router = Router()
        router.put("/files/:name") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 10 << 20)
            files.put(try context.parameters.require("name"), Data(body.readableBytesView))
            return Response(status: .created)
        }
        router.get("/files/:name") { _, context -> Response in
            guard let bytes = files.get(try context.parameters.require("name")) else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return FakeFileStore(server: try await LoopbackServer.start(router, label: "patchbay.fake-files"), files: files)
    }

    /// The bytes stored under `name`, exactly as received.
    public func file(_ name: String) -> Data? { files.get(name) }

    public func stop() async {
        await server.stop()
    }

    // Unchecked: `lock` guards `stored`, which the compiler cannot see.
    private final class Files: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String: Data] = [:]

        func put(_ name: String, _ bytes: Data) { lock.withLock { stored[name] = bytes } }
        func get(_ name: String) -> Data? { lock.withLock { stored[name] } }
    }
}
