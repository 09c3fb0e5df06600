import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Agents' subscriptions to webhook events, and the pull side of delivery.
///
/// A subscription belongs to one of the account's agents; deleting the agent deletes its subscriptions.
public struct WebhookSubscriptionService: Sendable {
    let store: any AgentStore & WebhookStore
    let registry: PluginRegistry
    let vault: Vault
    /// Pull requests wait on new events; a resumed subscription wakes the delivery worker.
    let notifier: any Notifier
    let targets: WebhookTargetPolicy
    /// Subscriptions' and their secrets' times, which deliveries are signed against, and the pull wait.
    let clock: any HostClock

    public struct Draft: Sendable {
        public var agentID: String?
        public var endpointID: String?
        public var provider: String?
        public var events: [String]?
        public var mode: WebhookSubscriptionRecord.Mode?
        public var url: String?

        public init(agentID: String?, endpointID: String?, provider: String?, events: [String]?,
                    mode: WebhookSubscriptionRecord.Mode?, url: String?) {
            self.agentID = agentID
            self.endpointID = endpointID
            self.provider = provider
            self.events = events
            self.mode = mode
            self.url = url
        }
    }

    /// A subscription with its signing secret where one was just made: shown this once.
    public struct WithSecret: Sendable {
        public var subscription: WebhookSubscriptionRecord
        public var secret: String?
    }

    /// A page of pulled events and the cursor to pass next time.
    public struct Pulled: Sendable {
        public var events: [WebhookEventRecord]
        public var cursor: String
    }

    static let maxWait: Duration = .seconds(30)
    /// How long the previous secret stays valid after a rotation, unless the caller says otherwise.
    static let defaultOverlap: Duration = .seconds(86_400)

    public func create(principal: Principal, _ draft: Draft) async throws -> WithSecret {
        try principal.require(.integrationsWrite)
        let agentID = try await ownedAgent(principal, draft.agentID)
        switch (draft.endpointID, draft.provider) {
        case (nil, nil), (.some, .some):
            throw ServiceError.validation("give exactly one of endpoint_id and provider", field: "endpoint_id")
        case (let endpointID?, nil):
            guard let endpoint = try await store.webhookEndpoint(id: endpointID, accountID: principal.accountID),
                  endpoint.status != .deleted
            else { throw ServiceError.notFound("webhook endpoint", endpointID) }
        case (nil, let provider?):
            guard registry.plugin(provider)?.manifest.webhooks != nil else {
                throw ServiceError(.badRequest, "unknown_provider", "no provider \"\(provider)\" that sends webhooks", field: "provider")
            }
        }
        let patterns = try (draft.events ?? []).enumerated().map { index, text in
            guard let pattern = EventPattern(text) else {
                throw ServiceError.validation("events[\(index)] must be an event key pattern such as crm.contact.*",
                                              field: "events[\(index)]")
            }
            return pattern.text
        }
        let mode = draft.mode ?? (draft.url == nil ? .pull : .push)
        var url: String?
        switch mode {
        case .push:
            guard let given = draft.url else { throw ServiceError.validation("url is required for push delivery", field: "url") }
            try ControlCharacters.refuse(in: given, field: "url")
            try await targets.validate(given)
            url = given
        case .pull:
            if draft.url != nil { throw ServiceError.validation("url applies only to push delivery", field: "url") }
        }
        let id = IDs.make("wsub")
        let now = clock.wallMillis
        var secret: String?
        var sealed: String?
        if mode == .push {
            let made = StandardWebhooks.makeSecret()
            secret = made
            sealed = try SubscriptionSecrets(current: made).seal(vault, subscriptionID: id)
        }
        let record = WebhookSubscriptionRecord(
            id: id, accountID: principal.accountID, agentID: agentID, endpointID: draft.endpointID, provider: draft.provider,
            patterns: patterns, mode: mode, url: url, sealedSecrets: sealed, status: .active, disabledReason: nil,
            createdAt: now, updatedAt: now)
        try await store.insertWebhookSubscription(record)
        return WithSecret(subscription: record, secret: secret)
    }

    public func get(principal: Principal, id: String) async throws -> WebhookSubscriptionRecord {
        try principal.require(.integrationsRead)
        return try await owned(principal, id)
    }

    public func list(principal: Principal, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        try principal.require(.integrationsRead)
        return try await store.webhookSubscriptions(accountID: principal.accountID, agentID: agentID, page: page)
    }

    public func delete(principal: Principal, id: String) async throws {
        try principal.require(.integrationsWrite)
        _ = try await owned(principal, id)
        try await store.deleteWebhookSubscription(id: id, accountID: principal.accountID)
    }

    /// Resumes a subscription that a 410 (or its owner) stopped; its held deliveries go out again.
    public func enable(principal: Principal, id: String) async throws -> WebhookSubscriptionRecord {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        record.status = .active
        record.disabledReason = nil
        record.updatedAt = clock.wallMillis
        try await store.updateWebhookSubscription(record)
        await notifier.notify(.deliveriesDue)
        return record
    }

