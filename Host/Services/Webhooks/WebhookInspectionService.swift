import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayStore
import PatchbayWire

/// The operator's view of the inbox and the delivery jobs, and the manual levers: retry a
/// dead letter, replay a stored event. Everything here needs the `admin` scope.
public struct WebhookInspectionService: Sendable {
    let store: any WebhookStore
    let notifier: any Notifier
    /// When a retried or replayed delivery is due.
    let clock: any HostClock

    public struct DeliveryDetail: Sendable {
        public var delivery: WebhookDeliveryRecord
        public var attempts: [WebhookAttemptRecord]
    }

    public func stats(principal: Principal, endpointID: String) async throws -> (WebhookEndpointRecord, WebhookEndpointStats) {
        try principal.require(.admin)
        guard let endpoint = try await store.webhookEndpoint(id: endpointID, accountID: principal.accountID) else {
            throw ServiceError.notFound("webhook endpoint", endpointID)
        }
        return (endpoint, try await store.webhookEndpointStats(id: endpointID, accountID: principal.accountID))
    }

    public func events(principal: Principal, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord> {
        try principal.require(.admin)
        return try await store.webhookEvents(accountID: principal.accountID, filter: filter, page: page)
    }

    public func event(principal: Principal, id: String) async throws -> WebhookEventRecord {
        try principal.require(.admin)
        return try await ownedEvent(principal, id)
    }

    public func deliveries(principal: Principal, filter: WebhookDeliveryFilter, page: PageRequest) async throws
        -> Page<WebhookDeliveryRecord>
    {
        try principal.require(.admin)
        return try await store.webhookDeliveries(accountID: principal.accountID, filter: filter, page: page)
    }

    public func delivery(principal: Principal, id: String) async throws -> DeliveryDetail {
        try principal.require(.admin)
        let delivery = try await ownedDelivery(principal, id)
        return DeliveryDetail(delivery: delivery, attempts: try await store.webhookAttempts(deliveryID: id, accountID: principal.accountID))
    }

    /// Sends a dead (or still pending) delivery again now, with a fresh schedule and the same `webhook-id`.
    public func retry(principal: Principal, deliveryID: String) async throws -> WebhookDeliveryRecord {
        try principal.require(.admin)
        var delivery = try await ownedDelivery(principal, deliveryID)
        switch delivery.status {
        case .succeeded:
            throw ServiceError(.conflict, "delivery_succeeded", "delivery \(deliveryID) succeeded; replay the event to send it again")
        case .delivering:
            throw ServiceError(.conflict, "delivery_in_progress", "delivery \(deliveryID) is being attempted right now")
        case .pending, .dead:
            guard try await store.webhookSubscription(id: delivery.subscriptionID, accountID: principal.accountID) != nil else {
                throw ServiceError(.conflict, "subscription_deleted", "the subscription of delivery \(deliveryID) was deleted")
            }
            let now = clock.wallMillis
            delivery.status = .pending
            delivery.attempts = 0
            delivery.nextAttemptAt = now
            delivery.updatedAt = now
            try await store.updateWebhookDelivery(delivery)
            await notifier.notify(.deliveriesDue)
            return delivery
        }
    }

    /// Queues a stored event again for one push subscription, or for every active push
    /// subscription that matches it. A replay is a new message with its own `webhook-id`, so
    /// a receiver that deduplicates still processes it.
    public func replay(principal: Principal, eventID: String, subscriptionID: String?) async throws -> [WebhookDeliveryRecord] {
        try principal.require(.admin)
        let event = try await ownedEvent(principal, eventID)
        var targets: [WebhookSubscriptionRecord]
        if let subscriptionID {
            guard let subscription = try await store.webhookSubscription(id: subscriptionID, accountID: principal.accountID) else {
                throw ServiceError.notFound("webhook subscription", subscriptionID)
            }
            guard subscription.mode == .push else {
                throw ServiceError(.conflict, "not_push", "pull subscribers re-read events with an earlier cursor")
            }
            targets = [subscription]
        } else {
            targets = try await store.activeWebhookSubscriptions(accountID: principal.accountID, endpointID: event.endpointID,
                                                                 provider: event.provider)
                .filter { $0.mode == .push && EventPattern.matchesAny($0.patterns, event.key) }
        }
        let now = clock.wallMillis
        var created: [WebhookDeliveryRecord] = []
        for subscription in targets {
            let delivery = WebhookDeliveryRecord(
                id: IDs.make("msg"), accountID: principal.accountID, subscriptionID: subscription.id, eventID: event.id,
                status: .pending, attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now)
            try await store.insertWebhookDelivery(delivery)
            created.append(delivery)
        }
        await notifier.notify(.deliveriesDue)
        return created
    }

    private func ownedEvent(_ principal: Principal, _ id: String) async throws -> WebhookEventRecord {
        guard let event = try await store.webhookEvent(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("webhook event", id)
        }
        return event
    }

    private func ownedDelivery(_ principal: Principal, _ id: String) async throws -> WebhookDeliveryRecord {
        guard let delivery = try await store.webhookDelivery(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("webhook delivery", id)
        }
        return delivery
    }
}
