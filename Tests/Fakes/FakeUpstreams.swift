import Foundation
import Hummingbird
public import Logging
import NIOCore
public import PatchbayClock
import ServiceLifecycle
import UnixSignals

/// One local HTTP server on 127.0.0.1 that serves every fake provider API, each under its
/// own prefix: Slack's Web API at `http://127.0.0.1:<port>/slack/api`. Point the host's
/// upstream overrides at `baseURLs` and the provider plugins run unchanged against it.
public final class FakeUpstreams: Sendable {
    public static let host = "127.0.0.1"

    public let slack: FakeSlack
    public let github: FakeGitHub
    public let shopify: FakeShopify
    public let google: FakeGoogleSheets
    /// A plain JSON API for declarative connectors; no plugin of its own.
    public let tasks: FakeTasks
    /// The providers' OAuth servers, each under `<provider>_oauth`.
    public let oauth: FakeOAuthServers
    /// The port the server listens on (the one picked by the system when started with 0).
    public let port: Int
    /// Requests being answered now and at most so far, and the latency added to each.
    public let load: FakeLoad

    private let mounts: [FakeMount]
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(fakes: Fakes, port: Int, load: FakeLoad, mounts: [FakeMount], serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        slack = fakes.slack
        github = fakes.github
        shopify = fakes.shopify
        google = fakes.google
        tasks = fakes.tasks
        oauth = fakes.oauth
        self.port = port
        self.load = load
        self.mounts = mounts
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    deinit {
        runTask.cancel()
    }

    private struct Fakes {
        let slack = FakeSlack()
        let github: FakeGitHub
        let shopify: FakeShopify
        let google = FakeGoogleSheets()
        let tasks = FakeTasks()
        let oauth: FakeOAuthServers

        init(clock: any HostClock) {
            github = FakeGitHub(clock: clock)
            shopify = FakeShopify(clock: clock)
            oauth = FakeOAuthServers(slack: slack, github: github, shopify: shopify, google: google, clock: clock)
        }
    }

    /// The fakes mounted on one server. A new fake is one more line here, plus its property.
    private static func mounts(_ fakes: Fakes) -> [FakeMount] {
        [
            FakeMount(name: "slack", fake: fakes.slack),
            FakeMount(name: "github", fake: fakes.github),
            FakeMount(name: "shopify", fake: fakes.shopify),
            FakeMount(name: "google_sheets", fake: fakes.google),
            FakeMount(name: "tasks_api", fake: fakes.tasks, hasPlugin: false),
        ]
    }

    /// The base URL of each fake by provider name, e.g. `slack` → `http://127.0.0.1:4010/slack/api`.
    public var baseURLs: [String: String] {
        var urls: [String: String] = [:]
        for mount in mounts {
            let path = mount.fake.apiPath.isEmpty ? "" : "/" + mount.fake.apiPath
            urls[mount.name] = "http://\(Self.host):\(port)/\(mount.name)\(path)"
        }
        return urls
    }

    /// `baseURLs` in the host's `PATCHBAY_UPSTREAMS` format: `slack=http://…,github=http://…`.
    public var upstreamsSetting: String {
        let plugins = Set(mounts.filter(\.hasPlugin).map(\.name))
        return baseURLs.filter { plugins.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The OAuth servers' origins in the host's `PATCHBAY_OAUTH_ENDPOINTS` format.
    public var oauthEndpointsSetting: String {
        oauth.mounts.map { mount in
            "\(mount.name.dropLast("_oauth".count))=http://\(Self.host):\(port)/\(mount.name)"
        }.sorted().joined(separator: ",")
    }

    /// How long a stop waits for requests in flight (say, ones held back by `delayNext`)
    /// before cutting them off.
    public static let shutdownGracePeriod: Duration = .seconds(2)

    /// Starts the server on 127.0.0.1:`port` (0 picks a free port) and returns once it is
    /// listening. Stop it with `stop()`. With `stopOnSignals`, SIGINT and SIGTERM also stop it
    /// gracefully; leave it off in tests, where many servers share one process. Every answer
    /// is held back by `latency`, like a slow provider's. The time the fakes model (Shopify's
    /// bucket leaking, GitHub's rate window, OAuth codes expiring) is `clock`'s: a test hands
    /// them the `ManualClock` its host runs on, so both see time move together. Latency and
    /// `delayNext` are real time: they stand for the network, not for the provider's rules.
    public static func start(port: Int = 0, logLevel: Logger.Level = .warning, stopOnSignals: Bool = false,
                             latency: Duration = .zero, clock: any HostClock = SystemClock()) async throws -> FakeUpstreams
    {
        let fakes = Fakes(clock: clock)
        let mounts = mounts(fakes)
        let load = FakeLoad(latency: latency)
        let router = Router()
        // Answered before the load middleware: it is neither counted nor delayed.
        router.get("_sandbox/load") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: load.json)))
        }
        router.delete("_sandbox/load") { _, _ -> HTTPResponse.Status in
            load.resetPeak()
            return .noContent
        }
        // Shown only when `logLevel` is `.info` or lower.
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: FakeLoadMiddleware(load: load))
        for mount in mounts + fakes.oauth.mounts {
            mount.fake.registerRoutes(on: router, prefix: mount.name)
        }

        var logger = Logger(label: "patchbay.fake-upstreams")
        logger.logLevel = logLevel
        let listening = ListeningSignal()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                if let bound = channel.localAddress?.port {
                    listening.succeed(port: bound)
                } else {
                    listening.fail(FakeUpstreamsError.noPort)
                }
            },
            logger: logger
        )
        var configuration = ServiceGroupConfiguration(
            services: [app],
            gracefulShutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = shutdownGracePeriod
        let serviceGroup = ServiceGroup(configuration: configuration)
        let runTask = Task {
            do {
                try await serviceGroup.run()
                listening.fail(FakeUpstreamsError.stoppedBeforeListening)
            } catch {
                listening.fail(error)
                throw error
            }
        }

        let boundPort: Int
        do {
            boundPort = try await listening.port()
        } catch {
            runTask.cancel()
            _ = await runTask.result
            throw error
        }
        return FakeUpstreams(fakes: fakes, port: boundPort, load: load, mounts: mounts, serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Shuts the server down: it stops accepting connections and lets requests in flight
    /// finish for up to `shutdownGracePeriod`, then cuts them off. Safe to call twice.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await runTask.result
    }

    /// Waits until the server has stopped, by `stop()` or because it failed; rethrows a failure.
    public func waitUntilStopped() async throws {
        try await runTask.value
    }
}