    /// A new signing secret, shown once. The old one keeps signing alongside it for `overlap`,
    /// so the agent can switch without missing a delivery.
    public func rotateSecret(principal: Principal, id: String, overlap: Duration?) async throws -> WithSecret {
        try principal.require(.integrationsWrite)
        var record = try await owned(principal, id)
        guard record.mode == .push, let sealed = record.sealedSecrets else {
            throw ServiceError(.conflict, "not_push", "only push subscriptions have a signing secret")
        }
        let overlap = overlap ?? Self.defaultOverlap
        guard overlap >= .zero, overlap <= .seconds(7 * 86_400) else {
            throw ServiceError.validation("overlap_seconds must be from 0 to 604800", field: "overlap_seconds")
        }
        let old = try openSecrets(sealed, id: record.id)
        let made = StandardWebhooks.makeSecret()
        let now = clock.wallMillis
        let secrets = SubscriptionSecrets(current: made, previous: old.current, previousExpiresAt: now + Int64(overlap / .milliseconds(1)))
        record.sealedSecrets = try secrets.seal(vault, subscriptionID: record.id)
        record.updatedAt = now
        try await store.updateWebhookSubscription(record)
        return WithSecret(subscription: record, secret: made)
    }

    /// The agent's events after `cursor`, oldest first, from its pull subscriptions. With `wait`,
    /// an empty answer is held until an event arrives or the wait is over (long-poll).
    public func pull(principal: Principal, agentID: String, cursor: String?, limit: Int, wait: Duration) async throws -> Pulled {
        try principal.require(.integrationsRead)
        var after: Int64 = 0
        if let cursor {
            guard let parsed = Int64(cursor), parsed >= 0 else {
                throw ServiceError(.badRequest, "invalid_cursor", "cursor is not one this API issued", field: "cursor")
            }
            after = parsed
        }
        guard wait >= .zero, wait <= Self.maxWait else {
            throw ServiceError.validation("wait must be from 0 to 30 seconds", field: "wait")
        }
        _ = try await ownedAgent(principal, agentID)
        let subscriptions = try await store.webhookSubscriptions(accountID: principal.accountID, agentID: agentID,
                                                                 page: PageRequest(limit: 500))
            .items.filter { $0.mode == .pull && $0.status == .active }
        guard !subscriptions.isEmpty else {
            throw ServiceError(.notFound, "not_found", "agent \"\(agentID)\" has no pull subscriptions")
        }
        let deadline = clock.now + wait
        // Listening before the first read: an event stored between a read and the wait still wakes it.
        let stored = notifier.listen(.webhookEvents(accountID: principal.accountID))
        defer { stored.cancel() }
        while true {
            let pulled = try await scan(principal: principal, subscriptions: subscriptions, after: after, limit: limit)
            if !pulled.events.isEmpty || clock.now >= deadline { return pulled }
            after = Int64(pulled.cursor) ?? after
            // Woken by any event of the account; the next read says whether one is for this agent.
            _ = await stored.wait(until: deadline, on: clock)
            try Task.checkCancellation()
        }
    }

    /// Reads past events no subscription wants, so the cursor moves over them too.
    private func scan(principal: Principal, subscriptions: [WebhookSubscriptionRecord], after: Int64, limit: Int) async throws -> Pulled {
        let endpointIDs = subscriptions.compactMap(\.endpointID)
        let providers = subscriptions.compactMap(\.provider)
        var position = after
        var events: [WebhookEventRecord] = []
        let window = 500
        while events.count < limit {
            let rows = try await store.webhookEvents(accountID: principal.accountID, after: position, endpointIDs: endpointIDs,
                                                     providers: providers, limit: window)
            for row in rows {
                let wanted = subscriptions.contains { subscription in
                    ((row.endpointID != nil && subscription.endpointID == row.endpointID) || subscription.provider == row.provider)
                        && EventPattern.matchesAny(subscription.patterns, row.key)
                }
                if wanted { events.append(row) }
                position = row.sequence
                if events.count == limit { break }
            }
            if rows.count < window { break }
        }
        return Pulled(events: events, cursor: String(position))
    }

    func owned(_ principal: Principal, _ id: String) async throws -> WebhookSubscriptionRecord {
        guard let record = try await store.webhookSubscription(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("webhook subscription", id)
        }
        return record
    }

    private func openSecrets(_ sealed: String, id: String) throws -> SubscriptionSecrets {
        do {
            return try SubscriptionSecrets.open(sealed, vault: vault, subscriptionID: id)
        } catch {
            throw ServiceError(.unavailable, "vault_error", "the subscription's secret cannot be opened")
        }
    }

    /// The id of one of the caller's agents; another account's agent answers as if it did not exist.
    private func ownedAgent(_ principal: Principal, _ agentID: String?) async throws -> String {
        guard let agentID, !agentID.isEmpty else { throw ServiceError.validation("agent_id is required", field: "agent_id") }
        guard try await store.agent(id: agentID, accountID: principal.accountID) != nil else {
            var error = ServiceError.notFound("agent", agentID)
            error.field = "agent_id"
            throw error
        }
        return agentID
    }
}
