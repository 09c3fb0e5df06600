public import Foundation
import Logging
import PatchbayClock
import PatchbayEgress
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWebhookSchemes
public import PatchbayWire

/// The public side of webhooks: verify with the provider's scheme, answer handshakes, let the
/// plugin parse, deduplicate, and commit to the inbox before the sender hears 2xx.
public struct WebhookReceiver: Sendable {
    let store: any WebhookStore
    let registry: PluginRegistry
    let vault: Vault
    let settings: HostSettings
    let inbox: Inbox
    /// What received events and their push deliveries are stamped with.
    let clock: any HostClock
    let logger: Logger
    let counters = WebhookCounters()
    let keys = WebhookKeys()

    /// What to answer the provider.
    public struct Reply: Sendable, Equatable {
        public var body: JSONValue
        /// Events stored by this request (0 for handshakes and duplicates).
        public var stored: Int
        public var duplicates: Int
    }

    /// `headers` have lowercase names.
    public func receive(provider: String, endpointID: String, headers: [String: String], body: Data) async throws -> Reply {
        if settings.webhooks.acknowledgeOnly { return Reply(body: ["ok": true], stored: 0, duplicates: 0) }
        let notFound = ServiceError(.notFound, "endpoint_not_found", "no webhook endpoint \"\(endpointID)\" for \(provider)")
        guard let route = try await store.webhookRoute(endpointID: endpointID), route.endpoint.provider == provider,
              route.endpoint.status != .deleted, let sealed = route.endpoint.sealedSecret
        else { throw notFound }
        let endpoint = route.endpoint
        counters.received(provider: provider)
        guard endpoint.status == .active else {
            try await store.countWebhookReceipt(endpointID: endpoint.id, verified: false)
            ServiceMetrics.webhookRejected(provider: provider, reason: "endpoint_disabled")
            throw ServiceError(.conflict, "endpoint_disabled", "webhook endpoint \(endpointID) is disabled")
        }
        guard let connection = route.connection, connection.status == .active, let plugin = registry.plugin(provider), let spec = plugin.manifest.webhooks
        else { throw notFound }

        let secret: String
        do {
            secret = String(decoding: try vault.open(sealed, context: WebhookEndpointService.vaultContext(endpoint.id)), as: UTF8.self)
        } catch {
            logger.error("webhook endpoint secret cannot be opened", metadata: ["endpoint": "\(endpoint.id)", "reason": "\(error)"])
            throw ServiceError(.unavailable, "vault_error", "the endpoint's secret cannot be opened")
        }
        let verifier = WebhookVerifier(spec: spec, secret: secret, channelID: endpoint.channelID, resourceID: endpoint.resourceID,
                                       keys: keys)
        do {
            try verifier.verify(headers: headers, body: body)
        } catch {
            try await store.countWebhookReceipt(endpointID: endpoint.id, verified: false)
            ServiceMetrics.webhookRejected(provider: provider, reason: error.code)
            logger.notice("webhook refused", metadata: ["endpoint": "\(endpoint.id)", "reason": "\(error.code)"])
            throw ServiceError(.unauthenticated, error.code, error.message)
        }

        if let answer = verifier.handshakeReply(headers: headers, body: body) {
            try await store.countWebhookReceipt(endpointID: endpoint.id, verified: true)
            return Reply(body: answer, stored: 0, duplicates: 0)
        }
        let events: [WebhookEvent], text: String
        do {
            (events, text) = try await parse(plugin, connection: connection, headers: headers, body: body)
        } catch let error as ServiceError where error.code == "invalid_webhook" {
            // Empty, not UTF-8, or not what the provider sends: refused like a bad signature.
            try await store.countWebhookReceipt(endpointID: endpoint.id, verified: false)
            ServiceMetrics.webhookRejected(provider: provider, reason: "invalid_webhook")
            logger.notice("webhook refused", metadata: ["endpoint": "\(endpoint.id)", "reason": "invalid_webhook"])
            throw error
        }
        if events.isEmpty {
            try await store.countWebhookReceipt(endpointID: endpoint.id, verified: true)
            return Reply(body: ["ok": true], stored: 0, duplicates: 0)
        }

        let now = clock.wallMillis
        // This request's span: the events' push deliveries are its children (`WebhookDeliveryWorker`).
        let traceparent = TraceHeaders.currentTraceparent
        var stored = 0, duplicates = 0
        for parsed in Self.deduplicationIDs(events, spec: spec, headers: headers) {
            let event = WebhookEventRecord(
                id: IDs.make("evt"), accountID: endpoint.accountID, endpointID: endpoint.id, connectionID: connection.id,
                provider: provider, providerEventID: parsed.id, type: parsed.type, key: parsed.key, occurredAt: parsed.occurredAt,
                payload: parsed.payload, receivedAt: now, traceparent: traceparent)
            let inbound = InboundEvent(event: event, payloadText: parsed.payloadIsBody ? text : nil,
                                       deliveries: Self.pushDeliveries(route.subscriptions, key: parsed.key))
            switch try await inbox.add(inbound) {
            case .stored: stored += 1
            case .duplicate: duplicates += 1
            }
        }
        counters.events(provider: provider, stored: stored, duplicates: duplicates)
        return Reply(body: ["ok": true, "stored": .integer(Int64(stored)), "duplicates": .integer(Int64(duplicates))],
                     stored: stored, duplicates: duplicates)
    }

