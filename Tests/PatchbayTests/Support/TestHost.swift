import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import PatchbayAPI
import PatchbayClock
import PatchbayEgress
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
@testable import PatchbayStore
import PatchbayVault
import PatchbayWire
import XCTest

/// A real host for a test: a fresh data directory and SQLite file (or PostgreSQL database), the real plugin libraries
/// loaded with dlopen, the fake upstreams on loopback, and the HTTP API on a free port.
final class TestHost: Sendable {
    let fakes: FakeUpstreams
    let patchbay: Patchbay
    let dataDirectory: String
    let baseURL: String
    /// The host's store when it keeps its data in PostgreSQL.
    let postgres: PostgresStore?
    /// The store the host was given, closed by `stop`.
    private let store: any Store
    private let serverTask: Task<Void, any Error>

    /// `isolated` plugins run in worker processes, as `patchbay serve --isolate` runs them.
    /// With `reusing`, a host restart: the same data directory (database and key file) and the
    /// same fakes, after `previous.stopServer()`.
    /// Push subscriptions may target private addresses unless `privateWebhookTargets` is false:
    /// the fake agent receivers listen on loopback.
    /// The fakes are the host's upstream overrides, which it trusts; a connection whose config
    /// names another loopback target (a local database, a closed port) needs `allowEgress`, as
    /// `serve --allow-egress` gives it. Without `upstreamOverrides`, requests go where the
    /// connection's config or the manifest says, as on a host without `--upstream`.
    /// `upstreams` sends providers elsewhere than the fakes (`slack=http://…`). `dataDirectory`
    /// puts the data somewhere chosen, such as a small file system. `log` receives the host's
    /// log (else it is dropped). With `countingStore`, the host's store is a `CountingStore`.
    /// `store` says where the data is kept (see `TestStore`); a host `reusing` another keeps
    /// its data where that one does.
    /// A host `reusing` a running one is its replica: they share the notifier, unless
    /// `sharedNotifier` is false (replicas whose notifications between them are all lost), or
    /// `storeNotifier` is true: each host has the notifier `serve` picks for its store, so
    /// replicas on PostgreSQL reach each other through `LISTEN/NOTIFY`.
    /// `metrics` is what its `/metrics` renders (see `TestMetrics`).
    /// `clock` is the host's clock (a `ManualClock` to move its retries, leases and deadlines),
    /// and its fakes' (moving it leaks Shopify's bucket, brings GitHub's window reset nearer);
    /// a host `reusing` another keeps that one's clock and fakes.
    /// `apiRateLimits` and `idempotency` are the `serve --api-rate-limit` and `--idempotency-key-hours` settings,
    /// `publicURL` the `serve --public-url` one, `retention` the `serve --retain-*` ones.
    /// `minimumFreeDisk` turns on `/readyz`'s disk check of the data directory, as `serve --min-free-disk-mb`
    /// does (test hosts leave it out, so the machine's free space does not decide a test).
    static func start(plugins: [String] = ["PatchbaySlack"], isolated: [String] = [], egress: EgressSettings = TestHost.fastEgress,
                      pluginTimeout: Duration = .seconds(10), mcpSessions: MCPSessionSettings = MCPSessionSettings(),
                      reusing previous: TestHost? = nil, privateWebhookTargets: Bool = true,
                      allowEgress: [String] = [], upstreamOverrides: Bool = true,
                      upstreams overrides: [String] = [],
                      dataDirectory: String? = nil, log: Logger? = nil, countingStore: Bool = false,
                      apiRateLimits: APIRateLimitSettings = APIRateLimitSettings(), idempotency: IdempotencySettings = IdempotencySettings(),
                      sharedNotifier: Bool = true, storeNotifier: Bool = false, publicURL: String? = nil,
                      store kind: TestStore = .fromEnvironment, metrics: PrometheusExposition? = nil,
                      retention: RetentionSettings = RetentionSettings(), minimumFreeDisk: UInt64? = nil,
                      clock chosen: (any HostClock)? = nil) async throws -> TestHost {
        try checkDescriptorsHeld()
        let clock = chosen ?? previous?.patchbay.clock ?? SystemClock()
        let fakes: FakeUpstreams
        if let previous { fakes = previous.fakes } else { fakes = try await FakeUpstreams.start(clock: clock) }
        let directory = previous?.dataDirectory ?? dataDirectory ?? NSTemporaryDirectory() + "patchbay-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var logger = log ?? Logger(label: "test")
        if log == nil { logger.logLevel = .critical }
        let (opened, postgres) = try await kind.open(directory: directory, database: previous?.postgres?.url, clock: clock, logger: logger)
        let store: any Store = countingStore ? CountingStore(opened) : opened
        let (keyring, _) = try Keyring.load(dataDirectory: directory, environment: [:])
        let registry = PluginRegistry(logger: logger, clock: PluginClock(clock))
        registry.load(paths: try plugins.map(BuildProducts.plugin))
        for product in isolated {
            registry.load(path: try BuildProducts.plugin(product), isolation: .process(worker: BuildProducts.directory + "/patchbay-plugin-worker"))
        }
        let upstreams = try HostSettings.parseUpstreams((upstreamOverrides ? [fakes.upstreamsSetting] : []) + overrides)
        var settings = HostSettings(upstreams: upstreams, pluginTimeout: pluginTimeout, egress: egress,
                                    oauthEndpoints: try HostSettings.parseUpstreams([fakes.oauthEndpointsSetting]))
        settings.mcpSessions = mcpSessions
        settings.apiRateLimits = apiRateLimits
        settings.idempotency = idempotency
        settings.retention = retention
        settings.publicURL = try publicURL.map(PublicURL.init)
        for entry in allowEgress { try settings.egress.addresses.allow(entry) }
        settings.webhooks.allowPrivateTargets = privateWebhookTargets
        if let minimumFreeDisk {
            settings.minimumFreeDisk = minimumFreeDisk
            settings.dataDisk = DirectoryFreeSpace(path: directory)
        }
        // Replicas share a notifier, as replicas on one PostgreSQL share its LISTEN/NOTIFY.
        let notifier: any Notifier
        if storeNotifier {
            notifier = await StoreNotifier.make(for: opened, logger: logger)
        } else {
            notifier = (sharedNotifier ? previous?.patchbay.notifier : nil) ?? InProcessNotifier()
        }
        let patchbay = Patchbay(store: store, vault: Vault(keyring: keyring, keyFile: Keyring.filePath(dataDirectory: directory), clock: clock),
                                registry: registry, settings: settings, notifier: notifier, clock: clock, logger: logger)

        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = APIServer.application(patchbay, host: "127.0.0.1", port: 0, logger: logger, metrics: metrics) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in portStream { port = bound }
        return TestHost(fakes: fakes, patchbay: patchbay, dataDirectory: directory, baseURL: "http://127.0.0.1:\(port)",
                        postgres: postgres, store: store, serverTask: task)
    }

