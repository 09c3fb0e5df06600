import Hummingbird
import Logging
import ServiceLifecycle

/// A router served on a free loopback port until `stop`, for the fakes that need nothing more.
struct LoopbackServer: Sendable {
    let port: Int
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    static func start(_ router: Router<BasicRequestContext>, label: String) async throws -> LoopbackServer {
        let listening = ListeningSignal()
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in listening.succeed(port: channel.localAddress?.port ?? 0) }, logger: logger)
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(1)
        let group = ServiceGroup(configuration: configuration)
        let task = Task { try await group.run() }
        return LoopbackServer(port: try await listening.port(), serviceGroup: group, runTask: task)
    }

    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await runTask.result
    }
}
