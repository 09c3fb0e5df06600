public import PatchbayModel

/// What the webhook inbox and its delivery jobs keep. Tenant reads take the account id; the
/// receiver's endpoint lookup and the delivery worker's leasing are the host's own and do not.
public protocol WebhookStore: Sendable {
    // Endpoints
    func insertWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws
    func webhookEndpoint(id: String, accountID: String) async throws -> WebhookEndpointRecord?
    /// For the public receiver, which knows no account yet: the endpoint, its connection and the
    /// subscriptions an event would fan out to, in one read.
    func webhookRoute(endpointID: String) async throws -> WebhookRoute?
    func webhookEndpoints(accountID: String, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord>
    func updateWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws
    /// All zero when the account has no such endpoint.
    func webhookEndpointStats(id: String, accountID: String) async throws -> WebhookEndpointStats
    /// Counts a request that reached the endpoint but stored nothing: refused, or a handshake.
    /// By endpoint id alone, as `webhookRoute`: the receiver writes it before any account is known.
    func countWebhookReceipt(endpointID: String, verified: Bool) async throws

    // The inbox
    /// Commits the events, their deliveries and the endpoint counters in one transaction.
    /// An event whose (endpoint, provider event id) is already stored is a duplicate and writes nothing.
    func storeInboundEvents(_ batch: [InboundEvent]) async throws -> [InboundOutcome]
    /// `storeInboundEvents`, and each stored event's `announcements` told to `notifier` once it
    /// is committed (a duplicate announces nothing). A store whose commit can carry the
    /// notifications itself sends them in the events' transaction; by default they follow it.
    func storeInboundEvents(_ batch: [InboundEvent], announcingTo notifier: any Notifier) async throws -> [InboundOutcome]
    func webhookEvent(id: String, accountID: String) async throws -> WebhookEventRecord?
    func webhookEvents(accountID: String, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord>
    /// Events after `sequence`, oldest first, from the given endpoints or providers.
    func webhookEvents(accountID: String, after sequence: Int64, endpointIDs: [String], providers: [String], limit: Int)
        async throws -> [WebhookEventRecord]

    // Subscriptions
    func insertWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws
    func webhookSubscription(id: String, accountID: String) async throws -> WebhookSubscriptionRecord?
    func webhookSubscriptions(accountID: String, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord>
    /// Active subscriptions to this endpoint or to its provider (only the provider's, without an endpoint).
    func activeWebhookSubscriptions(accountID: String, endpointID: String?, provider: String) async throws -> [WebhookSubscriptionRecord]
    func updateWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws
    /// Removes the subscription; its unfinished deliveries become dead letters.
    func deleteWebhookSubscription(id: String, accountID: String) async throws

    // Deliveries
    func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws
    /// Leases up to `limit` deliveries that are due (or whose lease ran out) to `owner` until `leaseUntil`.
    func leaseWebhookDeliveries(owner: String, now: Millis, leaseUntil: Millis, limit: Int) async throws -> [WebhookDeliveryRecord]
    /// Records attempts and their deliveries' new states in one transaction; a delivery changes
    /// only while `delivery.leaseOwner` still holds its lease.
    func finishWebhookAttempts(_ finished: [FinishedAttempt]) async throws
    func webhookDelivery(id: String, accountID: String) async throws -> WebhookDeliveryRecord?
    func webhookDeliveries(accountID: String, filter: WebhookDeliveryFilter, page: PageRequest) async throws -> Page<WebhookDeliveryRecord>
    func updateWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws
    /// Oldest first; empty when the account has no such delivery.
    func webhookAttempts(deliveryID: String, accountID: String) async throws -> [WebhookAttemptRecord]
}

extension WebhookStore {
    public func storeInboundEvents(_ batch: [InboundEvent], announcingTo notifier: any Notifier) async throws -> [InboundOutcome] {
        try await storeInboundEventsThenAnnounce(batch, to: notifier)
    }

    /// The default of `storeInboundEvents(_:announcingTo:)`: the commit, then one notification
    /// per announcement of each stored event.
    public func storeInboundEventsThenAnnounce(_ batch: [InboundEvent], to notifier: any Notifier) async throws -> [InboundOutcome] {
        let outcomes = try await storeInboundEvents(batch)
        for (item, outcome) in zip(batch, outcomes) where outcome == .stored {
            await notifier.announce(item)
        }
        return outcomes
    }
}
