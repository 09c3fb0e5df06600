import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// Executions: the record kept before a call goes out, its outcome, and the approval handoff.
extension StoreConformance {
    /// Running, then finished, under both durabilities; only the owner reads or changes it.
    public func executionLifecycle() async throws {
        let store = try await tenants()
        let started = Self.execution("exec_1", account: Self.accountA, connection: "conn_a", startedAt: 10)
        try await store.insertExecution(started, durability: .outlivesProcess)
        try await store.insertExecution(Self.execution("exec_2", account: Self.accountA, connection: "conn_a", startedAt: 11),
                                        durability: .onDisk)
        let running = try await store.execution(id: "exec_1", accountID: Self.accountA)
        XCTAssertEqual(running, started)

        var finished = started
        finished.status = .succeeded
        finished.finishedAt = 15
        finished.durationMs = 5
        finished.upstreamStatus = 200
        finished.retryable = false
        finished.requests = [["method": "POST", "url": "https://slack.com/api/chat.postMessage", "status": 200]]
        finished.output = ["ok": true]
        var foreign = finished
        foreign.accountID = Self.accountB
        foreign.status = .failed
        try await store.updateExecution(foreign)
        let stillRunning = try await store.execution(id: "exec_1", accountID: Self.accountA)
        XCTAssertEqual(stillRunning?.status, .running, "another account changed the execution")
        try await store.updateExecution(finished)

        let reopened = try await reopen(store)
        let stored = try await reopened.execution(id: "exec_1", accountID: Self.accountA)
        XCTAssertEqual(stored, finished)
        let relaxed = try await reopened.execution(id: "exec_2", accountID: Self.accountA)
        XCTAssertEqual(relaxed?.status, .running)
        let hidden = try await reopened.execution(id: "exec_1", accountID: Self.accountB)
        XCTAssertNil(hidden)
    }

    /// Of many concurrent approvals of one paused call, exactly one moves it on.
    public func executionTransitionsHappenOnce() async throws {
        let store = try await tenants()
        var paused = Self.execution("exec_paused", account: Self.accountA, connection: "conn_a", status: .awaitingApproval,
                                    startedAt: 10, trigger: .skill, agentID: "agent_1")
        paused.skillCall?.pendingInput = ["text": "hi"]
        try await store.insertExecution(paused, durability: .onDisk)
        let foreign = try await store.transitionExecution(id: "exec_paused", accountID: Self.accountB, from: .awaitingApproval,
                                                          to: .running)
        XCTAssertFalse(foreign, "another account approved the call")

        let outcomes = try await concurrently(20, on: store) { store, index in
            try await store.transitionExecution(id: "exec_paused", accountID: Self.accountA, from: .awaitingApproval,
                                                to: index.isMultiple(of: 2) ? .running : .denied)
        }
        XCTAssertEqual(outcomes.filter { $0 }.count, 1, "\(outcomes.filter { $0 }.count) approvals went through")
        let stored = try await store.execution(id: "exec_paused", accountID: Self.accountA)
        XCTAssertNotEqual(stored?.status, .awaitingApproval)
        XCTAssertEqual(stored?.skillCall?.pendingInput, ["text": "hi"])
    }

    /// Newest first by (started_at, id) across pages, with each filter.
    public func executionsPageAndFilter() async throws {
        let store = try await tenants()
        try await store.insertConnection(Self.connection("conn_a2", account: Self.accountA, createdAt: 2))
        var expected: [ExecutionRecord] = []
        for index in 0..<17 {
            let record = Self.execution(
                String(format: "exec_%02d", index), account: Self.accountA, connection: index < 9 ? "conn_a" : "conn_a2",
                status: index.isMultiple(of: 3) ? .failed : .succeeded, action: index.isMultiple(of: 2) ? "send_message" : "list_users",
                startedAt: 100 + Int64(index / 2), trigger: index.isMultiple(of: 4) ? .mcp : .api,
                agentID: index.isMultiple(of: 4) ? "agent_1" : nil)
            try await store.insertExecution(record, durability: .onDisk)
            expected.append(record)
        }
        try await store.insertExecution(Self.execution("exec_b", account: Self.accountB, connection: "conn_b", startedAt: 500),
                                        durability: .onDisk)
        expected.sort { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }

        let all = try await walk(limit: 4) { try await store.executions(accountID: Self.accountA, filter: ExecutionFilter(), page: $0) }
        XCTAssertEqual(all.map(\.id), expected.map(\.id))
        let filters: [(ExecutionFilter, (ExecutionRecord) -> Bool)] = [
            (ExecutionFilter(connectionID: "conn_a2"), { $0.connectionID == "conn_a2" }),
            (ExecutionFilter(action: "list_users"), { $0.action == "list_users" }),
            (ExecutionFilter(status: .failed), { $0.status == .failed }),
            (ExecutionFilter(agentID: "agent_1"), { $0.skillCall?.agentID == "agent_1" }),
            (ExecutionFilter(trigger: .mcp), { $0.trigger == .mcp }),
        ]
        for (filter, matches) in filters {
            let listed = try await walk(limit: 2) { try await store.executions(accountID: Self.accountA, filter: filter, page: $0) }
            XCTAssertEqual(listed.map(\.id), expected.filter(matches).map(\.id), "\(filter)")
        }
    }
}
