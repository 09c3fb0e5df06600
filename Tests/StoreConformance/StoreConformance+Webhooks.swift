import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// The webhook inbox: endpoints, deduplication, pull cursors, subscriptions.
extension StoreConformance {
    /// Route reads made at once, as a burst of deliveries makes them, each answer their own
    /// endpoint's route: its account, its connection and only its own active subscriptions; an
    /// unknown endpoint read among them answers nil and fails none of the others.
    public func concurrentRouteReadsAnswerTheirOwnEndpoint() async throws {
        let store = try await tenants()
        for (endpoint, account, connection) in [("wh_a", Self.accountA, "conn_a"), ("wh_b", Self.accountB, "conn_b")] {
            try await store.insertWebhookEndpoint(Self.endpoint(endpoint, account: account, connection: connection))
            try await store.insertWebhookSubscription(Self.subscription("sub_\(endpoint)", account: account, endpoint: endpoint))
        }
        try await store.insertWebhookSubscription(Self.subscription("sub_b2", account: Self.accountB, endpoint: "wh_b", createdAt: 2))
        let asked = (0..<60).map { ["wh_a", "wh_b", "wh_missing"][$0 % 3] }
        let routes = try await withThrowingTaskGroup(of: (Int, WebhookRoute?).self) { group in
            for (index, endpoint) in asked.enumerated() {
                group.addTask { (index, try await store.webhookRoute(endpointID: endpoint)) }
            }
            var routes = [WebhookRoute?](repeating: nil, count: asked.count)
            for try await (index, route) in group { routes[index] = route }
            return routes
        }
        for (endpoint, route) in zip(asked, routes) {
            switch endpoint {
            case "wh_a":
                XCTAssertEqual(route?.endpoint.id, "wh_a")
                XCTAssertEqual(route?.connection?.id, "conn_a")
                XCTAssertEqual(route?.subscriptions.map(\.id), ["sub_wh_a"])
            case "wh_b":
                XCTAssertEqual(route?.endpoint.accountID, Self.accountB)
                XCTAssertEqual(route?.connection?.id, "conn_b")
                XCTAssertEqual(route?.subscriptions.map(\.id), ["sub_wh_b", "sub_b2"], "in order of creation")
            default:
                XCTAssertNil(route, "an unknown endpoint has no route")
            }
        }
    }

