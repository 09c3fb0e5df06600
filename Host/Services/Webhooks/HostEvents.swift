import Logging
import PatchbayStore
import PatchbayWire

/// Events the host itself puts in the webhook inbox beside the providers': a connection that
/// must be authorized again, and its recovery. They take the receiver's path into the inbox, so
/// subscribers to the connection's provider whose patterns match get them by push or pull.
struct HostEvents: Sendable {
    static let needsReauth = "patchbay.connection.needs_reauth"
    static let reauthorized = "patchbay.connection.reauthorized"

    let store: any Store
    let inbox: Inbox
    let logger: Logger

    /// `error` is the provider's reason, as stored on the connection.
    func connectionNeedsReauth(_ connection: ConnectionRecord, error: String) async {
        await emit(Self.needsReauth, connection, [
            "connection_id": .string(connection.id), "provider": .string(connection.provider), "error": .string(error),
        ])
    }

    func connectionReauthorized(_ connection: ConnectionRecord) async {
        await emit(Self.reauthorized, connection, [
            "connection_id": .string(connection.id), "provider": .string(connection.provider), "error": .null,
        ])
    }

    /// The connection's status is already stored when this runs; failing to record the event
    /// must not fail the caller's request too, so it is logged instead.
    private func emit(_ key: String, _ connection: ConnectionRecord, _ payload: JSONValue) async {
        do {
            let subscriptions = try await store.activeWebhookSubscriptions(accountID: connection.accountID, endpointID: nil,
                                                                           provider: connection.provider)
            let id = IDs.make("evt")
            let now = nowMillis()
            let event = WebhookEventRecord(
                id: id, accountID: connection.accountID, endpointID: nil, connectionID: connection.id, provider: connection.provider,
                providerEventID: id, type: key, key: key, occurredAt: WebhookEventPayload.isoTime(now), payload: payload,
                receivedAt: now)
            _ = try await inbox.add(InboundEvent(event: event, deliveries: WebhookReceiver.pushDeliveries(subscriptions, key: key)))
        } catch {
            logger.error("could not store a host event", metadata: ["key": "\(key)", "connection": "\(connection.id)",
                                                                   "error": "\(error)"])
        }
    }
}
