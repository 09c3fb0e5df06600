import Foundation
public import PatchbayModel
public import PatchbayWire

/// How a stored event looks to agents, pushed or pulled, and to operators inspecting the inbox.
public enum WebhookEventPayload {
    public static func json(_ event: WebhookEventRecord) -> JSONValue {
        [
            "id": .string(event.id),
            "type": .string(event.key),
            "provider": .string(event.provider),
            "provider_event_type": .string(event.type),
            "provider_event_id": .string(event.providerEventID),
            "endpoint_id": event.endpointID.map(JSONValue.string) ?? .null,
            "connection_id": .string(event.connectionID),
            "occurred_at": event.occurredAt.map(JSONValue.string) ?? .null,
            "received_at": .string(isoTime(event.receivedAt)),
            "sequence": .integer(event.sequence),
            "data": event.payload,
        ]
    }

    public static func isoTime(_ millis: Millis) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
