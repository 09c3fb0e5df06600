import PatchbayModel
import PatchbayWire
import Foundation
import PatchbayStore

/// A store that counts the calls made to it by method name, for tests that check how often a
/// part of the host reads or writes (an idle waiter should not).
/// Unchecked because `lock` guards `counts`, which the compiler cannot see.
final class CountingStore: Store, @unchecked Sendable {
    let base: any Store
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var owners: Set<String> = []

    init(_ base: any Store) {
        self.base = base
    }

    /// Calls per method name so far.
    var calls: [String: Int] { lock.withLock { counts } }

    /// Every owner that tried to take a refresh lease so far: each refresh attempt is one.
    var refreshLeaseOwners: Set<String> { lock.withLock { owners } }

    /// All calls so far.
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }

    private func count(_ name: String) {
        lock.withLock { counts[name, default: 0] += 1 }
    }

    var instanceID: String { base.instanceID }

    func close() { base.close() }

    func account(named name: String) async throws -> Account? {
        count("account")
        return try await base.account(named: name)
    }

    func account(id: String) async throws -> Account? {
        count("account")
        return try await base.account(id: id)
    }

    func insertAccount(_ account: Account) async throws {
        count("insertAccount")
        return try await base.insertAccount(account)
    }

    func insertAPIKey(_ key: APIKeyRecord) async throws {
        count("insertAPIKey")
        return try await base.insertAPIKey(key)
    }

    func apiKey(prefix: String) async throws -> APIKeyRecord? {
        count("apiKey")
        return try await base.apiKey(prefix: prefix)
    }

    func insertConnection(_ connection: ConnectionRecord) async throws {
        count("insertConnection")
        return try await base.insertConnection(connection)
    }

    func connection(id: String, accountID: String) async throws -> ConnectionRecord? {
        count("connection")
        return try await base.connection(id: id, accountID: accountID)
    }

    func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord> {
        count("connections")
        return try await base.connections(accountID: accountID, filter: filter, page: page)
    }

    func updateConnection(_ connection: ConnectionRecord) async throws {
        count("updateConnection")
        return try await base.updateConnection(connection)
    }

    func connectedProviders(accountID: String) async throws -> Set<String> {
        count("connectedProviders")
        return try await base.connectedProviders(accountID: accountID)
    }

    func saveSchema(_ snapshot: SchemaSnapshot) async throws {
        count("saveSchema")
        return try await base.saveSchema(snapshot)
    }

    func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot? {
        count("schema")
        return try await base.schema(connectionID: connectionID, accountID: accountID)
    }

    func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws {
        count("insertExecution")
        return try await base.insertExecution(execution, durability: durability)
    }

    func updateExecution(_ execution: ExecutionRecord) async throws {
        count("updateExecution")
        return try await base.updateExecution(execution)
    }

    func execution(id: String, accountID: String) async throws -> ExecutionRecord? {
        count("execution")
        return try await base.execution(id: id, accountID: accountID)
    }

    func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord> {
        count("executions")
        return try await base.executions(accountID: accountID, filter: filter, page: page)
    }

    func insertWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        count("insertWebhookEndpoint")
        return try await base.insertWebhookEndpoint(endpoint)
    }

    func webhookEndpoint(id: String, accountID: String) async throws -> WebhookEndpointRecord? {
        count("webhookEndpoint")
        return try await base.webhookEndpoint(id: id, accountID: accountID)
    }

    func webhookRoute(endpointID: String) async throws -> WebhookRoute? {
        count("webhookRoute")
        return try await base.webhookRoute(endpointID: endpointID)
    }

    func webhookEndpoints(accountID: String, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord> {
        count("webhookEndpoints")
        return try await base.webhookEndpoints(accountID: accountID, connectionID: connectionID, page: page)
    }

    func updateWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        count("updateWebhookEndpoint")
        return try await base.updateWebhookEndpoint(endpoint)
    }

    func webhookEndpointStats(id: String, accountID: String) async throws -> WebhookEndpointStats {
        count("webhookEndpointStats")
        return try await base.webhookEndpointStats(id: id, accountID: accountID)
    }

    func countWebhookReceipt(endpointID: String, verified: Bool) async throws {
        count("countWebhookReceipt")
        return try await base.countWebhookReceipt(endpointID: endpointID, verified: verified)
    }

    func storeInboundEvents(_ batch: [InboundEvent]) async throws -> [InboundOutcome] {
        count("storeInboundEvents")
        return try await base.storeInboundEvents(batch)
    }

    func webhookEvent(id: String, accountID: String) async throws -> WebhookEventRecord? {
        count("webhookEvent")
        return try await base.webhookEvent(id: id, accountID: accountID)
    }

    func webhookEvents(accountID: String, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord> {
        count("webhookEvents")
        return try await base.webhookEvents(accountID: accountID, filter: filter, page: page)
    }

    func webhookEvents(accountID: String, after sequence: Int64, endpointIDs: [String], providers: [String], limit: Int) async throws -> [WebhookEventRecord] {
        count("webhookEvents")
        return try await base.webhookEvents(accountID: accountID, after: sequence, endpointIDs: endpointIDs, providers: providers, limit: limit)
    }

    func insertWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        count("insertWebhookSubscription")
        return try await base.insertWebhookSubscription(subscription)
    }

    func webhookSubscription(id: String, accountID: String) async throws -> WebhookSubscriptionRecord? {
        count("webhookSubscription")
        return try await base.webhookSubscription(id: id, accountID: accountID)
    }

    func webhookSubscriptions(accountID: String, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        count("webhookSubscriptions")
        return try await base.webhookSubscriptions(accountID: accountID, agentID: agentID, page: page)
    }

    func activeWebhookSubscriptions(accountID: String, endpointID: String?, provider: String) async throws -> [WebhookSubscriptionRecord] {
        count("activeWebhookSubscriptions")
        return try await base.activeWebhookSubscriptions(accountID: accountID, endpointID: endpointID, provider: provider)
    }

    func updateWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        count("updateWebhookSubscription")
        return try await base.updateWebhookSubscription(subscription)
    }

    func deleteWebhookSubscription(id: String, accountID: String) async throws {
        count("deleteWebhookSubscription")
        return try await base.deleteWebhookSubscription(id: id, accountID: accountID)
    }

    func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        count("insertWebhookDelivery")
        return try await base.insertWebhookDelivery(delivery)
    }

    func leaseWebhookDeliveries(owner: String, now: Millis, leaseUntil: Millis, limit: Int) async throws -> [WebhookDeliveryRecord] {
        count("leaseWebhookDeliveries")
        return try await base.leaseWebhookDeliveries(owner: owner, now: now, leaseUntil: leaseUntil, limit: limit)
    }

    func finishWebhookAttempts(_ finished: [FinishedAttempt]) async throws {
        count("finishWebhookAttempts")
        return try await base.finishWebhookAttempts(finished)
    }

    func webhookDelivery(id: String, accountID: String) async throws -> WebhookDeliveryRecord? {
        count("webhookDelivery")
        return try await base.webhookDelivery(id: id, accountID: accountID)
    }

    func webhookDeliveries(accountID: String, filter: WebhookDeliveryFilter, page: PageRequest) async throws -> Page<WebhookDeliveryRecord> {
        count("webhookDeliveries")
        return try await base.webhookDeliveries(accountID: accountID, filter: filter, page: page)
    }

    func updateWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        count("updateWebhookDelivery")
        return try await base.updateWebhookDelivery(delivery)
    }

    func webhookAttempts(deliveryID: String, accountID: String) async throws -> [WebhookAttemptRecord] {
        count("webhookAttempts")
        return try await base.webhookAttempts(deliveryID: deliveryID, accountID: accountID)
    }

    func apiKeys(accountID: String) async throws -> [APIKeyRecord] {
        count("apiKeys")
        return try await base.apiKeys(accountID: accountID)
    }

    func revokeAPIKey(id: String, accountID: String, at: Millis) async throws -> APIKeyRecord? {
        count("revokeAPIKey")
        return try await base.revokeAPIKey(id: id, accountID: accountID, at: at)
    }

    func setAPIKeyRateLimit(id: String, accountID: String, rateLimit: Int?) async throws -> APIKeyRecord? {
        count("setAPIKeyRateLimit")
        return try await base.setAPIKeyRateLimit(id: id, accountID: accountID, rateLimit: rateLimit)
    }

    func saveOAuthApp(_ app: OAuthAppRecord) async throws {
        count("saveOAuthApp")
        return try await base.saveOAuthApp(app)
    }

    func oauthApp(accountID: String, provider: String) async throws -> OAuthAppRecord? {
        count("oauthApp")
        return try await base.oauthApp(accountID: accountID, provider: provider)
    }

    func oauthApps(accountID: String) async throws -> [OAuthAppRecord] {
        count("oauthApps")
        return try await base.oauthApps(accountID: accountID)
    }

    func deleteOAuthApp(accountID: String, provider: String) async throws -> Bool {
        count("deleteOAuthApp")
        return try await base.deleteOAuthApp(accountID: accountID, provider: provider)
    }

    func insertOAuthState(_ state: OAuthStateRecord) async throws {
        count("insertOAuthState")
        return try await base.insertOAuthState(state)
    }

    func oauthState(id: String) async throws -> OAuthStateRecord? {
        count("oauthState")
        return try await base.oauthState(id: id)
    }

    func consumeOAuthState(id: String) async throws -> OAuthStateRecord? {
        count("consumeOAuthState")
        return try await base.consumeOAuthState(id: id)
    }

    func connectionAuth(connectionID: String, accountID: String) async throws -> ConnectionAuthRecord? {
        count("connectionAuth")
        return try await base.connectionAuth(connectionID: connectionID, accountID: accountID)
    }

    func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?, at: Millis, leaseOwner: String?) async throws -> Bool {
        count("saveTokens")
        return try await base.saveTokens(connectionID: connectionID, accountID: accountID, sealedCredentials: sealedCredentials, expiresAt: expiresAt, at: at, leaseOwner: leaseOwner)
    }

    func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?, at: Millis, leaseOwner: String?) async throws {
        count("setConnectionStatus")
        return try await base.setConnectionStatus(connectionID: connectionID, accountID: accountID, status: status, reason: reason, at: at, leaseOwner: leaseOwner)
    }

    func acquireRefreshLease(connectionID: String, owner: String, now: Millis, until: Millis) async throws -> Bool {
        count("acquireRefreshLease")
        lock.withLock { _ = owners.insert(owner) }
        return try await base.acquireRefreshLease(connectionID: connectionID, owner: owner, now: now, until: until)
    }

    func releaseRefreshLease(connectionID: String, owner: String) async throws {
        count("releaseRefreshLease")
        return try await base.releaseRefreshLease(connectionID: connectionID, owner: owner)
    }

    func vaultCanary() async throws -> String? {
        count("vaultCanary")
        return try await base.vaultCanary()
    }

    func saveVaultCanary(_ sealed: String, at: Millis) async throws {
        count("saveVaultCanary")
        return try await base.saveVaultCanary(sealed, at: at)
    }

    func sealedSecrets(notUnderKey keyID: String, limit: Int) async throws -> [SealedSecret] {
        count("sealedSecrets")
        return try await base.sealedSecrets(notUnderKey: keyID, limit: limit)
    }

    func sealedSecretCounts() async throws -> [String: [SealedSecret.Kind: Int]] {
        count("sealedSecretCounts")
        return try await base.sealedSecretCounts()
    }

    func replaceSealedSecret(_ secret: SealedSecret, with sealed: String) async throws -> Bool {
        count("replaceSealedSecret")
        return try await base.replaceSealedSecret(secret, with: sealed)
    }

    func retiredKeyIDs() async throws -> Set<String> {
        count("retiredKeyIDs")
        return try await base.retiredKeyIDs()
    }

    func retireKey(_ keyID: String, at: Millis) async throws {
        count("retireKey")
        return try await base.retireKey(keyID, at: at)
    }

    func insertAgent(_ agent: AgentRecord) async throws {
        count("insertAgent")
        return try await base.insertAgent(agent)
    }

    func agent(id: String, accountID: String) async throws -> AgentRecord? {
        count("agent")
        return try await base.agent(id: id, accountID: accountID)
    }

    func agents(accountID: String, page: PageRequest) async throws -> Page<AgentRecord> {
        count("agents")
        return try await base.agents(accountID: accountID, page: page)
    }

    func updateAgent(id: String, accountID: String, _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord? {
        count("updateAgent")
        return try await base.updateAgent(id: id, accountID: accountID, change)
    }

    func deleteAgent(id: String, accountID: String) async throws -> Bool {
        count("deleteAgent")
        return try await base.deleteAgent(id: id, accountID: accountID)
    }

    func publishAgent(id: String, accountID: String, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        count("publishAgent")
        return try await base.publishAgent(id: id, accountID: accountID, note: note, at: time)
    }

    func rollbackAgent(id: String, accountID: String, to version: Int, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        count("rollbackAgent")
        return try await base.rollbackAgent(id: id, accountID: accountID, to: version, note: note, at: time)
    }

    func agentVersions(agentID: String, accountID: String) async throws -> [AgentVersionRecord] {
        count("agentVersions")
        return try await base.agentVersions(agentID: agentID, accountID: accountID)
    }

    func agentVersion(agentID: String, accountID: String, version: Int) async throws -> AgentVersionRecord? {
        count("agentVersion")
        return try await base.agentVersion(agentID: agentID, accountID: accountID, version: version)
    }

    func transitionExecution(id: String, accountID: String, from: ExecutionRecord.Status, to: ExecutionRecord.Status) async throws -> Bool {
        count("transitionExecution")
        return try await base.transitionExecution(id: id, accountID: accountID, from: from, to: to)
    }

    func endUserConnection(accountID: String, provider: String, endUser: String) async throws -> ConnectionRecord? {
        count("endUserConnection")
        return try await base.endUserConnection(accountID: accountID, provider: provider, endUser: endUser)
    }

    func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?, at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws {
        count("setConnectionStatus")
        return try await base.setConnectionStatus(connectionID: connectionID, accountID: accountID, status: status, reason: reason, at: at, leaseOwner: leaseOwner, announcing: event)
    }

    func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?, at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool {
        count("saveTokens")
        return try await base.saveTokens(connectionID: connectionID, accountID: accountID, sealedCredentials: sealedCredentials, expiresAt: expiresAt, at: at, leaseOwner: leaseOwner, announcing: event)
    }

    func updateConnectionReplacingCredentials(_ connection: ConnectionRecord, announcing event: InboundEvent?) async throws {
        count("updateConnectionReplacingCredentials")
        return try await base.updateConnectionReplacingCredentials(connection, announcing: event)
    }

    func saveHostInstance(_ instance: HostInstanceRecord) async throws {
        count("saveHostInstance")
        return try await base.saveHostInstance(instance)
    }

    func hostInstances() async throws -> [HostInstanceRecord] {
        count("hostInstances")
        return try await base.hostInstances()
    }

    func interruptExecutions(ofInstances ids: [String], at: Millis) async throws -> Int {
        count("interruptExecutions")
        return try await base.interruptExecutions(ofInstances: ids, at: at)
    }

    func storageProblem() async -> StoreError? {
        count("storageProblem")
        return await base.storageProblem()
    }

    func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int {
        count("pruneExecutions")
        return try await base.pruneExecutions(startedBefore: cutoff, limit: limit)
    }

    func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int {
        count("pruneWebhookEvents")
        return try await base.pruneWebhookEvents(receivedBefore: cutoff, limit: limit)
    }

    func pruneRateBudgets(idleSince cutoff: Millis, limit: Int) async throws -> Int {
        count("pruneRateBudgets")
        return try await base.pruneRateBudgets(idleSince: cutoff, limit: limit)
    }

    func migrationState() async throws -> MigrationState {
        count("migrationState")
        return try await base.migrationState()
    }

    func openMCPSession(_ session: MCPSessionRecord, limit: Int, liveSince: Millis) async throws -> Bool {
        count("openMCPSession")
        return try await base.openMCPSession(session, limit: limit, liveSince: liveSince)
    }

    func mcpSession(id: String, accountID: String) async throws -> MCPSessionRecord? {
        count("mcpSession")
        return try await base.mcpSession(id: id, accountID: accountID)
    }

    func touchMCPSession(id: String, accountID: String, at: Millis) async throws -> Bool {
        count("touchMCPSession")
        return try await base.touchMCPSession(id: id, accountID: accountID, at: at)
    }

    func deleteMCPSession(id: String, accountID: String) async throws -> Bool {
        count("deleteMCPSession")
        return try await base.deleteMCPSession(id: id, accountID: accountID)
    }

    func mcpSessionCount(accountID: String, liveSince: Millis) async throws -> Int {
        count("mcpSessionCount")
        return try await base.mcpSessionCount(accountID: accountID, liveSince: liveSince)
    }

    func deleteIdleMCPSessions(lastUsedBefore cutoff: Millis) async throws -> Int {
        count("deleteIdleMCPSessions")
        return try await base.deleteIdleMCPSessions(lastUsedBefore: cutoff)
    }

    func insertConnector(_ connector: ConnectorRecord) async throws {
        count("insertConnector")
        try await base.insertConnector(connector)
    }

    func connector(accountID: String, namespace: String, name: String) async throws -> ConnectorRecord? {
        count("connector")
        return try await base.connector(accountID: accountID, namespace: namespace, name: name)
    }

    func connectors(accountID: String) async throws -> [ConnectorRecord] {
        count("connectors")
        return try await base.connectors(accountID: accountID)
    }

    func updateConnector(_ connector: ConnectorRecord) async throws -> Bool {
        count("updateConnector")
        return try await base.updateConnector(connector)
    }

    func deleteConnector(accountID: String, namespace: String, name: String) async throws -> Bool {
        count("deleteConnector")
        return try await base.deleteConnector(accountID: accountID, namespace: namespace, name: name)
    }

    func insertMCPServer(_ server: MCPServerRecord) async throws {
        count("insertMCPServer")
        try await base.insertMCPServer(server)
    }

    func mcpServer(id: String, accountID: String) async throws -> MCPServerRecord? {
        count("mcpServer")
        return try await base.mcpServer(id: id, accountID: accountID)
    }

    func mcpServers(accountID: String) async throws -> [MCPServerRecord] {
        count("mcpServers")
        return try await base.mcpServers(accountID: accountID)
    }

    func updateMCPServerTools(id: String, accountID: String, tools: JSONValue, serverInfo: JSONValue, at time: Millis) async throws -> Bool {
        count("updateMCPServerTools")
        return try await base.updateMCPServerTools(id: id, accountID: accountID, tools: tools, serverInfo: serverInfo, at: time)
    }

    func deleteMCPServer(id: String, accountID: String) async throws -> Bool {
        count("deleteMCPServer")
        return try await base.deleteMCPServer(id: id, accountID: accountID)
    }

    func rateBudget(key: String) async throws -> RateBudgetRecord? {
        count("rateBudget")
        return try await base.rateBudget(key: key)
    }

    func recordRateBudget(_ budget: RateBudgetRecord) async throws {
        count("recordRateBudget")
        try await base.recordRateBudget(budget)
    }
}

