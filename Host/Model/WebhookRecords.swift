import Foundation
public import PatchbayWire

/// Where one connection's provider sends its webhooks: `/hooks/{provider}/{id}`.
public struct WebhookEndpointRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case active
        case disabled
        /// Deleted by its owner: the secret is purged and the receiver refuses it for good.
        case deleted
    }

    public var id: String
    public var accountID: String
    public var connectionID: String
    public var provider: String
    public var status: Status
    /// The signing secret or channel token, sealed by the vault. Nil once deleted.
    public var sealedSecret: String?
    /// Push channels: the channel and resource ids the notifications must name.
    public var channelID: String?
    public var resourceID: String?
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, connectionID: String, provider: String, status: Status, sealedSecret: String?,
                channelID: String?, resourceID: String?, createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.connectionID = connectionID
        self.provider = provider
        self.status = status
        self.sealedSecret = sealedSecret
        self.channelID = channelID
        self.resourceID = resourceID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What the receiver has seen on one endpoint.
public struct WebhookEndpointStats: Sendable, Equatable {
    public var received: Int
    public var verified: Int
    public var rejected: Int
    public var duplicates: Int
    public var lastEventAt: Millis?

    public init(received: Int = 0, verified: Int = 0, rejected: Int = 0, duplicates: Int = 0, lastEventAt: Millis? = nil) {
        self.received = received
        self.verified = verified
        self.rejected = rejected
        self.duplicates = duplicates
        self.lastEventAt = lastEventAt
    }
}

/// A verified, parsed provider event, or an event of the host itself, as kept in the inbox.
/// `sequence` orders the inbox and is what pull cursors point at.
public struct WebhookEventRecord: Sendable, Equatable {
    public var sequence: Int64
    public var id: String
    public var accountID: String
    /// Nil for host events (`patchbay.*`), which no endpoint received.
    public var endpointID: String?
    public var connectionID: String
    public var provider: String
    /// The provider's id for the event: the deduplication key within an endpoint.
    public var providerEventID: String
    public var type: String
    public var key: String
    public var occurredAt: String?
    public var payload: JSONValue
    public var receivedAt: Millis
    /// The W3C `traceparent` of the span that stored the event (the request that brought it),
    /// so that its push deliveries, on whichever replica, join that trace. Nil when tracing was
    /// off: an identifier of a span, never anything of the event's content.
    public var traceparent: String?

    public init(sequence: Int64 = 0, id: String, accountID: String, endpointID: String?, connectionID: String, provider: String,
                providerEventID: String, type: String, key: String, occurredAt: String?, payload: JSONValue, receivedAt: Millis,
                traceparent: String? = nil) {
        self.sequence = sequence
        self.id = id
        self.accountID = accountID
        self.endpointID = endpointID
        self.connectionID = connectionID
        self.provider = provider
        self.providerEventID = providerEventID
        self.type = type
        self.key = key
        self.occurredAt = occurredAt
        self.payload = payload
        self.receivedAt = receivedAt
        self.traceparent = traceparent
    }
}

/// An agent's interest in an endpoint's or a provider's events, delivered by push or pull.
public struct WebhookSubscriptionRecord: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case push
        case pull
    }

    public enum Status: String, Sendable, CaseIterable {
        case active
        /// Stopped by the agent's URL answering 410, or by its owner; enabling resumes it.
        case disabled
    }

    public var id: String
    public var accountID: String
    /// The subscriber. Opaque to the webhooks feature: any id the account chooses for its agent.
    public var agentID: String
    /// Exactly one of `endpointID` and `provider` is set.
    public var endpointID: String?
    public var provider: String?
    /// Event key patterns (`crm.contact.*`); empty means every event.
    public var patterns: [String]
    public var mode: Mode
    public var url: String?
    /// Push only: the signing secrets, sealed by the vault.
    public var sealedSecrets: String?
    public var status: Status
    public var disabledReason: String?
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, agentID: String, endpointID: String?, provider: String?, patterns: [String],
                mode: Mode, url: String?, sealedSecrets: String?, status: Status, disabledReason: String?,
                createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.agentID = agentID
        self.endpointID = endpointID
        self.provider = provider
        self.patterns = patterns
        self.mode = mode
        self.url = url
        self.sealedSecrets = sealedSecrets
        self.status = status
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One event owed to one push subscription. Its id is the Standard Webhooks `webhook-id`,
/// the same on every attempt.
public struct WebhookDeliveryRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case pending
        /// Leased by a worker until `leaseExpiresAt`; a crashed worker's lease runs out and
        /// the delivery is picked up again.
        case delivering
        case succeeded
        /// The retry schedule is exhausted, or the subscription is gone: a dead letter.
        case dead
    }

    public var id: String
    public var accountID: String
    public var subscriptionID: String
    public var eventID: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Millis
    public var leaseOwner: String?
    public var leaseExpiresAt: Millis?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, subscriptionID: String, eventID: String, status: Status, attempts: Int,
                nextAttemptAt: Millis, leaseOwner: String? = nil, leaseExpiresAt: Millis? = nil, lastStatusCode: Int? = nil,
                lastError: String? = nil, createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One try at a delivery: what the agent's URL answered and how long it took.
