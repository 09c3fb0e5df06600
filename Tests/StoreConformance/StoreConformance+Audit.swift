import Foundation
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// The audit log: appended, read by account with the host's own entries, filtered and paged.
extension StoreConformance {
    public func auditEntriesPageAndFilterByAccount() async throws {
        let store = try await tenants()
        for index in 0..<7 {
            try await store.appendAuditEntry(AuditEntry(
                id: "aud_a\(index)", accountID: "acct_a", keyID: index % 2 == 0 ? "key_1" : "key_2",
                action: index < 4 ? "connection.created" : "api_key.revoked", target: "conn_\(index % 3)",
                changes: ["label": .string("L\(index)"), "credentials": ["bot_token"]], createdAt: Millis(100 + index)))
        }
        try await store.appendAuditEntry(AuditEntry(id: "aud_b", accountID: "acct_b", keyID: "key_b", action: "connection.created",
                                                    target: "conn_b", createdAt: 103))
        try await store.appendAuditEntry(AuditEntry(id: "aud_host", accountID: nil, keyID: nil, action: "vault.rotated",
                                                    target: "k2", changes: ["retired": "k1"], createdAt: 104))

        let all = try await walk(limit: 3) { try await store.auditEntries(accountID: "acct_a", filter: AuditFilter(), page: $0) }
        // aud_host and aud_a4 share a time: the id orders them, as every listing's cursor does.
        XCTAssertEqual(all.map(\.id), ["aud_a6", "aud_a5", "aud_host", "aud_a4", "aud_a3", "aud_a2", "aud_a1", "aud_a0"])
        XCTAssertEqual(all.first, AuditEntry(id: "aud_a6", accountID: "acct_a", keyID: "key_1", action: "api_key.revoked",
                                             target: "conn_0", changes: ["label": "L6", "credentials": ["bot_token"]], createdAt: 106))
        XCTAssertEqual(all[2].accountID, nil)
        XCTAssertEqual(all[2].keyID, nil)

        let other = try await store.auditEntries(accountID: "acct_b", filter: AuditFilter(), page: PageRequest(limit: 50))
        XCTAssertEqual(other.items.map(\.id), ["aud_host", "aud_b"])

        func ids(_ filter: AuditFilter) async throws -> [String] {
            try await store.auditEntries(accountID: "acct_a", filter: filter, page: PageRequest(limit: 50)).items.map(\.id)
        }
        let byAction = try await ids(AuditFilter(action: "api_key.revoked"))
        XCTAssertEqual(byAction, ["aud_a6", "aud_a5", "aud_a4"])
        let byTarget = try await ids(AuditFilter(target: "conn_1"))
        XCTAssertEqual(byTarget, ["aud_a4", "aud_a1"])
        let byKey = try await ids(AuditFilter(keyID: "key_2"))
        XCTAssertEqual(byKey, ["aud_a5", "aud_a3", "aud_a1"])
        let window = try await ids(AuditFilter(since: 102, until: 105))
        XCTAssertEqual(window, ["aud_host", "aud_a4", "aud_a3", "aud_a2"])
        let combined = try await ids(AuditFilter(action: "connection.created", keyID: "key_1", since: 101))
        XCTAssertEqual(combined, ["aud_a2"])
    }
}
