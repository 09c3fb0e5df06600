import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// MCP sessions: found and changed only by their account, limited per account across store
/// instances, and expired by last use.
extension StoreConformance {
    static func mcpSession(_ id: String, account: String, lastUsedAt: Millis = 100) -> MCPSessionRecord {
        MCPSessionRecord(id: id, accountID: account, agentID: "agent_1",
                         initialize: ["protocolVersion": "2025-06-18", "capabilities": [:],
                                      "clientInfo": ["name": "conformance", "version": "1"]],
                         createdAt: lastUsedAt, lastUsedAt: lastUsedAt)
    }

    /// Another account's key finds, touches and ends nothing; a use never moves the last use back.
    public func mcpSessionsAnswerOnlyToTheirAccount() async throws {
        let store = try await tenants()
        let session = Self.mcpSession("mcps_a", account: Self.accountA)
        let opened = try await store.openMCPSession(session, limit: 10, liveSince: 0)
        XCTAssertTrue(opened)
        let found = try await store.mcpSession(id: "mcps_a", accountID: Self.accountA)
        XCTAssertEqual(found, session, "the initialize params did not read back as written")
        let foreign = try await store.mcpSession(id: "mcps_a", accountID: Self.accountB)
        XCTAssertNil(foreign)
        let foreignTouch = try await store.touchMCPSession(id: "mcps_a", accountID: Self.accountB, at: 500)
        XCTAssertFalse(foreignTouch)
        let foreignDelete = try await store.deleteMCPSession(id: "mcps_a", accountID: Self.accountB)
        XCTAssertFalse(foreignDelete)

        let touched = try await store.touchMCPSession(id: "mcps_a", accountID: Self.accountA, at: 300)
        XCTAssertTrue(touched)
        let late = try await store.touchMCPSession(id: "mcps_a", accountID: Self.accountA, at: 200)
        XCTAssertTrue(late)
        let used = try await store.mcpSession(id: "mcps_a", accountID: Self.accountA)
        XCTAssertEqual(used?.lastUsedAt, 300, "a use recorded late moved the last use back")

        let deleted = try await store.deleteMCPSession(id: "mcps_a", accountID: Self.accountA)
        XCTAssertTrue(deleted)
        let again = try await store.deleteMCPSession(id: "mcps_a", accountID: Self.accountA)
        XCTAssertFalse(again)
        let gone = try await store.touchMCPSession(id: "mcps_a", accountID: Self.accountA, at: 400)
        XCTAssertFalse(gone, "a touch of an ended session must say it is gone")
    }

    /// Opens racing on two store instances (two replicas) never pass the account's limit
    /// together; idle sessions and other accounts' sessions do not count against it.
    public func mcpSessionLimitHoldsAcrossReplicas() async throws {
        let store = try await tenants()
        let idle = try await store.openMCPSession(Self.mcpSession("mcps_idle", account: Self.accountA, lastUsedAt: 10),
                                                  limit: 3, liveSince: 0)
        XCTAssertTrue(idle)
        let opened = try await concurrently(12, on: store) { replica, index in
            try await replica.openMCPSession(Self.mcpSession("mcps_\(index)", account: Self.accountA, lastUsedAt: 100),
                                             limit: 3, liveSince: 50)
        }
        XCTAssertEqual(opened.filter { $0 }.count, 3, "concurrent opens passed the limit or were refused below it")
        let live = try await store.mcpSessionCount(accountID: Self.accountA, liveSince: 50)
        XCTAssertEqual(live, 3)
        let elsewhere = try await store.openMCPSession(Self.mcpSession("mcps_b", account: Self.accountB), limit: 3, liveSince: 50)
        XCTAssertTrue(elsewhere, "the limit is per account")
    }

    /// Sessions last used before the cutoff are deleted, of every account; the others stay.
    public func idleMCPSessionsExpire() async throws {
        let store = try await tenants()
        for (id, account, lastUsed) in [("mcps_old_a", Self.accountA, Millis(100)), ("mcps_old_b", Self.accountB, 150),
                                        ("mcps_new_a", Self.accountA, 200)] {
            let opened = try await store.openMCPSession(Self.mcpSession(id, account: account, lastUsedAt: lastUsed), limit: 10, liveSince: 0)
            XCTAssertTrue(opened)
        }
        let live = try await store.mcpSessionCount(accountID: Self.accountA, liveSince: 160)
        XCTAssertEqual(live, 1)
        let expired = try await store.deleteIdleMCPSessions(lastUsedBefore: 160)
        XCTAssertEqual(expired, 2)
        let oldA = try await store.mcpSession(id: "mcps_old_a", accountID: Self.accountA)
        let oldB = try await store.mcpSession(id: "mcps_old_b", accountID: Self.accountB)
        let newA = try await store.mcpSession(id: "mcps_new_a", accountID: Self.accountA)
        XCTAssertNil(oldA)
        XCTAssertNil(oldB)
        XCTAssertNotNil(newA)
        let none = try await store.deleteIdleMCPSessions(lastUsedBefore: 160)
        XCTAssertEqual(none, 0)
    }
}
