import Foundation
public import Logging
public import PatchbayClock
public import PatchbayEgress
public import PatchbayPlugins
public import PatchbayStore
public import PatchbayVault

/// The assembled host: one place that wires the store, vault, plugins and egress into the
/// services the API and the CLI use.
public final class Patchbay: Sendable {
    public let store: any Store
    public let registry: PluginRegistry
    public let settings: HostSettings
    public let egress: Egress
    /// Wakes waiters when what they wait for is committed; shared by replicas of one store.
    public let notifier: any Notifier
    /// What egress retries, backoff and deadlines and webhook delivery schedules and leases run on.
    public let clock: any HostClock

    public let apiKeys: APIKeyService
    /// Answers kept for repeats of requests sent with an `Idempotency-Key`.
    public let idempotency: IdempotencyService
    /// Every change API keys and the CLI make.
    public let audit: AuditLog
    /// Each API key's request budget.
    public let apiRateLimits: APIRateLimiter
    /// Browsers signed in to the console with an API key.
    public let consoleSessions: ConsoleSessions
    public let catalog: CatalogService
    public let connections: ConnectionService
    /// The account's declarative HTTP connectors, providers beside the plugins.
    public let connectors: ConnectorService
    /// Remote MCP servers connected as providers.
    public let mcpServers: MCPServerService
    public let executions: ExecutionService
    public let webhooks: Webhooks
    public let oauth: OAuthService
    public let agents: AgentService
    /// Configuration as code: `patchbay apply` and `patchbay export`.
    public let config: ConfigService
    public let skills: SkillRuntime
    /// Agents' MCP sessions, kept in the store so that any replica carries them on.
    public let mcpSessions: MCPSessionService
    /// The heartbeat and the sweep for calls cut off by a crash; a service `serve` runs.
    public let instance: HostInstance
    /// Prunes history past its retention; a service `serve` runs.
    public let retention: Retention
    /// What `/readyz` answers.
    public let readiness: ReadinessService

    public init(store: any Store, vault: Vault, registry: PluginRegistry, settings: HostSettings,
                notifier: any Notifier = InProcessNotifier(), clock: any HostClock = SystemClock(),
                logger: Logger = Logger(label: "patchbay")) {
        self.store = store
        self.notifier = notifier
        self.clock = clock
        self.registry = registry
        self.settings = settings
        let egress = Egress(settings: settings.egressTrustingUpstreams, budgets: store, clock: clock, logger: Logger(label: "patchbay.egress"))
        self.egress = egress
        let exchange = TokenExchange(egress: egress, settings: settings)
        let webhooks = Webhooks(store: store, vault: vault, registry: registry, settings: settings, notifier: notifier, clock: clock)
        self.webhooks = webhooks
        let providers = ProviderDirectory(registry: registry, store: store)
        let refresher = TokenRefresher(store: store, providers: providers, vault: vault, exchange: exchange,
                                       events: webhooks.hostEvents, notifier: notifier, logger: Logger(label: "patchbay.oauth"))
        let calls = ConnectionCalls(providers: providers, vault: vault, egress: egress, settings: settings, refresher: refresher,
                                    targets: NetworkTargetChecks(gate: egress.gate))
        let audit = AuditLog(store: store, logger: Logger(label: "patchbay.audit"))
        self.audit = audit
        idempotency = IdempotencyService(store: store, notifier: notifier, vault: vault, settings: settings.idempotency)
        apiRateLimits = APIRateLimiter(store: store, settings: settings.apiRateLimits)
        apiKeys = APIKeyService(store: store, notifier: notifier, audit: audit)
        consoleSessions = ConsoleSessions(vault: vault, apiKeys: apiKeys)
        catalog = CatalogService(providers: providers, store: store)
        connections = ConnectionService(store: store, providers: providers, vault: vault, calls: calls, settings: settings,
                                        events: webhooks.hostEvents, audit: audit)
        connectors = ConnectorService(store: store, providers: providers, calls: calls, settings: settings)
        let oauth = OAuthService(store: store, providers: providers, vault: vault, connections: connections, exchange: exchange,
                                 settings: settings, events: webhooks.hostEvents,
                                 apps: OAuthAppService(store: store, providers: providers, vault: vault, audit: audit,
                                                       publicURL: settings.publicURL))
        self.oauth = oauth
        let mcpServers = MCPServerService(store: store, calls: calls, vault: vault, settings: settings, listeners: providers.listeners,
                                          oauth: oauth, discovery: MCPOAuthDiscovery(egress: egress), audit: audit)
        providers.listeners.wire { server in await mcpServers.listen(server) }
        self.mcpServers = mcpServers
        let unrecorded = UnrecordedOutcomes()
        executions = ExecutionService(store: store, calls: calls, settings: settings, logger: logger, unrecorded: unrecorded)
        agents = AgentService(store: store, providers: providers, vault: vault, webhookSettings: settings.webhooks, notifier: notifier,
                              audit: audit)
        config = ConfigService(store: store, vault: vault, providers: providers, apiKeys: apiKeys, connectors: connectors,
                               apps: oauth.apps, connections: connections, agents: agents)
        skills = SkillRuntime(store: store, executions: executions, audit: audit,
                              webhooks: WebhookSkillCall(store: store, vault: vault, settings: settings.webhooks, clock: clock))
        mcpSessions = MCPSessionService(store: store, settings: settings.mcpSessions)
        instance = HostInstance(store: store, settings: settings, unrecorded: unrecorded, logger: logger)
        retention = Retention(store: store, settings: settings.retention, logger: logger)
        readiness = ReadinessService(store: store, registry: registry, settings: settings)
    }

    public func shutdown() async throws {
        mcpServers.stopListening()
        registry.stopWorkers()
        try await egress.shutdown()
    }
}