    /// XCTest keeps every test case, and what it holds, until the run ends, so a host or store
    /// a test does not close keeps its files and sockets open for the rest of the run. Past
    /// about 1,300 descriptors Foundation's `Process.run()` reads beyond its buffer while
    /// listing them and the whole run can crash at the next spawn; this turns such a leak into
    /// a failure that says so, well before.
    private static func checkDescriptorsHeld(limit: Int = 1_000) throws {
        let held = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        guard held < limit else {
            throw TestHostError.unexpected("the test process holds \(held) open descriptors: a test leaves hosts, stores or connections open")
        }
    }

    static var fastEgress: EgressSettings {
        var settings = EgressSettings()
        settings.requestTimeout = .seconds(2)
        settings.connectTimeout = .seconds(1)
        return settings
    }

    private init(fakes: FakeUpstreams, patchbay: Patchbay, dataDirectory: String, baseURL: String, postgres: PostgresStore?,
                 store: any Store, serverTask: Task<Void, any Error>) {
        self.fakes = fakes
        self.patchbay = patchbay
        self.dataDirectory = dataDirectory
        self.baseURL = baseURL
        self.postgres = postgres
        self.store = store
        self.serverTask = serverTask
    }

    /// Stops the API and the host, keeping the fakes and the data directory for a restart.
    func stopServer() async throws {
        serverTask.cancel()
        _ = await serverTask.result
        try await patchbay.shutdown()
    }

    func stop() async throws {
        serverTask.cancel()
        _ = await serverTask.result
        try await patchbay.shutdown()
        // Its files or its pool's connections go now, not when the test process ends, which
        // keeps every test case, and so every host, until then: PostgreSQL takes only so many
        // connections, and a process holding thousands of descriptors spawns children unsafely.
        (patchbay.notifier as? PostgresNotifier)?.close()
        store.close()
        await fakes.stop()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// Creates an account (if new) and a key with these scopes, as `patchbay keys create` does.
    func key(account: String = "acme", scopes: [Scope] = [.integrationsRead, .integrationsWrite]) async throws -> String {
        try await patchbay.apiKeys.create(accountName: account, scopes: scopes).key
    }

    // MARK: HTTP

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: String

        var json: JSONValue { (try? WireCoding.decode(JSONValue.self, from: Data(body.utf8))) ?? .null }
        var errorCode: String? { json["error"]?["code"]?.stringValue }
        var errorField: String? { json["error"]?["field"]?.stringValue }
        var errorMessage: String? { json["error"]?["message"]?.stringValue }
    }

