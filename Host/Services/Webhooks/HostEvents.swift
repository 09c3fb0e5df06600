import PatchbayClock
import PatchbayEgress
import PatchbayModel
import PatchbayStore
import PatchbayWire

/// Events the host itself puts in the webhook inbox beside the providers': a connection that
/// must be authorized again, and its recovery. Subscribers to the connection's provider whose
/// patterns match get them by push or pull.
///
/// The service that changes the connection's status stores the event built here in the same
/// transaction (`ConnectionEventStore`), then calls `committed(_:)`: no status change is kept
/// without its event, and no event without its change.
struct HostEvents: Sendable {
    static let needsReauth = "patchbay.connection.needs_reauth"
    static let reauthorized = "patchbay.connection.reauthorized"

    let store: any WebhookStore
    let notifier: any Notifier
    /// What the events are stamped with, so their deliveries are due on the worker's clock.
    let clock: any HostClock

    /// `error` is the provider's reason, as stored on the connection.
    func needsReauth(_ connection: ConnectionRecord, error: String) async throws -> InboundEvent {
        try await event(Self.needsReauth, connection, [
            "connection_id": .string(connection.id), "provider": .string(connection.provider), "error": .string(error),
        ])
    }

    func reauthorized(_ connection: ConnectionRecord) async throws -> InboundEvent {
        try await event(Self.reauthorized, connection, [
            "connection_id": .string(connection.id), "provider": .string(connection.provider), "error": .null,
        ])
    }

    /// Wakes pull readers and the delivery worker once an event is on disk.
    func committed(_ event: InboundEvent) async {
        await notifier.announce(event)
    }

    private func event(_ key: String, _ connection: ConnectionRecord, _ payload: JSONValue) async throws -> InboundEvent {
        let subscriptions = try await store.activeWebhookSubscriptions(accountID: connection.accountID, endpointID: nil,
                                                                       provider: connection.provider)
        let id = IDs.make("evt")
        let now = clock.wallMillis
        let event = WebhookEventRecord(
            id: id, accountID: connection.accountID, endpointID: nil, connectionID: connection.id, provider: connection.provider,
            providerEventID: id, type: key, key: key, occurredAt: WebhookEventPayload.isoTime(now), payload: payload,
            receivedAt: now, traceparent: TraceHeaders.currentTraceparent)
        return InboundEvent(event: event, deliveries: WebhookReceiver.pushDeliveries(subscriptions, key: key))
    }
}
