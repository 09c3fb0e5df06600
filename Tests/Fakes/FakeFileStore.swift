import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A loopback file store speaking plain HTTP, as object stores do: `PUT /files/<name>` keeps the
/// request body's bytes exactly, `GET /files/<name>` answers them as `application/octet-stream`
/// (404 when there is none). For the tests of bodies that are not UTF-8 text.
public final class FakeFileStore: @unchecked Sendable {
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Error>
    private let files: Files
    public let baseURL: String

    private init(baseURL: String, files: Files, serviceGroup: ServiceGroup, runTask: Task<Void, Error>) {
        self.baseURL = baseURL
        self.files = files
        self.serviceGroup = serviceGroup
        self.runTask = runTask
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
        let listening = ListeningSignal()
        var logger = Logger(label: "patchbay.fake-files")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in listening.succeed(port: channel.localAddress?.port ?? 0) }, logger: logger)
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(1)
        let group = ServiceGroup(configuration: configuration)
        let task = Task { try await group.run() }
        let port = try await listening.port()
        return FakeFileStore(baseURL: "http://127.0.0.1:\(port)", files: files, serviceGroup: group, runTask: task)
    }

    /// The bytes stored under `name`, exactly as received.
    public func file(_ name: String) -> Data? { files.get(name) }

    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await runTask.result
    }

    private final class Files: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String: Data] = [:]

        func put(_ name: String, _ bytes: Data) { lock.withLock { stored[name] = bytes } }
        func get(_ name: String) -> Data? { lock.withLock { stored[name] } }
    }
}
