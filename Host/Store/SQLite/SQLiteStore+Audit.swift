import Foundation
import GRDB
public import PatchbayModel
import PatchbayWire

extension SQLiteStore {
    public func appendAuditEntry(_ entry: AuditEntry) async throws {
        let changes = try Self.text(entry.changes)
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO audit_log (id, account_id, key_id, action, target, changes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [entry.id, entry.accountID, entry.keyID, entry.action, entry.target, changes, entry.createdAt])
        }
    }

    public func auditEntries(accountID: String, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        var conditions = ["(account_id = ? OR account_id IS NULL)"]
        var arguments: StatementArguments = [accountID]
        if let action = filter.action { conditions.append("action = ?"); arguments += [action] }
        if let target = filter.target { conditions.append("target = ?"); arguments += [target] }
        if let keyID = filter.keyID { conditions.append("key_id = ?"); arguments += [keyID] }
        if let since = filter.since { conditions.append("created_at >= ?"); arguments += [since] }
        if let until = filter.until { conditions.append("created_at < ?"); arguments += [until] }
        return try await self.page(table: "audit_log", conditions: conditions, arguments: arguments, page: page, decode: { row in
            AuditEntry(id: row["id"], accountID: row["account_id"], keyID: row["key_id"], action: row["action"], target: row["target"],
                       changes: try Self.decode(JSONValue.self, row["changes"]), createdAt: row["created_at"])
        }, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }
}
