import Foundation
import GRDB
import PatchbayClock
public import PatchbayModel
import PatchbayWire

extension SQLiteStore {
    // MARK: Endpoints

    public func insertWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_endpoints (id, account_id, connection_id, provider, status, sealed_secret, channel_id,
                        resource_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [endpoint.id, endpoint.accountID, endpoint.connectionID, endpoint.provider, endpoint.status.rawValue,
                            endpoint.sealedSecret, endpoint.channelID, endpoint.resourceID, endpoint.createdAt, endpoint.updatedAt])
        }
    }

    public func webhookEndpoint(id: String, accountID: String) async throws -> WebhookEndpointRecord? {
        try lookup { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoints WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.webhookEndpoint)
        }
    }

    public func webhookRoute(endpointID: String) async throws -> WebhookRoute? {
        try lookup { db in
            guard let endpoint = try Self.first(db.cachedStatement(sql: "SELECT * FROM webhook_endpoints WHERE id = ?"), [endpointID], Self.webhookEndpoint)
            else { return nil }
            let connection = try Self.first(db.cachedStatement(sql: "SELECT * FROM connections WHERE id = ? AND account_id = ?"), [endpoint.connectionID, endpoint.accountID], Self.connection)
            return WebhookRoute(endpoint: endpoint, connection: connection, subscriptions: try Self.activeWebhookSubscriptions(
                db, accountID: endpoint.accountID, endpointID: endpoint.id, provider: endpoint.provider))
        }
    }

    public func webhookEndpoints(accountID: String, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord> {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let connectionID { conditions.append("connection_id = ?"); arguments += [connectionID] }
        return try await self.page(table: "webhook_endpoints", conditions: conditions, arguments: arguments, page: page,
                                   decode: Self.webhookEndpoint, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_endpoints SET status = ?, sealed_secret = ?, channel_id = ?, resource_id = ?, updated_at = ?
                    WHERE id = ? AND account_id = ?
                    """,
                arguments: [endpoint.status.rawValue, endpoint.sealedSecret, endpoint.channelID, endpoint.resourceID,
                            endpoint.updatedAt, endpoint.id, endpoint.accountID])
        }
    }

    public func webhookEndpointStats(id: String, accountID: String) async throws -> WebhookEndpointStats {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoints WHERE id = ? AND account_id = ?",
                                             arguments: [id, accountID]) else {
                return WebhookEndpointStats()
            }
            return WebhookEndpointStats(received: row["received"], verified: row["verified"], rejected: row["rejected"],
                                        duplicates: row["duplicates"], lastEventAt: row["last_event_at"])
        }
    }

    public func countWebhookReceipt(endpointID: String, verified: Bool) async throws {
        let column = verified ? "verified" : "rejected"
        try await write { db in
            try db.execute(sql: "UPDATE webhook_endpoints SET received = received + 1, \(column) = \(column) + 1 WHERE id = ?",
                           arguments: [endpointID])
        }
    }

    // MARK: Inbox

    public func storeInboundEvents(_ batch: [InboundEvent]) async throws -> [InboundOutcome] {
        let payloads = try batch.map(Self.payloadText)
        return try await write { db in
            try zip(batch, payloads).map { item, payload in try Self.storeInboundEvent(db, item, payload: payload) }
        }
    }

    static func payloadText(_ item: InboundEvent) throws -> String {
        try item.payloadText ?? text(item.event.payload)
    }

    /// `payload` is the event's payload as stored text (`payloadText(item)`).
    static func storeInboundEvent(_ db: Database, _ item: InboundEvent, payload: String) throws -> InboundOutcome {
        let event = item.event
        // Cached statements: the inbox runs these for every event, so they are compiled once per connection.
        try db.cachedStatement(sql: """
            INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
                occurred_at, payload, received_at, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (endpoint_id, provider_event_id) DO NOTHING
            """).execute(arguments: [event.id, event.accountID, event.endpointID, event.connectionID, event.provider,
                                     event.providerEventID, event.type, event.key, event.occurredAt, payload,
                                     event.receivedAt, event.traceparent])
        guard db.changesCount == 1 else {
            try db.cachedStatement(sql: "UPDATE webhook_endpoints SET received = received + 1, verified = verified + 1, duplicates = duplicates + 1 WHERE id = ?")
                .execute(arguments: [event.endpointID])
            return .duplicate
        }
        for delivery in item.deliveries {
            try db.cachedStatement(sql: """
                INSERT INTO webhook_deliveries (id, account_id, subscription_id, event_id, status, attempts, next_attempt_at,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                """).execute(arguments: [delivery.id, event.accountID, delivery.subscriptionID, event.id, event.receivedAt,
                                         event.receivedAt, event.receivedAt])
        }
        try db.cachedStatement(sql: "UPDATE webhook_endpoints SET received = received + 1, verified = verified + 1, last_event_at = ? WHERE id = ?")
            .execute(arguments: [event.receivedAt, event.endpointID])
        return .stored
    }

    public func webhookEvent(id: String, accountID: String) async throws -> WebhookEventRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_events WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.webhookEvent)
        }
    }

    public func webhookEvents(accountID: String, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord> {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let endpointID = filter.endpointID { conditions.append("endpoint_id = ?"); arguments += [endpointID] }
        if let provider = filter.provider { conditions.append("provider = ?"); arguments += [provider] }
        if let key = filter.key { conditions.append("key = ?"); arguments += [key] }
        return try await self.page(table: "webhook_events", timeColumn: "received_at", conditions: conditions, arguments: arguments,
                                   page: page, decode: Self.webhookEvent, cursor: { PageCursor(createdAt: $0.receivedAt, id: $0.id) })
    }

    public func webhookEvents(accountID: String, after sequence: Int64, endpointIDs: [String], providers: [String], limit: Int)
        async throws -> [WebhookEventRecord]
    {
        guard !endpointIDs.isEmpty || !providers.isEmpty else { return [] }
        var sources: [String] = []
        var arguments: StatementArguments = [accountID, sequence]
        if !endpointIDs.isEmpty {
            sources.append("endpoint_id IN (\(Array(repeating: "?", count: endpointIDs.count).joined(separator: ", ")))")
            arguments += StatementArguments(endpointIDs)
        }
        if !providers.isEmpty {
            sources.append("provider IN (\(Array(repeating: "?", count: providers.count).joined(separator: ", ")))")
            arguments += StatementArguments(providers)
        }
        arguments += [limit]
        let sql = """
            SELECT * FROM webhook_events WHERE account_id = ? AND sequence > ? AND (\(sources.joined(separator: " OR ")))
            ORDER BY sequence LIMIT ?
            """
        let finalArguments = arguments
        return try await read { db in try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(Self.webhookEvent) }
    }

    // MARK: Subscriptions

    public func insertWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        let patterns = try Self.text(subscription.patterns)
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_subscriptions (id, account_id, agent_id, endpoint_id, provider, patterns, mode, url,
                        sealed_secrets, status, disabled_reason, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [subscription.id, subscription.accountID, subscription.agentID, subscription.endpointID,
                            subscription.provider, patterns, subscription.mode.rawValue, subscription.url,
                            subscription.sealedSecrets, subscription.status.rawValue, subscription.disabledReason,
                            subscription.createdAt, subscription.updatedAt])
        }
    }

    public func webhookSubscription(id: String, accountID: String) async throws -> WebhookSubscriptionRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_subscriptions WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.webhookSubscription)
        }
    }

    public func webhookSubscriptions(accountID: String, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let agentID { conditions.append("agent_id = ?"); arguments += [agentID] }
        return try await self.page(table: "webhook_subscriptions", conditions: conditions, arguments: arguments, page: page,
                                   decode: Self.webhookSubscription, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func activeWebhookSubscriptions(accountID: String, endpointID: String?, provider: String) async throws
        -> [WebhookSubscriptionRecord]
    {
        try await read { db in try Self.activeWebhookSubscriptions(db, accountID: accountID, endpointID: endpointID, provider: provider) }
    }

    private static func activeWebhookSubscriptions(_ db: Database, accountID: String, endpointID: String?, provider: String) throws
        -> [WebhookSubscriptionRecord]
    {
        try all(
            db.cachedStatement(sql: """
                SELECT * FROM webhook_subscriptions
                WHERE account_id = ? AND status = 'active' AND (endpoint_id = ? OR provider = ?)
                ORDER BY created_at, id
                """),
            [accountID, endpointID, provider], Self.webhookSubscription)
    }

    public func updateWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        let patterns = try Self.text(subscription.patterns)
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_subscriptions SET patterns = ?, url = ?, sealed_secrets = ?, status = ?, disabled_reason = ?,
                        updated_at = ?
                    WHERE id = ? AND account_id = ?
                    """,
                arguments: [patterns, subscription.url, subscription.sealedSecrets, subscription.status.rawValue,
                            subscription.disabledReason, subscription.updatedAt, subscription.id, subscription.accountID])
        }
    }

    public func deleteWebhookSubscription(id: String, accountID: String) async throws {
        let now = clock.wallMillis
        try await write { db in
            try db.execute(sql: "DELETE FROM webhook_subscriptions WHERE id = ? AND account_id = ?", arguments: [id, accountID])
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                        last_error = 'the subscription was deleted', updated_at = ?
                    WHERE subscription_id = ? AND account_id = ? AND status IN ('pending', 'delivering')
                    """,
                arguments: [now, id, accountID])
        }
    }

    // MARK: Deliveries

    public func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhook_deliveries (id, account_id, subscription_id, event_id, status, attempts, next_attempt_at,
                        created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [delivery.id, delivery.accountID, delivery.subscriptionID, delivery.eventID, delivery.status.rawValue,
                            delivery.attempts, delivery.nextAttemptAt, delivery.createdAt, delivery.updatedAt])
        }
    }

    public func leaseWebhookDeliveries(owner: String, now: Millis, leaseUntil: Millis, limit: Int) async throws -> [WebhookDeliveryRecord] {
        try await write { db in
            // Cached statements: the worker leases every time it is woken or its poll interval passes.
            let due = try Self.all(
                db.cachedStatement(sql: """
                    SELECT d.* FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
                    WHERE s.status = 'active' AND (
                        (d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'delivering' AND d.lease_expires_at <= ?))
                    ORDER BY d.next_attempt_at LIMIT ?
                    """),
                [now, now, limit], Self.webhookDelivery)
            return try due.map { delivery in
                try db.cachedStatement(
                    sql: "UPDATE webhook_deliveries SET status = 'delivering', lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?"
                ).execute(arguments: [owner, leaseUntil, now, delivery.id])
                var leased = delivery
                leased.status = .delivering
                leased.leaseOwner = owner
                leased.leaseExpiresAt = leaseUntil
                return leased
            }
        }
    }

    public func finishWebhookAttempts(_ finished: [FinishedAttempt]) async throws {
        try await write { db in
            for item in finished {
                let delivery = item.delivery
                let attempt = item.attempt
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_owner = NULL,
                            lease_expires_at = NULL, last_status_code = ?, last_error = ?, updated_at = ?
                        WHERE id = ? AND status = 'delivering' AND lease_owner = ?
                        """,
                    arguments: [delivery.status.rawValue, delivery.attempts, delivery.nextAttemptAt, delivery.lastStatusCode,
                                delivery.lastError, delivery.updatedAt, delivery.id, delivery.leaseOwner])
                // A worker whose lease ran out lost the delivery to another; its late attempt is still history.
                try db.execute(
                    sql: "INSERT INTO webhook_attempts (id, delivery_id, attempted_at, duration_ms, status_code, error) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [attempt.id, attempt.deliveryID, attempt.attemptedAt, attempt.durationMs, attempt.statusCode, attempt.error])
                if let reason = item.disableSubscription {
                    try db.execute(
                        sql: "UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ?, updated_at = ? WHERE id = ?",
                        arguments: [reason, delivery.updatedAt, delivery.subscriptionID])
                }
            }
        }
    }

    public func webhookDelivery(id: String, accountID: String) async throws -> WebhookDeliveryRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_deliveries WHERE id = ? AND account_id = ?", arguments: [id, accountID])
                .map(Self.webhookDelivery)
        }
    }

    public func webhookDeliveries(accountID: String, filter: WebhookDeliveryFilter, page: PageRequest) async throws
        -> Page<WebhookDeliveryRecord>
    {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let subscriptionID = filter.subscriptionID { conditions.append("subscription_id = ?"); arguments += [subscriptionID] }
        if let eventID = filter.eventID { conditions.append("event_id = ?"); arguments += [eventID] }
        if let status = filter.status { conditions.append("status = ?"); arguments += [status.rawValue] }
        return try await self.page(table: "webhook_deliveries", conditions: conditions, arguments: arguments, page: page,
                                   decode: Self.webhookDelivery, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_owner = ?, lease_expires_at = ?,
                        last_status_code = ?, last_error = ?, updated_at = ?
                    WHERE id = ? AND account_id = ?
                    """,
                arguments: [delivery.status.rawValue, delivery.attempts, delivery.nextAttemptAt, delivery.leaseOwner,
                            delivery.leaseExpiresAt, delivery.lastStatusCode, delivery.lastError, delivery.updatedAt,
                            delivery.id, delivery.accountID])
        }
    }

    public func webhookAttempts(deliveryID: String, accountID: String) async throws -> [WebhookAttemptRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
                    WHERE a.delivery_id = ? AND d.account_id = ? ORDER BY a.attempted_at, a.id
                    """,
                arguments: [deliveryID, accountID]).map { row in
                WebhookAttemptRecord(id: row["id"], deliveryID: row["delivery_id"], attemptedAt: row["attempted_at"],
                                     durationMs: row["duration_ms"], statusCode: row["status_code"], error: row["error"])
            }
        }
    }

    // MARK: Rows

    private static func webhookEndpoint<Stored: StoredRow>(_ row: Stored) -> WebhookEndpointRecord {
        WebhookEndpointRecord(
            id: row["id"], accountID: row["account_id"], connectionID: row["connection_id"], provider: row["provider"],
            status: WebhookEndpointRecord.Status(rawValue: row["status"]) ?? .disabled, sealedSecret: row["sealed_secret"],
            channelID: row["channel_id"], resourceID: row["resource_id"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    private static func webhookEvent<Stored: StoredRow>(_ row: Stored) throws -> WebhookEventRecord {
        WebhookEventRecord(
            sequence: row["sequence"], id: row["id"], accountID: row["account_id"], endpointID: row["endpoint_id"],
            connectionID: row["connection_id"], provider: row["provider"], providerEventID: row["provider_event_id"],
            type: row["type"], key: row["key"], occurredAt: row["occurred_at"],
            payload: try decode(JSONValue.self, row["payload"]), receivedAt: row["received_at"], traceparent: row["traceparent"])
    }

    private static func webhookSubscription<Stored: StoredRow>(_ row: Stored) throws -> WebhookSubscriptionRecord {
        WebhookSubscriptionRecord(
            id: row["id"], accountID: row["account_id"], agentID: row["agent_id"], endpointID: row["endpoint_id"],
            provider: row["provider"], patterns: try decode([String].self, row["patterns"]),
            mode: WebhookSubscriptionRecord.Mode(rawValue: row["mode"]) ?? .pull, url: row["url"],
            sealedSecrets: row["sealed_secrets"], status: WebhookSubscriptionRecord.Status(rawValue: row["status"]) ?? .disabled,
            disabledReason: row["disabled_reason"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    private static func webhookDelivery<Stored: StoredRow>(_ row: Stored) -> WebhookDeliveryRecord {
        WebhookDeliveryRecord(
            id: row["id"], accountID: row["account_id"], subscriptionID: row["subscription_id"], eventID: row["event_id"],
            status: WebhookDeliveryRecord.Status(rawValue: row["status"]) ?? .dead, attempts: row["attempts"],
            nextAttemptAt: row["next_attempt_at"], leaseOwner: row["lease_owner"], leaseExpiresAt: row["lease_expires_at"],
            lastStatusCode: row["last_status_code"], lastError: row["last_error"], createdAt: row["created_at"],
            updatedAt: row["updated_at"])
    }
}