extension CountingStore {
    func claimIdempotencyKey(_ claim: IdempotencyRecord, staleBefore: Millis) async throws -> IdempotencyClaim {
        count("claimIdempotencyKey")
        return try await base.claimIdempotencyKey(claim, staleBefore: staleBefore)
    }

    func completeIdempotencyKey(accountID: String, key: String, claimToken: String, response: StoredResponse) async throws -> Bool {
        count("completeIdempotencyKey")
        return try await base.completeIdempotencyKey(accountID: accountID, key: key, claimToken: claimToken, response: response)
    }

    func releaseIdempotencyKey(accountID: String, key: String, claimToken: String) async throws {
        count("releaseIdempotencyKey")
        try await base.releaseIdempotencyKey(accountID: accountID, key: key, claimToken: claimToken)
    }

    func pruneIdempotencyKeys(expiredBefore cutoff: Millis, limit: Int) async throws -> Int {
        count("pruneIdempotencyKeys")
        return try await base.pruneIdempotencyKeys(expiredBefore: cutoff, limit: limit)
    }

    func appendAuditEntry(_ entry: AuditEntry) async throws {
        count("appendAuditEntry")
        try await base.appendAuditEntry(entry)
    }

    func auditEntries(accountID: String, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        count("auditEntries")
        return try await base.auditEntries(accountID: accountID, filter: filter, page: page)
    }

    func countAPIRequest(key: String, windowStart: Millis) async throws -> Int {
        count("countAPIRequest")
        return try await base.countAPIRequest(key: key, windowStart: windowStart)
    }

    func pruneAPIRequestCounts(windowsBefore cutoff: Millis, limit: Int) async throws -> Int {
        count("pruneAPIRequestCounts")
        return try await base.pruneAPIRequestCounts(windowsBefore: cutoff, limit: limit)
    }
}
