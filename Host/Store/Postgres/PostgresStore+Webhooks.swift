import Foundation
import Logging
import PatchbayClock
public import PatchbayModel
import PatchbayWire
import PostgresNIO

/// The webhook inbox on PostgreSQL. What SQLite's single writer gave for free is explicit here:
/// event sequences follow commit order (`lockInbox`), duplicates are refused by the unique
/// constraint on (endpoint, provider event id) whichever replica inserts them, and delivery
/// leases are taken with `FOR UPDATE SKIP LOCKED`, so workers on several replicas never share one.
extension PostgresStore {
    // MARK: Endpoints

    public func insertWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        try await write("""
            INSERT INTO webhook_endpoints (id, account_id, connection_id, provider, status, sealed_secret, channel_id,
                resource_id, created_at, updated_at)
            VALUES (\(endpoint.id), \(endpoint.accountID), \(endpoint.connectionID), \(endpoint.provider),
                \(endpoint.status.rawValue), \(endpoint.sealedSecret), \(endpoint.channelID), \(endpoint.resourceID),
                \(endpoint.createdAt), \(endpoint.updatedAt))
            """)
    }

    public func webhookEndpoint(id: String, accountID: String) async throws -> WebhookEndpointRecord? {
        try await rows("SELECT * FROM webhook_endpoints WHERE id = \(id) AND account_id = \(accountID)")
            .first.map(Self.webhookEndpoint)
    }

    /// Read on every delivery. The reads that arrive while one is in progress go together into
    /// the next (`routes`), one statement for all of them, so a burst of deliveries costs a
    /// round trip per group rather than one each; each still sees what was committed before it
    /// was called.
    public func webhookRoute(endpointID: String) async throws -> WebhookRoute? {
        try await routes.perform(endpointID) { [self] endpointIDs in
            do {
                let found = try await webhookRoutes(endpointIDs: Array(Set(endpointIDs)))
                return endpointIDs.map { .success(found[$0]) }
            } catch is PSQLError where endpointIDs.count > 1 {
                // The database refused the statement (an id it cannot take as text): that one
                // delivery fails, not the others read with it, so each is read again alone.
                var results: [Result<WebhookRoute?, any Error>] = []
                for id in endpointIDs {
                    do { results.append(.success(try await webhookRoutes(endpointIDs: [id])[id])) } catch { results.append(.failure(error)) }
                }
                return results
            }
        }
    }

    /// The endpoints, each with its connection and its active subscriptions.
    private func webhookRoutes(endpointIDs: [String]) async throws -> [String: WebhookRoute] {
        let rows = try await rows(PostgresWebhookRoutesStatement(endpointIDs: endpointIDs)).map(PostgresTableColumns.split)
        var routes: [String: WebhookRoute] = [:]
        for row in rows {
            let endpoint = try Self.webhookEndpoint(row[0])
            if routes[endpoint.id] == nil {
                routes[endpoint.id] = WebhookRoute(endpoint: endpoint, connection: row[1].isPresent ? try Self.connection(row[1]) : nil,
                                                   subscriptions: [])
            }
            if row[2].isPresent { routes[endpoint.id]?.subscriptions.append(try Self.webhookSubscription(row[2])) }
        }
        return routes
    }

    public func webhookEndpoints(accountID: String, connectionID: String?, page: PageRequest) async throws -> Page<WebhookEndpointRecord> {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let connectionID { conditions.append("connection_id = ?", connectionID) }
        return try await self.page(table: "webhook_endpoints", conditions: conditions, page: page, decode: Self.webhookEndpoint,
                                   cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateWebhookEndpoint(_ endpoint: WebhookEndpointRecord) async throws {
        try await write("""
            UPDATE webhook_endpoints SET status = \(endpoint.status.rawValue), sealed_secret = \(endpoint.sealedSecret),
                channel_id = \(endpoint.channelID), resource_id = \(endpoint.resourceID), updated_at = \(endpoint.updatedAt)
            WHERE id = \(endpoint.id) AND account_id = \(endpoint.accountID)
            """)
    }

    public func webhookEndpointStats(id: String, accountID: String) async throws -> WebhookEndpointStats {
        guard let row = try await rows("SELECT * FROM webhook_endpoints WHERE id = \(id) AND account_id = \(accountID)").first
        else { return WebhookEndpointStats() }
        return WebhookEndpointStats(received: try row.value("received"), verified: try row.value("verified"),
                                    rejected: try row.value("rejected"), duplicates: try row.value("duplicates"),
                                    lastEventAt: try row.value("last_event_at"))
    }

    public func countWebhookReceipt(endpointID: String, verified: Bool) async throws {
        let column = verified ? "verified" : "rejected"
        var query = PostgresQuery(unsafeSQL: "UPDATE webhook_endpoints SET received = received + 1, \(column) = \(column) + 1 WHERE id = $1")
        query.binds.append(endpointID)
        try await write(query)
    }

    // MARK: Inbox

    public func storeInboundEvents(_ batch: [InboundEvent]) async throws -> [InboundOutcome] {
        try await storeInboundEvents(batch, notices: [])
    }

    /// With this store's own `PostgresNotifier`, the announcements are `pg_notify`s in the
    /// events' transaction (`PostgresMigrations.inboxNotify`): its commit delivers them, so no
    /// notification statement and no transaction of its own follow the group. Any other
    /// notifier hears of the events after the commit, as by default.
    public func storeInboundEvents(_ batch: [InboundEvent], announcingTo notifier: any Notifier) async throws -> [InboundOutcome] {
        var notices: [InboundNotice] = []
        for item in batch {
            guard let messages = (notifier as? PostgresNotifier)?.messages(announcing: item.announcements, committedBy: self) else {
                return try await storeInboundEventsThenAnnounce(batch, to: notifier)
            }
            notices += messages.map { (eventID: item.event.id, message: $0) }
        }
        return try await storeInboundEvents(batch, notices: notices)
    }

    private func storeInboundEvents(_ batch: [InboundEvent], notices: [InboundNotice]) async throws -> [InboundOutcome] {
        guard !batch.isEmpty else { return [] }
        let payloads = try batch.map(Self.payloadText)
        return try await inbox.perform((batch, payloads, notices)) { [self] group in try await storeInboundCalls(group) }
    }

    /// One `storeInboundEvents` call: its events, their payloads as stored text (`payloadText`),
    /// and the notifications its stored events send when they commit.
    typealias InboundCall = (events: [InboundEvent], payloads: [String], notices: [InboundNotice])

    /// A notification to send on `PostgresNotifier.channel` if the event `eventID` is stored.
    typealias InboundNotice = (eventID: String, message: String)

    /// The calls `inbox` grouped, in one statement for all their events that commits itself
    /// (`PostgresMigrations.inboxCommit`): one round trip per group, answered only once the group
    /// is committed. When that statement is refused (a constraint no `ON CONFLICT` covers, a value
    /// the database will not take, a commit the database refuses), nothing of it was stored, and
    /// the group runs again in one transaction with each call in a savepoint of its own, so the
    /// call at fault fails alone and the others commit.
    private func storeInboundCalls(_ group: [InboundCall]) async throws -> [Result<[InboundOutcome], any Error>] {
        let logger = logger
        do {
            let query = Self.storeInboundEventsQuery(group.flatMap(\.events), payloads: group.flatMap(\.payloads),
                                                     notices: group.flatMap(\.notices), committing: true)
            var outcomes = try await retryingRolledBack {
                try await withStoreErrors(isWrite: true) {
                    try await self.client.withConnection { connection in
                        try await Self.inboundOutcomes(group.flatMap(\.events), rows: connection.rows(query, logger: logger))
                    }
                }
            }[...]
            return group.map { call in
                defer { outcomes = outcomes.dropFirst(call.events.count) }
                return .success(Array(outcomes.prefix(call.events.count)))
            }
        } catch let error where group.count > 1 && Self.isRefusal(error) {
            return try await storeInboundCallsApart(group)
        }
    }

    /// Whether the database refused the statement itself rather than failed to run it.
    private static func isRefusal(_ error: any Error) -> Bool {
        if case StoreError.conflict = error { return true }
        return (error as? PSQLError)?.code == .server
    }

    /// `group` in one transaction, each call in a savepoint of its own.
    private func storeInboundCallsApart(_ group: [InboundCall]) async throws -> [Result<[InboundOutcome], any Error>] {
        let logger = logger
        return try await transaction { connection in
            // Every account's lock up front, in key order, so groups spanning accounts cannot deadlock.
            try await Self.lockInbox(connection, accounts: group.flatMap { $0.events.map(\.event.accountID) }, logger: logger)
            var results: [Result<[InboundOutcome], any Error>] = []
            for call in group {
                try await connection.rows("SAVEPOINT inbound_call", logger: logger)
                do {
                    let outcomes = try await Self.storeInboundEvents(connection, call.events, payloads: call.payloads,
                                                                     notices: call.notices, logger: logger)
                    try await connection.rows("RELEASE SAVEPOINT inbound_call", logger: logger)
                    results.append(.success(outcomes))
                } catch let error as PSQLError where error.code == .server {
                    try await connection.rows("ROLLBACK TO SAVEPOINT inbound_call", logger: logger)
                    results.append(.failure(Self.conflict(error) ?? error))
                }
            }
            return results
        }
    }

    /// Two int4 keys, so that these locks never meet the migrations' bigint one:
    /// "pbev" (Patchbay events) and a hash of the account.
    private static let inboxLockClass: Int32 = 0x7062_6576

    /// Makes event sequence order equal to commit order for each account, so that a pull
    /// consumer's cursor (`webhookEvents(accountID:after:…)`) never passes an event that commits
    /// later with a smaller sequence. An identity value is drawn when the row is inserted, not
    /// when it commits: without this, a transaction that drew 41 and is still open would commit
    /// after a reader had moved past 42, and the reader would never see 41.
    ///
    /// Every transaction that inserts events takes this lock first, before drawing any sequence
    /// (`patchbay_store_inbound_events` takes it for `storeInboundEvents`; a group written call
    /// by call takes all of its accounts' locks here first), and holds it until it commits (a transaction-scoped advisory lock), so the transactions
    /// writing one account's events draw their sequences one after another, each after the
    /// previous one is visible. Cursors are per account, so accounts lock apart: one tenant's
    /// burst does not queue another's. Keys are taken in ascending order, so batches spanning
    /// accounts cannot deadlock. This needs the identity's default `CACHE 1`: a session caching
    /// values would hand out sequences out of drawing order.
    ///
    /// The cost: one account's inserts are serial, each holding the lock through its commit's
    /// WAL flush, so its ingest rate is bounded by one commit at a time; batching amortizes it.
    /// Numbering events after they commit instead (inserted unnumbered, then numbered by one
    /// locked pass over everything committed since the last) would let inserts overlap and
    /// share WAL flushes, at the price of a second transaction and an update per event.
    static func lockInbox(_ connection: PostgresConnection, accounts: [String], logger: Logger) async throws {
        for key in Set(accounts.map(inboxLockKey)).sorted() {
            try await connection.rows("SELECT pg_advisory_xact_lock(\(inboxLockClass), \(key))", logger: logger)
        }
    }

    /// FNV-1a of the account id: the same on every replica, unlike Swift's seeded `Hasher`.
    /// Two accounts sharing a key only share a lock.
    private static func inboxLockKey(_ accountID: String) -> Int32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in accountID.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return Int32(bitPattern: hash)
    }

    static func payloadText(_ item: InboundEvent) throws -> String {
        try item.payloadText ?? text(item.event.payload)
    }

    /// Stores the events of `batch` whose endpoint does not hold the provider's id already, their
    /// deliveries, and what they add to their endpoints' counters, within the caller's
    /// transaction, which then holds the inbox lock of their accounts until it ends; and queues
    /// the `notices` of the stored events, which its commit sends. One call of
    /// `patchbay_store_inbound_events_and_notify` (`PostgresMigrations.inboxNotify`), a single
    /// round trip whatever the batch's size, whose statements keep their plans for the session.
    /// Sequences are drawn in `batch` order, so a duplicate within the batch is the later one.
    ///
    /// The unique constraint decides duplicates, whichever replica inserts: a concurrent
    /// duplicate waits for the first to commit and then inserts nothing. Host events have no
    /// endpoint, and NULLs are distinct, so they are never duplicates, as on SQLite.
    /// `payloads` are the events' payloads as stored text (`payloadText`).
    static func storeInboundEvents(_ connection: PostgresConnection, _ batch: [InboundEvent], payloads: [String],
                                   notices: [InboundNotice] = [], logger: Logger) async throws -> [InboundOutcome]
    {
        let query = storeInboundEventsQuery(batch, payloads: payloads, notices: notices, committing: false)
        return try inboundOutcomes(batch, rows: try await connection.rows(query, logger: logger))
    }

    /// The statement storing `batch`: a call of `patchbay_store_inbound_events_and_notify` within
    /// the caller's transaction, or, `committing`, of `patchbay_commit_inbound_events`, which
    /// commits it, to be sent outside any transaction block. Both answer one row, `stored`.
    static func storeInboundEventsQuery(_ batch: [InboundEvent], payloads: [String], notices: [InboundNotice],
                                        committing: Bool) -> PostgresQuery
    {
        let events = batch.map(\.event)
        let deliveries = batch.flatMap { item in item.deliveries.map { (id: $0.id, subscriptionID: $0.subscriptionID, eventID: item.event.id) } }
        let lockKeys = events.map { inboxLockKey($0.accountID) }
        let arguments: PostgresQuery = """
            \(inboxLockClass), \(lockKeys)::int4[], \(events.map(\.id))::text[],
                \(events.map(\.accountID))::text[], \(PostgresNullableTextArray(events.map(\.endpointID)))::text[],
                \(events.map(\.connectionID))::text[], \(events.map(\.provider))::text[], \(events.map(\.providerEventID))::text[],
                \(events.map(\.type))::text[], \(events.map(\.key))::text[], \(PostgresNullableTextArray(events.map(\.occurredAt)))::text[],
                \(payloads)::text[], \(events.map(\.receivedAt))::int8[], \(deliveries.map(\.id))::text[],
                \(deliveries.map(\.subscriptionID))::text[], \(deliveries.map(\.eventID))::text[],
                \(PostgresNullableTextArray(events.map(\.traceparent)))::text[], \(PostgresNotifier.channel),
                \(notices.map(\.eventID))::text[], \(notices.map(\.message))::text[]
            """
        let sql = committing
            ? "CALL patchbay_commit_inbound_events(\(arguments.sql), NULL)"
            : "SELECT patchbay_store_inbound_events_and_notify(\(arguments.sql)) AS stored"
        return PostgresQuery(unsafeSQL: sql, binds: arguments.binds)
    }

    /// Each event of `batch` stored or a duplicate, from the `stored` ids the statement answered.
    private static func inboundOutcomes(_ batch: [InboundEvent], rows: [PostgresRandomAccessRow]) throws -> [InboundOutcome] {
        let stored = Set(try rows.first?.value("stored", as: [String].self) ?? [])
        return batch.map { stored.contains($0.event.id) ? .stored : .duplicate }
    }

    public func webhookEvent(id: String, accountID: String) async throws -> WebhookEventRecord? {
        try await rows("SELECT * FROM webhook_events WHERE id = \(id) AND account_id = \(accountID)").first.map(Self.webhookEvent)
    }

    public func webhookEvents(accountID: String, filter: WebhookEventFilter, page: PageRequest) async throws -> Page<WebhookEventRecord> {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let endpointID = filter.endpointID { conditions.append("endpoint_id = ?", endpointID) }
        if let provider = filter.provider { conditions.append("provider = ?", provider) }
        if let key = filter.key { conditions.append("key = ?", key) }
        return try await self.page(table: "webhook_events", timeColumn: "received_at", conditions: conditions, page: page,
                                   decode: Self.webhookEvent, cursor: { PageCursor(createdAt: $0.receivedAt, id: $0.id) })
    }

    public func webhookEvents(accountID: String, after sequence: Int64, endpointIDs: [String], providers: [String], limit: Int)
        async throws -> [WebhookEventRecord]
    {
        guard !endpointIDs.isEmpty || !providers.isEmpty else { return [] }
        let conditions = PostgresConditions("account_id = ? AND sequence > ? AND (endpoint_id = ANY(?) OR provider = ANY(?))",
                                            accountID, sequence, endpointIDs, providers)
        var query = conditions.query("SELECT * FROM webhook_events WHERE ", suffix: " ORDER BY sequence LIMIT ?")
        query.binds.append(limit)
        return try await rows(query).map(Self.webhookEvent)
    }

    // MARK: Subscriptions

    public func insertWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        let patterns = try Self.text(subscription.patterns)
        try await write("""
            INSERT INTO webhook_subscriptions (id, account_id, agent_id, endpoint_id, provider, patterns, mode, url,
                sealed_secrets, status, disabled_reason, created_at, updated_at)
            VALUES (\(subscription.id), \(subscription.accountID), \(subscription.agentID), \(subscription.endpointID),
                \(subscription.provider), \(patterns), \(subscription.mode.rawValue), \(subscription.url),
                \(subscription.sealedSecrets), \(subscription.status.rawValue), \(subscription.disabledReason),
                \(subscription.createdAt), \(subscription.updatedAt))
            """)
    }

    public func webhookSubscription(id: String, accountID: String) async throws -> WebhookSubscriptionRecord? {
        try await rows("SELECT * FROM webhook_subscriptions WHERE id = \(id) AND account_id = \(accountID)")
            .first.map(Self.webhookSubscription)
    }

    public func webhookSubscriptions(accountID: String, agentID: String?, page: PageRequest) async throws -> Page<WebhookSubscriptionRecord> {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let agentID { conditions.append("agent_id = ?", agentID) }
        return try await self.page(table: "webhook_subscriptions", conditions: conditions, page: page,
                                   decode: Self.webhookSubscription, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func activeWebhookSubscriptions(accountID: String, endpointID: String?, provider: String) async throws
        -> [WebhookSubscriptionRecord]
    {
        try await rows("""
            SELECT * FROM webhook_subscriptions
            WHERE account_id = \(accountID) AND status = 'active' AND (endpoint_id = \(endpointID) OR provider = \(provider))
            ORDER BY created_at, id
            """).map(Self.webhookSubscription)
    }

    public func updateWebhookSubscription(_ subscription: WebhookSubscriptionRecord) async throws {
        let patterns = try Self.text(subscription.patterns)
        try await write("""
            UPDATE webhook_subscriptions SET patterns = \(patterns), url = \(subscription.url),
                sealed_secrets = \(subscription.sealedSecrets), status = \(subscription.status.rawValue),
                disabled_reason = \(subscription.disabledReason), updated_at = \(subscription.updatedAt)
            WHERE id = \(subscription.id) AND account_id = \(subscription.accountID)
            """)
    }

    public func deleteWebhookSubscription(id: String, accountID: String) async throws {
        let now = clock.wallMillis
        let logger = logger
        try await transaction { connection in
            try await connection.rows("DELETE FROM webhook_subscriptions WHERE id = \(id) AND account_id = \(accountID)",
                                      logger: logger)
            try await connection.rows("""
                UPDATE webhook_deliveries SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                    last_error = 'the subscription was deleted', updated_at = \(now)
                WHERE subscription_id = \(id) AND account_id = \(accountID) AND status IN ('pending', 'delivering')
                """, logger: logger)
        }
    }

    // MARK: Deliveries

    public func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        try await write("""
            INSERT INTO webhook_deliveries (id, account_id, subscription_id, event_id, status, attempts, next_attempt_at,
                created_at, updated_at)
            VALUES (\(delivery.id), \(delivery.accountID), \(delivery.subscriptionID), \(delivery.eventID),
                \(delivery.status.rawValue), \(delivery.attempts), \(delivery.nextAttemptAt), \(delivery.createdAt),
                \(delivery.updatedAt))
            """)
    }

    public func leaseWebhookDeliveries(owner: String, now: Millis, leaseUntil: Millis, limit: Int) async throws -> [WebhookDeliveryRecord] {
        // SKIP LOCKED: a worker on another replica leasing at the same moment passes over the
        // rows this one is taking instead of waiting for them, and takes the next due ones. A
        // row leased and committed meanwhile is re-checked against the conditions once locked.
        try await write("""
            UPDATE webhook_deliveries d SET status = 'delivering', lease_owner = \(owner), lease_expires_at = \(leaseUntil),
                updated_at = \(now)
            FROM (
                SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
                WHERE s.status = 'active' AND (
                    (d.status = 'pending' AND d.next_attempt_at <= \(now))
                    OR (d.status = 'delivering' AND d.lease_expires_at <= \(now)))
                ORDER BY d.next_attempt_at LIMIT \(limit)
                FOR UPDATE OF d SKIP LOCKED
            ) due
            WHERE d.id = due.id
            RETURNING d.*
            """).map(Self.webhookDelivery).sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
    }

    public func finishWebhookAttempts(_ finished: [FinishedAttempt]) async throws {
        guard !finished.isEmpty else { return }
        let logger = logger
        try await transaction { connection in
            for item in finished {
                let delivery = item.delivery
                let attempt = item.attempt
                // Only while this worker's lease holds: a lease that ran out went to another worker.
                try await connection.rows("""
                    UPDATE webhook_deliveries SET status = \(delivery.status.rawValue), attempts = \(delivery.attempts),
                        next_attempt_at = \(delivery.nextAttemptAt), lease_owner = NULL, lease_expires_at = NULL,
                        last_status_code = \(delivery.lastStatusCode), last_error = \(delivery.lastError),
                        updated_at = \(delivery.updatedAt)
                    WHERE id = \(delivery.id) AND status = 'delivering' AND lease_owner = \(delivery.leaseOwner)
                    """, logger: logger)
                // A worker whose lease ran out lost the delivery to another; its late attempt is still history.
                try await connection.rows("""
                    INSERT INTO webhook_attempts (id, delivery_id, attempted_at, duration_ms, status_code, error)
                    VALUES (\(attempt.id), \(attempt.deliveryID), \(attempt.attemptedAt), \(attempt.durationMs),
                        \(attempt.statusCode), \(attempt.error))
                    """, logger: logger)
                if let reason = item.disableSubscription {
                    try await connection.rows("""
                        UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = \(reason),
                            updated_at = \(delivery.updatedAt)
                        WHERE id = \(delivery.subscriptionID)
                        """, logger: logger)
                }
            }
        }
    }

    public func webhookDelivery(id: String, accountID: String) async throws -> WebhookDeliveryRecord? {
        try await rows("SELECT * FROM webhook_deliveries WHERE id = \(id) AND account_id = \(accountID)")
            .first.map(Self.webhookDelivery)
    }

    public func webhookDeliveries(accountID: String, filter: WebhookDeliveryFilter, page: PageRequest) async throws
        -> Page<WebhookDeliveryRecord>
    {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let subscriptionID = filter.subscriptionID { conditions.append("subscription_id = ?", subscriptionID) }
        if let eventID = filter.eventID { conditions.append("event_id = ?", eventID) }
        if let status = filter.status { conditions.append("status = ?", status.rawValue) }
        return try await self.page(table: "webhook_deliveries", conditions: conditions, page: page, decode: Self.webhookDelivery,
                                   cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws {
        try await write("""
            UPDATE webhook_deliveries SET status = \(delivery.status.rawValue), attempts = \(delivery.attempts),
                next_attempt_at = \(delivery.nextAttemptAt), lease_owner = \(delivery.leaseOwner),
                lease_expires_at = \(delivery.leaseExpiresAt), last_status_code = \(delivery.lastStatusCode),
                last_error = \(delivery.lastError), updated_at = \(delivery.updatedAt)
            WHERE id = \(delivery.id) AND account_id = \(delivery.accountID)
            """)
    }

    public func webhookAttempts(deliveryID: String, accountID: String) async throws -> [WebhookAttemptRecord] {
        try await rows("""
            SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
            WHERE a.delivery_id = \(deliveryID) AND d.account_id = \(accountID) ORDER BY a.attempted_at, a.id
            """).map { row in
            WebhookAttemptRecord(id: try row.value("id"), deliveryID: try row.value("delivery_id"),
                                 attemptedAt: try row.value("attempted_at"), durationMs: try row.value("duration_ms"),
                                 statusCode: try row.value("status_code"), error: try row.value("error"))
        }
    }

    // MARK: Rows

    private static func webhookEndpoint(_ row: some PostgresColumns) throws -> WebhookEndpointRecord {
        WebhookEndpointRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), connectionID: try row.value("connection_id"),
            provider: try row.value("provider"),
            status: WebhookEndpointRecord.Status(rawValue: try row.value("status")) ?? .disabled,
            sealedSecret: try row.value("sealed_secret"), channelID: try row.value("channel_id"),
            resourceID: try row.value("resource_id"), createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    private static func webhookEvent(_ row: PostgresRandomAccessRow) throws -> WebhookEventRecord {
        WebhookEventRecord(
            sequence: try row.value("sequence"), id: try row.value("id"), accountID: try row.value("account_id"),
            endpointID: try row.value("endpoint_id"), connectionID: try row.value("connection_id"),
            provider: try row.value("provider"), providerEventID: try row.value("provider_event_id"), type: try row.value("type"),
            key: try row.value("key"), occurredAt: try row.value("occurred_at"),
            payload: try decode(JSONValue.self, try row.value("payload")), receivedAt: try row.value("received_at"),
            traceparent: try row.value("traceparent"))
    }

    private static func webhookSubscription(_ row: some PostgresColumns) throws -> WebhookSubscriptionRecord {
        WebhookSubscriptionRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), agentID: try row.value("agent_id"),
            endpointID: try row.value("endpoint_id"), provider: try row.value("provider"),
            patterns: try decode([String].self, try row.value("patterns")),
            mode: WebhookSubscriptionRecord.Mode(rawValue: try row.value("mode")) ?? .pull, url: try row.value("url"),
            sealedSecrets: try row.value("sealed_secrets"),
            status: WebhookSubscriptionRecord.Status(rawValue: try row.value("status")) ?? .disabled,
            disabledReason: try row.value("disabled_reason"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }

    private static func webhookDelivery(_ row: PostgresRandomAccessRow) throws -> WebhookDeliveryRecord {
        WebhookDeliveryRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), subscriptionID: try row.value("subscription_id"),
            eventID: try row.value("event_id"), status: WebhookDeliveryRecord.Status(rawValue: try row.value("status")) ?? .dead,
            attempts: try row.value("attempts"), nextAttemptAt: try row.value("next_attempt_at"),
            leaseOwner: try row.value("lease_owner"), leaseExpiresAt: try row.value("lease_expires_at"),
            lastStatusCode: try row.value("last_status_code"), lastError: try row.value("last_error"),
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }
}
