import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PatchbayAPI
import PatchbayEgress
import PatchbayPlugins
import PatchbayServices
import PatchbayStore
import PatchbayVault
import ServiceLifecycle
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP API with the plugins loaded.")

    @OptionGroup var data: DataOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var keyOptions: KeyOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on, 1-65535; 0 lets the system pick a free one (the log line \"patchbay is serving\" names it).")
    var port = 8080

    @Option(help: "The URL browsers and providers reach this host at (also PATCHBAY_PUBLIC_URL), e.g. https://patchbay.example.com: webhook endpoint URLs and the OAuth redirect URI (<URL>/oauth/callback) are built on it.")
    var publicURL: String?

    @Option(name: .customLong("upstream"),
            help: "Send a provider's requests to another base URL, e.g. crm=http://127.0.0.1:4010/crm/api (repeatable; also PATCHBAY_UPSTREAMS).")
    var upstreams: [String] = []

    @Option(name: .customLong("oauth-endpoint"),
            help: "Send a provider's OAuth authorize and token URLs to another origin, e.g. crm=http://127.0.0.1:4010/crm_oauth (repeatable; also PATCHBAY_OAUTH_ENDPOINTS).")
    var oauthEndpoints: [String] = []

    @Option(help: "Seconds a plugin call may take before the host gives up on it (at least 1).")
    var pluginTimeout = 60

    @Option(help: "Apply this YAML configuration file (see `patchbay apply`) to the account it names before serving; a refusal stops the start.")
    var config: String?

    @OptionGroup var webhookOptions: WebhookOptions
    @OptionGroup var egressOptions: EgressOptions
    @OptionGroup var mcpOptions: MCPOptions
    @OptionGroup var retentionOptions: RetentionOptions
    @OptionGroup var observabilityOptions: ObservabilityOptions
    @OptionGroup var apiSafetyOptions: APISafetyOptions
    @OptionGroup var readinessOptions: ReadinessOptions

    /// Refuses bad flags before anything is created (no data dir, no master key).
    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be from 1 to 65535, or 0 for a free port (got \(port))")
        }
        guard pluginTimeout >= 1 else {
            throw ValidationError("--plugin-timeout must be at least 1 second (got \(pluginTimeout))")
        }
        _ = try overrides(environment: ProcessInfo.processInfo.environment)
        _ = try PublicURL.fromCommandLine(flag: publicURL, environment: ProcessInfo.processInfo.environment)
        _ = try webhookOptions.settings(environment: ProcessInfo.processInfo.environment)
    }

    /// The upstream and OAuth endpoint overrides, from the flags and the environment.
    private func overrides(environment: [String: String]) throws -> (upstreams: ProviderOverrides, oauth: ProviderOverrides) {
        (try ProviderOverrides(flag: "--upstream", values: upstreams, variable: "PATCHBAY_UPSTREAMS", environment: environment),
         try ProviderOverrides(flag: "--oauth-endpoint", values: oauthEndpoints, variable: "PATCHBAY_OAUTH_ENDPOINTS",
                               environment: environment))
    }

    func run() async throws {
        let started = ContinuousClock.now
        let environment = ProcessInfo.processInfo.environment
        try observabilityOptions.bootstrapLogging(environment: environment)
        let logger = Logger(label: "patchbay")
        // Once, before anything records: every series of the host goes to this registry.
        let metrics = PrometheusExposition()
        metrics.bootstrap()
        let tracing = try observabilityOptions.bootstrapTracing(environment: environment, logger: Logger(label: "patchbay.otel"))
        let egressAddresses = try egressOptions.policy(environment: environment)

        // Before any socket: thousands of calls in flight need thousands of descriptors.
        let openFiles = OpenFileLimit.raiseToHardLimit()
        // A crash in an in-process plugin ends the host at once, with one line naming the plugin.
        PluginCrashGuard.install()
        // Plugins first: an override naming no loaded provider is refused before the data dir is touched.
        let registry = pluginOptions.loadRegistry(logger: Logger(label: "patchbay.plugins"))
        for status in registry.statuses where status.state == .disabled {
            logger.warning("plugin disabled", metadata: ["path": "\(status.path)", "reason": "\(status.reason ?? "")"])
        }
        let (upstreamOverrides, oauthOverrides) = try overrides(environment: environment)
        do {
            try upstreamOverrides.requireKnown(registry.plugins.map(\.id))
            try oauthOverrides.requireKnown(registry.plugins.map(\.id))
            try egressOptions.requireKnown(registry.plugins.map(\.id))
        } catch {
            registry.stopWorkers()
            throw error
        }
        let (store, directory, location) = try await data.openStore(logger: Logger(label: "patchbay.store"))
        let vault: Vault
        let keySource: Keyring.Source
        do {
            (vault, keySource) = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: keyOptions.environment)
        } catch {
            // A wrong or missing master key stops the host here, before it serves anything.
            throw CommandFailure(description: "cannot open the vault: \(error)")
        }
        if case .newFile(let path) = keySource {
            logger.notice("created a new master key; back it up, secrets cannot be read without it", metadata: ["path": "\(path)"])
        }
        var settings = HostSettings(upstreams: upstreamOverrides.urls, pluginTimeout: .seconds(pluginTimeout),
                                    oauthEndpoints: oauthOverrides.urls)
        settings.publicURL = try PublicURL.fromCommandLine(flag: publicURL, environment: environment)
        settings.webhooks = try webhookOptions.settings(environment: environment)
        settings.egress.addresses = egressAddresses
        settings.egress.connectionsPerHost = egressOptions.connectionsPerHost
        settings.egress.connectionsPerProvider = try egressOptions.limitsByProvider()
        settings.mcpSessions = mcpOptions.settings
        settings.retention = try retentionOptions.settings(environment: environment)
        settings.apiRateLimits = apiSafetyOptions.rateLimits
        settings.idempotency = apiSafetyOptions.idempotency
        try readinessOptions.apply(to: &settings, dataDirectory: try data.resolvedDatabaseURL() == nil ? directory : nil,
                                   environment: environment)
        let notifier = await StoreNotifier.make(for: store)
        let patchbay = Patchbay(store: store, vault: vault, registry: registry, settings: settings, notifier: notifier)
        if let config {
            do {
                let file = try ConfigFile(path: config)
                let plan = try await file.apply(to: patchbay, account: try file.account(flag: nil), dryRun: false)
                for step in plan.steps where step.action != .unchanged {
                    logger.notice("configuration applied", metadata: ["object": "\(step.kind) \(step.name)", "action": "\(step.action.rawValue)"])
                }
                logger.notice("configuration file", metadata: ["path": "\(config)", "changed": "\(plan.steps.filter { $0.action != .unchanged }.count)",
                                                               "unchanged": "\(plan.count(.unchanged))"])
            } catch {
                try? await patchbay.shutdown()
                await registry.shutdown()
                store.close()
                throw error
            }
        }

        for (provider, url) in settings.upstreams.sorted(by: { $0.key < $1.key }) {
            logger.notice("upstream override", metadata: ["provider": "\(provider)", "base_url": "\(url.absoluteString)"])
        }
        for (provider, url) in settings.oauthEndpoints.sorted(by: { $0.key < $1.key }) {
            logger.notice("oauth endpoint override", metadata: ["provider": "\(provider)", "origin": "\(url.absoluteString)"])
        }
        let allowed = egressAddresses.allowedBlocks.map(\.description) + egressAddresses.trustedHosts.sorted()
        if !allowed.isEmpty {
            logger.notice("egress allowed beyond public addresses", metadata: ["allow": "\(allowed.joined(separator: ","))"])
        }
        // Heartbeat first, and calls that an earlier instance left running are marked interrupted.
        await patchbay.instance.start()
        let enabled = registry.plugins.map(\.id)
        let application = APIServer.application(patchbay, host: host, port: port, logger: logger, metrics: metrics) { boundPort in
            let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
            logger.notice("patchbay is serving", metadata: [
                "url": "http://\(host):\(boundPort)", "data_dir": "\(directory)", "store": "\(location)",
                "plugins": "\(enabled.joined(separator: ","))", "startup_ms": "\(Int(elapsed))",
                "open_files": "\(openFiles.map { String($0.soft) } ?? "unknown")",
                "open_files_hard": "\(openFiles.map { String($0.hard) } ?? "unknown")",
            ])
        }
        // The delivery worker, pruning and the heartbeat run beside the API and stop with it;
        // services stop in reverse order, so the heartbeat stops last, after the API has drained,
        // and the span exporter (first) sends what is left after everything else has stopped.
        let services = ServiceGroup(configuration: .init(
            services: (tracing.map { [$0] } ?? []) + [patchbay.instance, application, patchbay.webhooks.worker, patchbay.retention],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await services.run()
        } catch {
            // The outbound HTTP clients and plugin workers are stopped before the process exits,
            // whatever stopped the server; a failure to listen is said in words.
            try? await patchbay.shutdown()
            await registry.shutdown()
            store.close()
            throw ListenError(error, host: host, port: port).map { CommandFailure(description: $0.description) } ?? error
        }
        try await patchbay.shutdown()
        // Last, once nothing can call a plugin: each one flushes and closes what it holds.
        await registry.shutdown()
        // Then the database, which nothing uses any more: its connections are closed by the host
        // rather than dropped with the process.
        store.close()
    }
}
