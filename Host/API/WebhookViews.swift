import Foundation
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// How webhook records look to API clients. Secrets appear only in the one response that
/// creates or rotates them, added by the route, never here.
extension Views {
    static func webhookEndpoint(_ record: WebhookEndpointRecord, url: String?) -> JSONValue {
        [
            "id": .string(record.id),
            "connection_id": .string(record.connectionID),
            "provider": .string(record.provider),
            "status": .string(record.status.rawValue),
            "url": url.map(JSONValue.string) ?? .null,
            "channel_id": record.channelID.map(JSONValue.string) ?? .null,
            "resource_id": record.resourceID.map(JSONValue.string) ?? .null,
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func webhookStats(_ record: WebhookEndpointRecord, _ stats: WebhookEndpointStats) -> JSONValue {
        [
            "endpoint_id": .string(record.id),
            "status": .string(record.status.rawValue),
            "received": .integer(Int64(stats.received)),
            "verified": .integer(Int64(stats.verified)),
            "rejected": .integer(Int64(stats.rejected)),
            "duplicates": .integer(Int64(stats.duplicates)),
            "last_event_at": time(stats.lastEventAt),
        ]
    }

    static func webhookSubscription(_ record: WebhookSubscriptionRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "agent_id": .string(record.agentID),
            "endpoint_id": record.endpointID.map(JSONValue.string) ?? .null,
            "provider": record.provider.map(JSONValue.string) ?? .null,
            "events": .array(record.patterns.map(JSONValue.string)),
            "delivery": .string(record.mode.rawValue),
            "url": record.url.map(JSONValue.string) ?? .null,
            "status": .string(record.status.rawValue),
            "disabled_reason": record.disabledReason.map(JSONValue.string) ?? .null,
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func webhookDelivery(_ record: WebhookDeliveryRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "subscription_id": .string(record.subscriptionID),
            "event_id": .string(record.eventID),
            "status": .string(record.status.rawValue),
            "attempts": .integer(Int64(record.attempts)),
            "next_attempt_at": record.status == .pending ? time(record.nextAttemptAt) : .null,
            "last_status_code": record.lastStatusCode.map { .integer(Int64($0)) } ?? .null,
            "last_error": record.lastError.map(JSONValue.string) ?? .null,
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func webhookAttempt(_ record: WebhookAttemptRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "attempted_at": time(record.attemptedAt),
            "duration_ms": .integer(Int64(record.durationMs)),
            "status_code": record.statusCode.map { .integer(Int64($0)) } ?? .null,
            "error": record.error.map(JSONValue.string) ?? .null,
        ]
    }
}
