import Foundation
import PatchbayClock
import PatchbayModel
import PatchbayStore
import XCTest

/// Agents, their drafts and published versions.
extension StoreConformance {
    /// Names are unique per account; reads, edits, versions and deletes answer only to the owner.
    public func agentsAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        try await store.insertAgent(Self.agent("agent_a", account: Self.accountA, name: "support"))
        try await store.insertAgent(Self.agent("agent_b", account: Self.accountB, name: "support"))
        do {
            try await store.insertAgent(Self.agent("agent_a2", account: Self.accountA, name: "support"))
            XCTFail("a second agent of the same name was accepted in one account")
        } catch StoreError.conflict {}

        let published = try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: "first", at: 10)
        XCTAssertEqual(published, AgentVersionRecord(agentID: "agent_a", version: 1, skills: [Self.skill("post")], note: "first",
                                                     publishedAt: 10))
        let foreignPublish = try await store.publishAgent(id: "agent_a", accountID: Self.accountB, note: nil, at: 11)
        XCTAssertNil(foreignPublish)
        let b = Self.accountB
        let foreignAgent = try await store.agent(id: "agent_a", accountID: b)
        XCTAssertNil(foreignAgent)
        let foreignVersions = try await store.agentVersions(agentID: "agent_a", accountID: b)
        XCTAssertEqual(foreignVersions, [], "another account listed the versions")
        let foreignVersion = try await store.agentVersion(agentID: "agent_a", accountID: b, version: 1)
        XCTAssertNil(foreignVersion, "another account read a version")
        let foreignEdit = try await store.updateAgent(id: "agent_a", accountID: b) { $0.description = "hijacked" }
        XCTAssertNil(foreignEdit)
        let foreignRollback = try await store.rollbackAgent(id: "agent_a", accountID: b, to: 1, note: nil, at: 12)
        XCTAssertNil(foreignRollback)
        let foreignDelete = try await store.deleteAgent(id: "agent_a", accountID: b)
        XCTAssertFalse(foreignDelete)

        let agent = try await store.agent(id: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(agent?.liveVersion, 1)
        XCTAssertEqual(agent?.description, "")
        let version = try await store.agentVersion(agentID: "agent_a", accountID: Self.accountA, version: 1)
        XCTAssertEqual(version, published)
        let listed = try await walk(limit: 1) { try await store.agents(accountID: Self.accountA, page: $0) }
        XCTAssertEqual(listed.map(\.id), ["agent_a"])
    }

    /// Concurrent edits of a draft each see the other's: none is lost.
    public func concurrentDraftEditsAreNotLost() async throws {
        let store = try await tenants()
        try await store.insertAgent(Self.agent("agent_a", account: Self.accountA, name: "support"))
        _ = try await concurrently(16, on: store) { store, index in
            try await store.updateAgent(id: "agent_a", accountID: Self.accountA) { agent in
                agent.draft.append(Self.skill("skill_\(index)"))
                agent.updatedAt = 100 + Int64(index)
            }
        }
        let agent = try await store.agent(id: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(Set(agent?.draft.map(\.name) ?? []), Set(["post"] + (0..<16).map { "skill_\($0)" }), "an edit was lost")
        let missing = try await store.updateAgent(id: "agent_none", accountID: Self.accountA) { _ in }
        XCTAssertNil(missing)
    }

    /// Versions number up from 1 and go live as published; a rollback publishes an earlier
    /// version's skills as the next one, and refuses to roll back to the live one.
    public func publishingAndRollingBackNumberVersions() async throws {
        let store = try await tenants()
        try await store.insertAgent(Self.agent("agent_a", account: Self.accountA, name: "support"))
        _ = try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: nil, at: 10)
        _ = try await store.updateAgent(id: "agent_a", accountID: Self.accountA) { $0.draft = [Self.skill("second")] }
        let two = try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: "two", at: 20)
        XCTAssertEqual(two?.version, 2)
        do {
            _ = try await store.rollbackAgent(id: "agent_a", accountID: Self.accountA, to: 2, note: nil, at: 25)
            XCTFail("a rollback to the live version was accepted")
        } catch StoreError.conflict {}
        let missing = try await store.rollbackAgent(id: "agent_a", accountID: Self.accountA, to: 9, note: nil, at: 25)
        XCTAssertNil(missing)
        let three = try await store.rollbackAgent(id: "agent_a", accountID: Self.accountA, to: 1, note: "back", at: 30)
        XCTAssertEqual(three, AgentVersionRecord(agentID: "agent_a", version: 3, skills: [Self.skill("post")], note: "back",
                                                 publishedAt: 30, rolledBackFrom: 1))
        let agent = try await store.agent(id: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(agent?.liveVersion, 3)
        XCTAssertEqual(agent?.draft, [Self.skill("second")], "a rollback changed the draft")
        let versions = try await store.agentVersions(agentID: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(versions.map(\.version), [3, 2, 1])

        // Concurrent publishes each get their own number.
        let numbers = try await concurrently(8, on: store) { store, index in
            try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: nil, at: 40 + Int64(index))?.version
        }
        XCTAssertEqual(Set(numbers.compactMap { $0 }), Set(4...11))
    }

    /// Publishes and rollbacks racing on two replicas each get their own version number, with
    /// no gap; of concurrent deletes of one agent, one deletes it.
    public func concurrentPublishesAndRollbacksNumberVersionsWithoutGaps() async throws {
        let store = try await tenants()
        try await store.insertAgent(Self.agent("agent_a", account: Self.accountA, name: "support"))
        _ = try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: nil, at: 10)
        _ = try await store.updateAgent(id: "agent_a", accountID: Self.accountA) { $0.draft = [Self.skill("second")] }
        _ = try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: nil, at: 20)
        // Version 1 is never live again: each rollback to it publishes a newer copy.
        let written = try await concurrently(16, on: store) { store, index in
            index.isMultiple(of: 2)
                ? try await store.publishAgent(id: "agent_a", accountID: Self.accountA, note: "p\(index)", at: 30 + Int64(index))
                : try await store.rollbackAgent(id: "agent_a", accountID: Self.accountA, to: 1, note: "r\(index)", at: 30 + Int64(index))
        }
        XCTAssertEqual(written.compactMap { $0?.version }.sorted(), Array(3...18), "versions were duplicated or skipped")
        let versions = try await store.agentVersions(agentID: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(versions.map(\.version), Array((1...18).reversed()))
        let rollbacks = versions.filter { $0.rolledBackFrom == 1 }
        XCTAssertEqual(rollbacks.count, 8)
        XCTAssertTrue(rollbacks.allSatisfy { $0.skills == [Self.skill("post")] }, "a rollback did not copy version 1")
        let agent = try await store.agent(id: "agent_a", accountID: Self.accountA)
        XCTAssertEqual(agent?.liveVersion, 18, "the live version is not the newest")

        let deletes = try await concurrently(8, on: store) { store, _ in
            try await store.deleteAgent(id: "agent_a", accountID: Self.accountA)
        }
        XCTAssertEqual(deletes.filter { $0 }.count, 1, "\(deletes.filter { $0 }.count) deletes took one agent")
    }

    /// Deleting an agent takes its subscriptions, dead-letters their unfinished deliveries, and
    /// keeps its executions; agents page newest first.
    public func deletingAnAgentTakesItsSubscriptions() async throws {
        let store = try await tenants()
        for index in 0..<7 {
            try await store.insertAgent(Self.agent("agent_\(index)", account: Self.accountA, name: "agent \(index)",
                                                   createdAt: 10 + Int64(index / 2)))
        }
        let expected = (0..<7).map { (Int64(10 + $0 / 2), "agent_\($0)") }.sorted { $0 > $1 }.map(\.1)
        let listed = try await walk(limit: 3) { try await store.agents(accountID: Self.accountA, page: $0) }
        XCTAssertEqual(listed.map(\.id), expected)

        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        try await store.insertWebhookSubscription(Self.subscription("sub_1", account: Self.accountA, agent: "agent_0", endpoint: "wh_1"))
        _ = try await store.storeInboundEvents([
            Self.event("evt_1", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                       deliveries: [("msg_1", "sub_1")])
        ])
        try await store.insertExecution(Self.execution("exec_1", account: Self.accountA, connection: "conn_a", status: .succeeded,
                                                       startedAt: 5, trigger: .skill, agentID: "agent_0"), durability: .onDisk)
        clock.advance(by: .seconds(1))
        let deleted = try await store.deleteAgent(id: "agent_0", accountID: Self.accountA)
        XCTAssertTrue(deleted)
        let again = try await store.deleteAgent(id: "agent_0", accountID: Self.accountA)
        XCTAssertFalse(again)
        let subscription = try await store.webhookSubscription(id: "sub_1", accountID: Self.accountA)
        XCTAssertNil(subscription)
        let delivery = try await store.webhookDelivery(id: "msg_1", accountID: Self.accountA)
        XCTAssertEqual(delivery?.status, .dead)
        XCTAssertEqual(delivery?.updatedAt, clock.wallMillis, "dead-lettered at a time not read from the store's clock")
        let execution = try await store.execution(id: "exec_1", accountID: Self.accountA)
        XCTAssertNotNil(execution, "an agent's executions went with it")
    }

    /// Deleting agents while their subscriptions are deleted on another replica: every delete
    /// completes (neither waits on the other's locks forever or is aborted as a deadlock) and
    /// every delivery they owed is dead-lettered.
    public func deletingAgentsRacesDeletingTheirSubscriptions() async throws {
        let store = try await tenants()
        try await store.insertWebhookEndpoint(Self.endpoint("wh_1", account: Self.accountA, connection: "conn_a"))
        let count = 8
        for index in 0..<count {
            try await store.insertAgent(Self.agent("agent_\(index)", account: Self.accountA, name: "agent \(index)"))
            try await store.insertWebhookSubscription(Self.subscription("sub_\(index)", account: Self.accountA, agent: "agent_\(index)",
                                                                        endpoint: "wh_1"))
            _ = try await store.storeInboundEvents([
                Self.event("evt_\(index)", account: Self.accountA, endpoint: "wh_1", connection: "conn_a", receivedAt: 10,
                           deliveries: [("msg_\(index)", "sub_\(index)")])
            ])
        }
        // Even runs (one replica) delete agent n, odd runs (the other) its subscription.
        let deleted = try await concurrently(2 * count, on: store) { store, index in
            guard index.isMultiple(of: 2) else {
                try await store.deleteWebhookSubscription(id: "sub_\(index / 2)", accountID: Self.accountA)
                return false
            }
            return try await store.deleteAgent(id: "agent_\(index / 2)", accountID: Self.accountA)
        }
        XCTAssertEqual(deleted.filter { $0 }.count, count, "an agent was not deleted")
        for index in 0..<count {
            let subscription = try await store.webhookSubscription(id: "sub_\(index)", accountID: Self.accountA)
            XCTAssertNil(subscription)
            let delivery = try await store.webhookDelivery(id: "msg_\(index)", accountID: Self.accountA)
            XCTAssertEqual(delivery?.status, .dead, "msg_\(index) is still owed to a deleted subscription")
        }
    }
}