    func request(_ method: String, _ path: String, key: String? = nil, body: String? = nil,
                 headers extra: [String: String] = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 10 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let reply = Reply(status: Int(response.status.code), headers: headers, body: String(buffer: buffer))
        try await holdToContract(method, path, reply)
        return reply
    }

    /// Fails the running test when a reply breaks what `/openapi.json` declares for its
    /// operation: every test's calls are contract checks.
    private func holdToContract(_ method: String, _ path: String, _ reply: Reply) async throws {
        guard path != "/openapi.json" else { return }
        let contract = try await Self.contract(baseURL)
        let problems = contract.problems(method: method, path: path, status: reply.status,
                                         contentType: reply.headers["content-type"], body: reply.body, headers: reply.headers)
        for problem in problems {
            XCTFail("\(method) \(path) → \(reply.status) breaks the API document: \(problem)\n\(reply.body.prefix(500))")
        }
    }

    /// The document, read once from the first host that serves it: it is built from the
    /// endpoint table alone, so every host serves the same.
    private static func contract(_ baseURL: String) async throws -> APIContract {
        if let known = contractLock.withLock({ contractCache }) { return known }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/openapi.json"), timeout: .seconds(30))
        let document = try WireCoding.decode(JSONValue.self, from: Data(buffer: try await response.body.collect(upTo: 10 << 20)))
        let contract = APIContract(document: document)
        contractLock.withLock { contractCache = contract }
        return contract
    }

    private static let contractLock = NSLock()
    // Unsafe because `contractLock` guards it, which the compiler cannot see.
    nonisolated(unsafe) private static var contractCache: APIContract?

    func request(_ method: String, _ path: String, key: String? = nil, json: JSONValue, headers: [String: String] = [:]) async throws -> Reply {
        try await request(method, path, key: key, body: String(decoding: try WireCoding.encode(json), as: UTF8.self), headers: headers)
    }

    /// Connects Slack with the fake's valid token and returns the connection id.
    func connectSlack(key: String, token: String = FakeSlack.sandboxToken, label: String? = nil) async throws -> String {
        var body: [String: JSONValue] = ["provider": "slack", "credentials": ["bot_token": .string(token)]]
        if let label { body["label"] = .string(label) }
        let reply = try await request("POST", "/v1/connections", key: key, json: .object(body))
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect slack: \(reply.status) \(reply.body)")
        }
        return id
    }
}

enum TestHostError: Error {
    case unexpected(String)
}

extension TestHost {
    /// This host's callback URL, as an account registers it with its OAuth app.
    var callbackURL: String { baseURL + "/oauth/callback" }

    /// Registers an OAuth app for `provider` with the fake provider and with this account.
    @discardableResult
    func configureOAuthApp(_ provider: String, key: String, fake: FakeOAuth, clientID: String = "client-\(UUID().uuidString)",
                           secret: String = "secret-\(UUID().uuidString)") async throws -> (clientID: String, secret: String) {
        fake.registerApp(clientID: clientID, secret: secret, redirectURI: callbackURL)
        let reply = try await request("PUT", "/v1/oauth-apps/\(provider)", key: key, json: [
            "client_id": .string(clientID), "client_secret": .string(secret), "redirect_uri": .string(callbackURL),
        ])
        guard reply.status == 200 else { throw TestHostError.unexpected("configure \(provider) app: \(reply.status) \(reply.body)") }
        return (clientID, secret)
    }

    /// Starts an OAuth connection and returns its id and consent URL.
    func startOAuth(_ provider: String, key: String, config: JSONValue? = nil) async throws -> (id: String, url: String) {
        var body: [String: JSONValue] = ["provider": .string(provider)]
        if let config { body["config"] = config }
        let reply = try await request("POST", "/v1/connections", key: key, json: .object(body))
        guard reply.status == 201, let id = reply.json["id"]?.stringValue, let url = reply.json["oauth_url"]?.stringValue else {
            throw TestHostError.unexpected("start \(provider) OAuth: \(reply.status) \(reply.body)")
        }
        return (id, url)
    }

    /// Connects `provider` through the whole OAuth flow and returns the active connection's id.
    func connectWithOAuth(_ provider: String, key: String, fake: FakeOAuth, config: JSONValue? = nil) async throws -> String {
        try await configureOAuthApp(provider, key: key, fake: fake)
        let (id, url) = try await startOAuth(provider, key: key, config: config)
        let reply = try await OAuthBrowser.authorize(url)
        guard reply.status == 200, reply.json["status"] == "active" else {
            throw TestHostError.unexpected("OAuth callback: \(reply.status) \(reply.body)")
        }
        return id
    }
}
