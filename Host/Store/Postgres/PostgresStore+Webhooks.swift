import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func insertWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func webhookEndpoint(id: String, accountID: String) async throws -> WebhookEndpointRecord? {
        throw PostgresStore.notPorted
    }

    public func webhookRoute(endpointID: String) async throws -> WebhookRoute? {
        throw PostgresStore.notPorted
    }

    public func webhookEndpoints(accountID: String, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord> {
        throw PostgresStore.notPorted
    }

    public func updateWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func webhookEndpointStats(id: String, accountID: String) async throws -> WebhookEndpointStats {
        throw PostgresStore.notPorted
    }

    public func countWebhookReceipt(endpointID: String, verified: Bool) async throws {
        throw PostgresStore.notPorted
    }

    public func storeInboundEvents(_ batch: [InboundEvent]) async throws -> [InboundOutcome] {
        throw PostgresStore.notPorted
    }

    public func webhookEvent(id: String, accountID: String) async throws -> WebhookEventRecord? {
        throw PostgresStore.notPorted
    }

    public func webhookEvents(accountID: String, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord> {
        throw PostgresStore.notPorted
    }

    public func webhookEvents(accountID: String, after sequence: Int64, endpointIDs: [String], providers: [String], limit: Int) async throws -> [WebhookEventRecord] {
        throw PostgresStore.notPorted
    }

    public func insertWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func webhookSubscription(id: String, accountID: String) async throws -> WebhookSubscriptionRecord? {
        throw PostgresStore.notPorted
    }

    public func webhookSubscriptions(accountID: String, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        throw PostgresStore.notPorted
    }

    public func activeWebhookSubscriptions(accountID: String, endpointID: String?, provider: String) async throws -> [WebhookSubscriptionRecord] {
        throw PostgresStore.notPorted
    }

    public func updateWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func deleteWebhookSubscription(id: String, accountID: String) async throws {
        throw PostgresStore.notPorted
    }

    public func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func leaseWebhookDeliveries(owner: String, now: Millis, leaseUntil: Millis, limit: Int) async throws -> [WebhookDeliveryRecord] {
        throw PostgresStore.notPorted
    }

    public func finishWebhookAttempts(_ finished: [FinishedAttempt]) async throws {
        throw PostgresStore.notPorted
    }

    public func webhookDelivery(id: String, accountID: String) async throws -> WebhookDeliveryRecord? {
        throw PostgresStore.notPorted
    }

    public func webhookDeliveries(accountID: String, filter: WebhookDeliveryFilter, page: PageRequest) async throws -> Page<WebhookDeliveryRecord> {
        throw PostgresStore.notPorted
    }

    public func updateWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func webhookAttempts(deliveryID: String, accountID: String) async throws -> [WebhookAttemptRecord] {
        throw PostgresStore.notPorted
    }
}