    /// An event stored with `announcingTo` wakes its account's readers, and the delivery worker
    /// only when it has deliveries, by the time the call returns; a duplicate wakes nobody.
    public func storedEventsAreAnnounced() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_a", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_a", account: Self.accountA, endpoint: "wh_a"))
        let notifier = InProcessNotifier()
        let readers = notifier.listen(.webhookEvents(accountID: Self.accountA))
        let otherReaders = notifier.listen(.webhookEvents(accountID: Self.accountB))
        let worker = notifier.listen(.deliveriesDue)

        let pushed = try await store.storeInboundEvents([
            Self.event("evt_1", account: Self.accountA, endpoint: "wh_a", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_1", "sub_a")])
        ], announcingTo: notifier)
        XCTAssertEqual(pushed, [.stored])
        XCTAssertTrue(readers.takeAll(), "the account's readers")
        XCTAssertTrue(worker.takeAll(), "the delivery worker, for the delivery")
        XCTAssertFalse(otherReaders.takeAll(), "another account's readers")

        let pulled = try await store.storeInboundEvents([
            Self.event("evt_2", account: Self.accountA, endpoint: "wh_a", connection: "conn_a", receivedAt: 11)
        ], announcingTo: notifier)
        XCTAssertEqual(pulled, [.stored])
        XCTAssertTrue(readers.takeAll())
        XCTAssertFalse(worker.takeAll(), "no delivery, no wake-up for the worker")

        let repeated = try await store.storeInboundEvents([
            Self.event("evt_3", account: Self.accountA, endpoint: "wh_a", connection: "conn_a", providerEventID: "evt_1",
                       receivedAt: 12, deliveries: [("msg_3", "sub_a")])
        ], announcingTo: notifier)
        XCTAssertEqual(repeated, [.duplicate])
        XCTAssertFalse(readers.takeAll(), "a duplicate wakes nobody")
        XCTAssertFalse(worker.takeAll(), "a duplicate wakes nobody")
    }

    /// An account's endpoints, stats, events and subscriptions are not found by another
    /// account; the public receiver finds the route by endpoint id alone.
    public func webhookRecordsAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_a", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_a", account: Self.accountA, endpoint: "wh_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_provider", account: Self.accountA, endpoint: nil, provider: "slack"))
        var disabled = Self.subscription("sub_off", account: Self.accountA, endpoint: "wh_a")
        disabled.status = .disabled
        try await store.insertWebhookSubscription(disabled)
        let outcomes = try await store.storeInboundEvents([
            Self.event("evt_1", account: Self.accountA, endpoint: "wh_a", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_1", "sub_a")])
        ])
        XCTAssertEqual(outcomes, [.stored])
        try await store.countWebhookReceipt(endpointID: "wh_a", verified: false)
        try await store.countWebhookReceipt(endpointID: "wh_a", verified: true)

        let endpoint = try await store.webhookEndpoint(id: "wh_a", accountID: Self.accountA)
        XCTAssertEqual(endpoint, Self.endpoint("wh_a", account: Self.accountA, connection: "conn_a"))
        let stats = try await store.webhookEndpointStats(id: "wh_a", accountID: Self.accountA)
        XCTAssertEqual(stats, WebhookEndpointStats(received: 3, verified: 2, rejected: 1, duplicates: 0, lastEventAt: 10))
        let route = try await store.webhookRoute(endpointID: "wh_a")
        XCTAssertEqual(route?.endpoint.accountID, Self.accountA)
        XCTAssertEqual(route?.connection?.id, "conn_a")
        XCTAssertEqual(Set(route?.subscriptions.map(\.id) ?? []), ["sub_a", "sub_provider"])
        let active = try await store.activeWebhookSubscriptions(accountID: Self.accountA, endpointID: "wh_a", provider: "slack")
        XCTAssertEqual(Set(active.map(\.id)), ["sub_a", "sub_provider"])
        let noRoute = try await store.webhookRoute(endpointID: "wh_missing")
        XCTAssertNil(noRoute)

        let b = Self.accountB
        let foreignEndpoint = try await store.webhookEndpoint(id: "wh_a", accountID: b)
        XCTAssertNil(foreignEndpoint)
        let foreignStats = try await store.webhookEndpointStats(id: "wh_a", accountID: b)
        XCTAssertEqual(foreignStats, WebhookEndpointStats(), "another account read the endpoint's counters")
        let foreignEvent = try await store.webhookEvent(id: "evt_1", accountID: b)
        XCTAssertNil(foreignEvent)
        let foreignSubscription = try await store.webhookSubscription(id: "sub_a", accountID: b)
        XCTAssertNil(foreignSubscription)
        let foreignDelivery = try await store.webhookDelivery(id: "msg_1", accountID: b)
        XCTAssertNil(foreignDelivery)
        let foreignActive = try await store.activeWebhookSubscriptions(accountID: b, endpointID: "wh_a", provider: "slack")
        XCTAssertEqual(foreignActive, [])
        let foreignPull = try await store.webhookEvents(accountID: b, after: 0, endpointIDs: ["wh_a"], providers: ["slack"], limit: 10)
        XCTAssertEqual(foreignPull, [])
        let foreignEvents = try await store.webhookEvents(accountID: b, filter: WebhookEventFilter(), page: PageRequest(limit: 10))
        XCTAssertEqual(foreignEvents.items, [])
        let foreignDeliveries = try await store.webhookDeliveries(accountID: b, filter: WebhookDeliveryFilter(), page: PageRequest(limit: 10))
        XCTAssertEqual(foreignDeliveries.items, [])

        // Writes by another account change nothing either.
        var hijacked = Self.endpoint("wh_a", account: b, connection: "conn_a")
        hijacked.status = .disabled
        try await store.updateWebhookEndpoint(hijacked)
        try await store.deleteWebhookSubscription(id: "sub_a", accountID: b)
        let kept = try await store.webhookEndpoint(id: "wh_a", accountID: Self.accountA)
        XCTAssertEqual(kept?.status, .active)
        var deleted = Self.endpoint("wh_a", account: Self.accountA, connection: "conn_a")
        deleted.status = .deleted
        deleted.sealedSecret = nil
        deleted.updatedAt = 20
        try await store.updateWebhookEndpoint(deleted)
        let updated = try await store.webhookEndpoint(id: "wh_a", accountID: Self.accountA)
        XCTAssertEqual(updated, deleted)
        let subscription = try await store.webhookSubscription(id: "sub_a", accountID: Self.accountA)
        XCTAssertEqual(subscription?.status, .active)
        let delivery = try await store.webhookDelivery(id: "msg_1", accountID: Self.accountA)
        XCTAssertEqual(delivery?.status, .pending)
    }

    /// Many receivers storing the same provider event at once: exactly one stores it, with its
    /// deliveries; the others are counted as duplicates. The same id on another endpoint is new.
    public func inboundEventsDeduplicateUnderConcurrentInserts() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookEndpoint(Self.endpoint("wh_2", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: Self.accountA, endpoint: "wh_1"))
        let outcomes = try await concurrently(24, on: store) { store, index in
            try await store.storeInboundEvents([
                Self.event("evt_\(index)", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", providerEventID: "Ev-1",
                           receivedAt: 10 + Int64(index), deliveries: [("msg_\(index)", "sub_1")])
            ])
        }.flatMap { $0 }
        XCTAssertEqual(outcomes.filter { $0 == .stored }.count, 1, "the same provider event was stored \(outcomes.filter { $0 == .stored }.count) times")
        XCTAssertEqual(outcomes.filter { $0 == .duplicate }.count, 23)

        let events = try await walk(limit: 50) {
            try await store.webhookEvents(accountID: Self.accountA, filter: WebhookEventFilter(endpointID: "wh_1"), page: $0)
        }
        XCTAssertEqual(events.count, 1)
        let deliveries = try await walk(limit: 50) {
            try await store.webhookDeliveries(accountID: Self.accountA, filter: WebhookDeliveryFilter(subscriptionID: "sub_1"), page: $0)
        }
        XCTAssertEqual(deliveries.map(\.eventID), events.map(\.id), "a duplicate wrote a delivery")
        let stats = try await store.webhookEndpointStats(id: "wh_1", accountID: Self.accountA)
        XCTAssertEqual(stats.received, 24)
        XCTAssertEqual(stats.duplicates, 23)

        // Within one batch too, and per endpoint.
        let batch = try await store.storeInboundEvents([
            Self.event("evt_x", account: Self.accountA, endpoint: "wh_2", connection: "conn_a", providerEventID: "Ev-1", receivedAt: 50),
            Self.event("evt_y", account: Self.accountA, endpoint: "wh_2", connection: "conn_a", providerEventID: "Ev-1", receivedAt: 51),
        ])
        XCTAssertEqual(batch, [.stored, .duplicate])
    }

    /// An event keeps the trace context it was stored in, read back by id, by listing and by a
    /// pull cursor, whichever replica reads it; an event stored without one reads as nil, and a
    /// duplicate's context does not replace the first one's.
    public func inboundEventsKeepTheirTraceContext() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        let first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        var traced = Self.event("evt_traced", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10)
        traced.event.traceparent = first
        var duplicate = Self.event("evt_again", account: Self.accountA, endpoint: "wh_1", connection: "conn_a",
                                   providerEventID: "evt_traced", receivedAt: 11)
        duplicate.event.traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let untraced = Self.event("evt_plain", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 12)
        let outcomes = try await store.storeInboundEvents([traced, duplicate, untraced])
        XCTAssertEqual(outcomes, [.stored, .duplicate, .stored])

        let found = try await store.webhookEvent(id: "evt_traced", accountID: Self.accountA)
        let read = try XCTUnwrap(found)
        var expected = traced.event
        expected.sequence = read.sequence
        XCTAssertEqual(read, expected)
        let plain = try await store.webhookEvent(id: "evt_plain", accountID: Self.accountA)
        XCTAssertNotNil(plain)
        XCTAssertNil(plain?.traceparent)
        let foreign = try await store.webhookEvent(id: "evt_traced", accountID: Self.accountB)
        XCTAssertNil(foreign, "another account's event")
        let pulled = try await store.webhookEvents(accountID: Self.accountA, after: 0, endpointIDs: ["wh_1"], providers: [], limit: 10)
        XCTAssertEqual(pulled.map(\.traceparent), [first, nil])
        let listed = try await store.webhookEvents(accountID: Self.accountA, filter: WebhookEventFilter(endpointID: "wh_1"),
                                                   page: PageRequest(limit: 10))
        XCTAssertEqual(listed.items.map(\.traceparent), [nil, first], "newest first")
    }

    /// Inbox writes that arrive together may share a transaction, but a call the store refuses
    /// (an event id already taken by another provider event) fails alone: every other call
    /// commits, and nothing of the refused one is kept.
    public func aRefusedInboundCallFailsAloneAmongConcurrentOnes() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: Self.accountA, endpoint: "wh_1"))
        _ = try await store.storeInboundEvents([
            Self.event("evt_taken", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", providerEventID: "Ev-0", receivedAt: 1),
        ])
        let results = try await concurrently(40, on: store) { store, index -> Bool in
            // Every tenth call reuses the taken event id for another provider event.
            let id = index % 10 == 0 ? "evt_taken" : "evt_\(index)"
            do {
                _ = try await store.storeInboundEvents([
                    Self.event(id, account: Self.accountA, endpoint: "wh_1", connection: "conn_a", providerEventID: "Ev-\(index + 1)",
                               receivedAt: 10 + Int64(index), deliveries: [("msg_\(index)", "sub_1")]),
                ])
                return true
            } catch StoreError.conflict {
                return false
            }
        }
        XCTAssertEqual(results.enumerated().filter { !$0.element }.map(\.offset), [0, 10, 20, 30], "the refused calls are not exactly the conflicting ones")
        let events = try await walk(limit: 100) {
            try await store.webhookEvents(accountID: Self.accountA, filter: WebhookEventFilter(endpointID: "wh_1"), page: $0)
        }
        XCTAssertEqual(Set(events.map(\.id)), Set(["evt_taken"] + (0..<40).filter { $0 % 10 != 0 }.map { "evt_\($0)" }))
        let deliveries = try await walk(limit: 100) {
            try await store.webhookDeliveries(accountID: Self.accountA, filter: WebhookDeliveryFilter(subscriptionID: "sub_1"), page: $0)
        }
        XCTAssertEqual(deliveries.count, 36, "a refused call left a delivery behind")
    }

    /// A pull consumer walking `webhookEvents(after:)` sees every event of its sources once,
    /// in increasing sequence order, and nothing of other sources or accounts.
    public func pullCursorsSeeEveryEventOnceInOrder() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookEndpoint(Self.endpoint("wh_2", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookEndpoint(Self.endpoint("wh_b", account: Self.accountB, connection: "conn_b"))
        var wanted: [String] = []
        for index in 0..<30 {
            let endpoint = ["wh_1", "wh_2", "wh_b"][index % 3]
            let account = endpoint == "wh_b" ? Self.accountB : Self.accountA
            let id = String(format: "evt_%02d", index)
            // Received times run backwards: pull order is the store's sequence, not the clock.
            _ = try await store.storeInboundEvents([
                Self.event(id, account: account, endpoint: endpoint, connection: account == Self.accountA ? "conn_a" : "conn_b",
                           receivedAt: 1000 - Int64(index))
            ])
            if endpoint == "wh_1" { wanted.append(id) }
        }
        // Concurrent writers too: their events come after everything above.
        let late = try await concurrently(8, on: store) { store, index in
            try await store.storeInboundEvents([
                Self.event("evt_late_\(index)", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 2000)
            ])
        }
        XCTAssertEqual(late.flatMap { $0 }, Array(repeating: .stored, count: 8))

        var seen: [WebhookEventRecord] = []
        var cursor: Int64 = 0
        for _ in 0..<100 {
            let batch = try await store.webhookEvents(accountID: Self.accountA, after: cursor, endpointIDs: ["wh_1"], providers: [],
                                                      limit: 4)
            XCTAssertLessThanOrEqual(batch.count, 4)
            guard let last = batch.last else { break }
            seen += batch
            cursor = last.sequence
        }
        XCTAssertEqual(seen.map(\.sequence), seen.map(\.sequence).sorted(), "events out of sequence order")
        XCTAssertEqual(Set(seen.map(\.sequence)).count, seen.count, "an event seen twice")
        XCTAssertEqual(Array(seen.map(\.id).prefix(wanted.count)), wanted)
        XCTAssertEqual(Set(seen.map(\.id).dropFirst(wanted.count)), Set((0..<8).map { "evt_late_\($0)" }))

        let byProvider = try await store.webhookEvents(accountID: Self.accountA, after: 0, endpointIDs: [], providers: ["slack"], limit: 100)
        XCTAssertEqual(byProvider.count, 28)
        let noSources = try await store.webhookEvents(accountID: Self.accountA, after: 0, endpointIDs: [], providers: [], limit: 100)
        XCTAssertEqual(noSources, [])
    }

    /// A cursor never passes an event that commits after a later-begun write: while one
    /// replica's big batches are still being written, another's single events commit, and a
    /// consumer reading all along on a third task sees every event exactly once, in order. A
    /// store numbering events as it inserts them, rather than as they commit, hands the reader
    /// a single event numbered past the open batch's, and the batch is skipped when it commits.
    public func aCursorNeverSkipsAnEventCommittedLate() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        let progress = WriterProgress(["batches", "singles"])
        let (batchCount, batchSize, maxSingles) = (2, 150, 300)
        let results = try await concurrently(3, on: store) { store, index -> [String] in
            switch index {
            case 0:
                // Big batches: each is one transaction, open for as long as its events take to write.
                var ids: [String] = []
                for batch in 0..<batchCount {
                    let events = (0..<batchSize).map { item in
                        Self.event("evt_big_\(batch)_\(item)", account: Self.accountA, endpoint: "wh_1", connection: "conn_a",
                                   receivedAt: 10)
                    }
                    let outcomes = try await store.storeInboundEvents(events)
                    XCTAssertEqual(outcomes, Array(repeating: .stored, count: batchSize))
                    ids += events.map(\.event.id)
                }
                await progress.finished("batches")
                return ids
            case 1:
                // Single events, one transaction each, from the other replica, for as long as batches are written.
                var ids: [String] = []
                while await progress.isWriting("batches"), ids.count < maxSingles {
                    let id = "evt_one_\(ids.count)"
                    _ = try await store.storeInboundEvents([
                        Self.event(id, account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10)
                    ])
                    ids.append(id)
                }
                await progress.finished("singles")
                return ids
            default:
                // The consumer: reads while they write, then what is left.
                var seen: [WebhookEventRecord] = []
                var writing = true
                while true {
                    let batch = try await store.webhookEvents(accountID: Self.accountA, after: seen.last?.sequence ?? 0,
                                                              endpointIDs: ["wh_1"], providers: [], limit: 50)
                    seen += batch
                    if batch.isEmpty {
                        if !writing { break }
                        writing = await progress.anyWriting
                    }
                }
                XCTAssertEqual(seen.map(\.sequence), seen.map(\.sequence).sorted(), "events out of sequence order")
                return seen.map(\.id)
            }
        }
        let written = results[0] + results[1]
        let seen = results[2]
        XCTAssertGreaterThan(results[1].count, 0)
        XCTAssertEqual(seen.count, Set(seen).count, "an event was seen twice")
        let missed = Set(written).subtracting(seen)
        XCTAssertEqual(missed.count, 0, "the cursor skipped \(missed.count) of \(written.count) events, e.g. \(missed.sorted().prefix(3))")
        XCTAssertTrue(Set(seen).isSubset(of: written), "the cursor saw events no writer wrote")
    }

    /// Event, subscription and endpoint listings page newest first without gaps or repeats.
    public func webhookListingsPageByKeyset() async throws {
        let store = try await tenants()
        try await store.insertConnection(Self.connection("conn_a2", account: Self.accountA, createdAt: 2))
        var endpoints: [WebhookEndpointRecord] = []
        for index in 0..<9 {
            let endpoint = Self.endpoint("wh_\(index)", account: Self.accountA, connection: index < 5 ? "conn_a" : "conn_a2",
                                         createdAt: 10 + Int64(index / 2))
            try await store.insertWebhookEndpoint(endpoint)
            endpoints.append(endpoint)
        }
        endpoints.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        let listedEndpoints = try await walk(limit: 2) {
            try await store.webhookEndpoints(accountID: Self.accountA, connectionID: nil, page: $0)
        }
        XCTAssertEqual(listedEndpoints.map(\.id), endpoints.map(\.id))
        let ofConnection = try await walk(limit: 3) {
            try await store.webhookEndpoints(accountID: Self.accountA, connectionID: "conn_a2", page: $0)
        }
        XCTAssertEqual(ofConnection.map(\.id), endpoints.filter { $0.connectionID == "conn_a2" }.map(\.id))

        var subscriptions: [WebhookSubscriptionRecord] = []
        for index in 0..<11 {
            let subscription = Self.subscription("sub_\(index)", account: Self.accountA, agent: index < 4 ? "agent_x" : "agent_y",
                                                 endpoint: "wh_0", mode: index.isMultiple(of: 2) ? .push : .pull,
                                                 createdAt: 20 + Int64(index / 3))
            try await store.insertWebhookSubscription(subscription)
            subscriptions.append(subscription)
        }
        subscriptions.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        let listedSubscriptions = try await walk(limit: 4) {
            try await store.webhookSubscriptions(accountID: Self.accountA, agentID: nil, page: $0)
        }
        XCTAssertEqual(listedSubscriptions, subscriptions)
        let ofAgent = try await walk(limit: 3) { try await store.webhookSubscriptions(accountID: Self.accountA, agentID: "agent_x", page: $0) }
        XCTAssertEqual(ofAgent.map(\.id), subscriptions.filter { $0.agentID == "agent_x" }.map(\.id))

        var events: [WebhookEventRecord] = []
        for index in 0..<14 {
            let inbound = Self.event("evt_\(index)", account: Self.accountA, endpoint: "wh_\(index % 2)", connection: "conn_a",
                                     receivedAt: 100 + Int64(index / 3))
            _ = try await store.storeInboundEvents([inbound])
            events.append(inbound.event)
        }
        events.sort { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
        let listedEvents = try await walk(limit: 5) {
            try await store.webhookEvents(accountID: Self.accountA, filter: WebhookEventFilter(), page: $0)
        }
        XCTAssertEqual(listedEvents.map(\.id), events.map(\.id))
        XCTAssertEqual(listedEvents.first?.payload, events.first?.payload)
        let ofEndpoint = try await walk(limit: 2) {
            try await store.webhookEvents(accountID: Self.accountA, filter: WebhookEventFilter(endpointID: "wh_1", provider: "slack",
                                                                                               key: "slack.message"), page: $0)
        }
        XCTAssertEqual(ofEndpoint.map(\.id), events.filter { $0.endpointID == "wh_1" }.map(\.id))
    }

    /// Updating and deleting subscriptions: a deleted one's unfinished deliveries are dead letters.
    public func deletingASubscriptionDeadLettersItsDeliveries() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: Self.accountA, endpoint: "wh_1"))
        var changed = Self.subscription("sub_1", account: Self.accountA, endpoint: "wh_1")
        changed.patterns = ["slack.message.*"]
        changed.status = .disabled
        changed.disabledReason = "paused by its owner"
        changed.updatedAt = 5
        try await store.updateWebhookSubscription(changed)
        let updated = try await store.webhookSubscription(id: "sub_1", accountID: Self.accountA)
        XCTAssertEqual(updated, changed)

        _ = try await store.storeInboundEvents([
            Self.event("evt_1", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_1", "sub_1")])
        ])
        try await store.deleteWebhookSubscription(id: "sub_1", accountID: Self.accountA)
        let gone = try await store.webhookSubscription(id: "sub_1", accountID: Self.accountA)
        XCTAssertNil(gone)
        let delivery = try await store.webhookDelivery(id: "msg_1", accountID: Self.accountA)
        XCTAssertEqual(delivery?.status, .dead)
    }
}
