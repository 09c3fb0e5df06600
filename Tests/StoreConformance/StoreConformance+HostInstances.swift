import Foundation
import PatchbayModel
import PatchbayStore
import XCTest

/// Instances and the executions they leave behind.
extension StoreConformance {
    /// Heartbeats update one row per instance; the running executions of a gone instance are
    /// marked interrupted, once, and finished ones are left alone.
    public func executionsOfAGoneInstanceAreInterrupted() async throws {
        let store = try await tenants()
        let healthy = await store.storageProblem()
        XCTAssertNil(healthy)
        try await store.saveHostInstance(HostInstanceRecord(id: store.instanceID, machine: "m1", pid: 10, startedAt: 5, heartbeatAt: 5))
        try await store.saveHostInstance(HostInstanceRecord(id: store.instanceID, machine: "m1", pid: 10, startedAt: 5, heartbeatAt: 9))
        try await store.saveHostInstance(HostInstanceRecord(id: "inst_other", machine: "m2", pid: 20, startedAt: 1, heartbeatAt: 8))
        let instances = try await store.hostInstances()
        XCTAssertEqual(instances, [HostInstanceRecord(id: "inst_other", machine: "m2", pid: 20, startedAt: 1, heartbeatAt: 8),
                                   HostInstanceRecord(id: store.instanceID, machine: "m1", pid: 10, startedAt: 5, heartbeatAt: 9)])

        try await store.insertExecution(Self.execution("exec_running", account: Self.accountA, connection: "conn_a", startedAt: 100),
                                        durability: .outlivesProcess)
        try await store.insertExecution(Self.execution("exec_done", account: Self.accountA, connection: "conn_a", status: .succeeded,
                                                       startedAt: 101), durability: .onDisk)
        let untouched = try await store.interruptExecutions(ofInstances: ["inst_other"], at: 150)
        XCTAssertEqual(untouched, 0, "another instance's interruption marked this one's executions")
        let marked = try await store.interruptExecutions(ofInstances: [store.instanceID], at: 160)
        XCTAssertEqual(marked, 1)
        let interrupted = try await store.execution(id: "exec_running", accountID: Self.accountA)
        XCTAssertEqual(interrupted?.status, .interrupted)
        XCTAssertEqual(interrupted?.errorCode, ExecutionRecord.outcomeUnknown)
        XCTAssertEqual(interrupted?.finishedAt, 160)
        XCTAssertEqual(interrupted?.durationMs, 60)
        let done = try await store.execution(id: "exec_done", accountID: Self.accountA)
        XCTAssertEqual(done?.status, .succeeded)
        let remaining = try await store.hostInstances()
        XCTAssertEqual(remaining, [], "interrupted instances were not forgotten")
        let none = try await store.interruptExecutions(ofInstances: [], at: 170)
        XCTAssertEqual(none, 0)
    }

    /// A call approved (moved to `running`) belongs to the instance that runs it.
    public func anApprovedCallBelongsToTheInstanceRunningIt() async throws {
        let store = try await tenants()
        try await store.insertExecution(Self.execution("exec_paused", account: Self.accountA, connection: "conn_a",
                                                       status: .awaitingApproval, startedAt: 100, trigger: .skill, agentID: "agent_1"),
                                        durability: .onDisk)
        let approved = try await store.transitionExecution(id: "exec_paused", accountID: Self.accountA, from: .awaitingApproval,
                                                           to: .running)
        XCTAssertTrue(approved)
        let marked = try await store.interruptExecutions(ofInstances: [store.instanceID], at: 200)
        XCTAssertEqual(marked, 1)
        let execution = try await store.execution(id: "exec_paused", accountID: Self.accountA)
        XCTAssertEqual(execution?.status, .interrupted)
    }
}
