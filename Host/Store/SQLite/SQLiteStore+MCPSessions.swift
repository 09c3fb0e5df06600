import Foundation
import GRDB
public import PatchbayModel
import PatchbayWire

extension SQLiteStore {
    /// SQLite has one writer per database file, and the write transaction begins IMMEDIATE: a
    /// second process's open waits for this one's commit, then counts what it inserted.
    public func openMCPSession(_ session: MCPSessionRecord, limit: Int, liveSince: Millis) async throws -> Bool {
        let initialize = try Self.text(session.initialize)
        return try await write { db in
            guard try Self.liveMCPSessions(db, accountID: session.accountID, liveSince: liveSince) < limit else { return false }
            try db.cachedStatement(
                sql: """
                    INSERT INTO mcp_sessions (id, account_id, agent_id, initialize, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [session.id, session.accountID, session.agentID, initialize, session.createdAt, session.lastUsedAt])
            return true
        }
    }

    public func mcpSession(id: String, accountID: String) async throws -> MCPSessionRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM mcp_sessions WHERE id = ? AND account_id = ?"), [id, accountID]) { row in
                MCPSessionRecord(id: row["id"], accountID: row["account_id"], agentID: row["agent_id"],
                                 initialize: try Self.decode(JSONValue.self, row["initialize"]),
                                 createdAt: row["created_at"], lastUsedAt: row["last_used_at"])
            }
        }
    }

    /// A lost use costs at most an early expiry, so it need not wait for the disk.
    public func touchMCPSession(id: String, accountID: String, at: Millis) async throws -> Bool {
        try await write(.outlivesProcess) { db in
            try db.cachedStatement(sql: "UPDATE mcp_sessions SET last_used_at = MAX(last_used_at, ?) WHERE id = ? AND account_id = ?")
                .execute(arguments: [at, id, accountID])
            return db.changesCount > 0
        }
    }

    public func deleteMCPSession(id: String, accountID: String) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM mcp_sessions WHERE id = ? AND account_id = ?").execute(arguments: [id, accountID])
            return db.changesCount > 0
        }
    }

    public func mcpSessionCount(accountID: String, liveSince: Millis) async throws -> Int {
        try await read { db in try Self.liveMCPSessions(db, accountID: accountID, liveSince: liveSince) }
    }

    public func deleteIdleMCPSessions(lastUsedBefore cutoff: Millis) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM mcp_sessions WHERE last_used_at < ?").execute(arguments: [cutoff])
            return db.changesCount
        }
    }

    private static func liveMCPSessions(_ db: Database, accountID: String, liveSince: Millis) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM mcp_sessions WHERE account_id = ? AND last_used_at >= ?"),
                         arguments: [accountID, liveSince]) ?? 0
    }
}