public struct WebhookAttemptRecord: Sendable, Equatable {
    public var id: String
    public var deliveryID: String
    public var attemptedAt: Millis
    public var durationMs: Int
    public var statusCode: Int?
    public var error: String?

    public init(id: String, deliveryID: String, attemptedAt: Millis, durationMs: Int, statusCode: Int?, error: String?) {
        self.id = id
        self.deliveryID = deliveryID
        self.attemptedAt = attemptedAt
        self.durationMs = durationMs
        self.statusCode = statusCode
        self.error = error
    }
}

/// The end of one attempt: the delivery's new state, the attempt for its history, and
/// whether the agent's answer stops the subscription (a 410).
public struct FinishedAttempt: Sendable {
    public var delivery: WebhookDeliveryRecord
    public var attempt: WebhookAttemptRecord
    public var disableSubscription: String?

    public init(delivery: WebhookDeliveryRecord, attempt: WebhookAttemptRecord, disableSubscription: String?) {
        self.delivery = delivery
        self.attempt = attempt
        self.disableSubscription = disableSubscription
    }
}

/// A verified event on its way into the inbox, with the push subscriptions it fans out to.
public struct InboundEvent: Sendable {
    public var event: WebhookEventRecord
    /// The payload exactly as it is to be stored, when the caller holds it as JSON text already
    /// (a webhook's body that is its own payload); `event.payload` is not read then.
    public var payloadText: String?
    /// (delivery id, subscription id) for each matching push subscription.
    public var deliveries: [(id: String, subscriptionID: String)]

    public init(event: WebhookEventRecord, payloadText: String? = nil, deliveries: [(id: String, subscriptionID: String)]) {
        self.event = event
        self.payloadText = payloadText
        self.deliveries = deliveries
    }
}

/// What the public receiver needs to take a request for an endpoint, read together.
public struct WebhookRoute: Sendable {
    public var endpoint: WebhookEndpointRecord
    /// Nil when the endpoint's connection is gone.
    public var connection: ConnectionRecord?
    /// Active subscriptions to the endpoint or to its provider.
    public var subscriptions: [WebhookSubscriptionRecord]

    public init(endpoint: WebhookEndpointRecord, connection: ConnectionRecord?, subscriptions: [WebhookSubscriptionRecord]) {
        self.endpoint = endpoint
        self.connection = connection
        self.subscriptions = subscriptions
    }
}

/// How the inbox took an inbound event.
public enum InboundOutcome: Sendable, Equatable {
    case stored
    /// The endpoint already holds an event with this provider id: nothing was written.
    case duplicate
}

public struct WebhookEventFilter: Sendable {
    public var endpointID: String?
    public var provider: String?
    public var key: String?

    public init(endpointID: String? = nil, provider: String? = nil, key: String? = nil) {
        self.endpointID = endpointID
        self.provider = provider
        self.key = key
    }
}

public struct WebhookDeliveryFilter: Sendable {
    public var subscriptionID: String?
    public var eventID: String?
    public var status: WebhookDeliveryRecord.Status?

    public init(subscriptionID: String? = nil, eventID: String? = nil, status: WebhookDeliveryRecord.Status? = nil) {
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.status = status
    }
}