    /// Counts a delivery refused before it could be read (a body over the size limit) in the
    /// endpoint's `rejected` stats, when the endpoint exists for this provider.
    public func countRefused(provider: String, endpointID: String) async throws {
        guard let route = try await store.webhookRoute(endpointID: endpointID), route.endpoint.provider == provider,
              route.endpoint.status != .deleted
        else { return }
        try await store.countWebhookReceipt(endpointID: endpointID, verified: false)
        counters.received(provider: provider)
        ServiceMetrics.webhookRejected(provider: provider, reason: "body_too_large")
        logger.notice("webhook refused", metadata: ["endpoint": "\(endpointID)", "reason": "body_too_large"])
    }

    /// With an `id_header`, the delivery's id is what a redelivery is recognised by: the id of
    /// its one event, or the prefix of each event's id when a delivery holds several.
    static func deduplicationIDs(_ events: [WebhookEvent], spec: WebhookSpec, headers: [String: String]) -> [WebhookEvent] {
        guard let name = spec.verification.idHeader, let delivery = headers[name.lowercased()], !delivery.isEmpty else { return events }
        return events.map { event in
            var keyed = event
            keyed.id = events.count == 1 ? delivery : "\(delivery)/\(event.id)"
            return keyed
        }
    }

    /// A delivery job for each push subscription whose patterns match the event's key.
    static func pushDeliveries(_ subscriptions: [WebhookSubscriptionRecord], key: String) -> [(id: String, subscriptionID: String)] {
        subscriptions.filter { $0.mode == .push && EventPattern.matchesAny($0.patterns, key) }
            .map { (id: IDs.make("msg"), subscriptionID: $0.id) }
    }

    /// The plugin's events, and the body as text (the payload of events marked `payload_is_body`).
    private func parse(_ plugin: LoadedPlugin, connection: ConnectionRecord, headers: [String: String], body: Data) async throws
        -> (events: [WebhookEvent], text: String)
    {
        guard let text = String(data: body, encoding: .utf8) else {
            throw ServiceError(.badRequest, "invalid_webhook", "the body is not UTF-8 text")
        }
        let call = PluginCall(config: connection.config, webhook: InboundWebhook(headers: headers, body: text))
        switch await plugin.parseWebhook(call, context: .offline, timeout: settings.pluginTimeout) {
        case .success(let events):
            guard let events, events.allSatisfy({ !$0.id.isEmpty && !$0.key.isEmpty }) else {
                throw ServiceError(.upstreamFailed, "invalid_plugin_output", "the plugin returned events that do not decode")
            }
            // The body is stored as the payload as it is, so it must be JSON, whatever the plugin says.
            if events.contains(where: \.payloadIsBody), !WireCoding.isJSON(body) {
                throw ServiceError(.upstreamFailed, "invalid_plugin_output", "the plugin took a body that is not JSON as the payload")
            }
            return (events, text)
        case .failure(let error):
            if error.code == "invalid_webhook" { throw ServiceError(.badRequest, "invalid_webhook", error.message) }
            throw ServiceError(.upstreamFailed, "plugin_error", "the \(plugin.id) plugin could not parse the webhook: \(error.message)")
        }
    }
}
