import Foundation
public import PatchbayModel
import PatchbayWire
import PostgresNIO

extension PostgresStore {
    public func appendAuditEntry(_ entry: AuditEntry) async throws {
        let changes = try Self.text(entry.changes)
        try await write("""
            INSERT INTO audit_log (id, account_id, key_id, action, target, changes, created_at)
            VALUES (\(entry.id), \(entry.accountID), \(entry.keyID), \(entry.action), \(entry.target), \(changes), \(entry.createdAt))
            """)
    }

    public func auditEntries(accountID: String, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        var conditions = PostgresConditions("(account_id = ? OR account_id IS NULL)", accountID)
        if let action = filter.action { conditions.append("action = ?", action) }
        if let target = filter.target { conditions.append("target = ?", target) }
        if let keyID = filter.keyID { conditions.append("key_id = ?", keyID) }
        if let since = filter.since { conditions.append("created_at >= ?", since) }
        if let until = filter.until { conditions.append("created_at < ?", until) }
        return try await self.page(table: "audit_log", conditions: conditions, page: page, decode: { row in
            AuditEntry(id: try row.value("id"), accountID: try row.value("account_id", as: String?.self),
                       keyID: try row.value("key_id", as: String?.self), action: try row.value("action"), target: try row.value("target"),
                       changes: try Self.decode(JSONValue.self, try row.value("changes")), createdAt: try row.value("created_at"))
        }, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }
}
