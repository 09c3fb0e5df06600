import Foundation
public import PatchbayModel
import PatchbayWire
import PostgresNIO

extension PostgresStore {
    /// Replicas opening sessions of one account at once take turns on the account's row
    /// (`FOR UPDATE`), so each counts the sessions the ones before it inserted. Accounts
    /// differ, their opens do not wait for each other.
    public func openMCPSession(_ session: MCPSessionRecord, limit: Int, liveSince: Millis) async throws -> Bool {
        let initialize = try Self.text(session.initialize)
        return try await transaction { connection in
            try await connection.rows("SELECT id FROM accounts WHERE id = \(session.accountID) FOR UPDATE", logger: self.logger)
            let live = try await connection.rows(
                "SELECT COUNT(*) AS live FROM mcp_sessions WHERE account_id = \(session.accountID) AND last_used_at >= \(liveSince)",
                logger: self.logger)
            guard try live.first?.value("live", as: Int.self) ?? 0 < limit else { return false }
            try await connection.rows(
                """
                INSERT INTO mcp_sessions (id, account_id, agent_id, initialize, created_at, last_used_at)
                VALUES (\(session.id), \(session.accountID), \(session.agentID), \(initialize), \(session.createdAt), \(session.lastUsedAt))
                """, logger: self.logger)
            return true
        }
    }

    public func mcpSession(id: String, accountID: String) async throws -> MCPSessionRecord? {
        try await rows("SELECT * FROM mcp_sessions WHERE id = \(id) AND account_id = \(accountID)").first.map { row in
            MCPSessionRecord(id: try row.value("id"), accountID: try row.value("account_id"), agentID: try row.value("agent_id"),
                             initialize: try Self.decode(JSONValue.self, try row.value("initialize")),
                             createdAt: try row.value("created_at"), lastUsedAt: try row.value("last_used_at"))
        }
    }

    /// One statement, committed on its own: a use is written at most once per tenth of the
    /// idle timeout, so a transaction that skips the WAL flush would save little and cost more round trips.
    public func touchMCPSession(id: String, accountID: String, at: Millis) async throws -> Bool {
        !(try await write("""
            UPDATE mcp_sessions SET last_used_at = GREATEST(last_used_at, \(at))
            WHERE id = \(id) AND account_id = \(accountID) RETURNING id
            """).isEmpty)
    }

    public func deleteMCPSession(id: String, accountID: String) async throws -> Bool {
        !(try await write("DELETE FROM mcp_sessions WHERE id = \(id) AND account_id = \(accountID) RETURNING id").isEmpty)
    }

    public func mcpSessionCount(accountID: String, liveSince: Millis) async throws -> Int {
        try await rows("SELECT COUNT(*) AS live FROM mcp_sessions WHERE account_id = \(accountID) AND last_used_at >= \(liveSince)")
            .first?.value("live", as: Int.self) ?? 0
    }

    public func deleteIdleMCPSessions(lastUsedBefore cutoff: Millis) async throws -> Int {
        try await write("DELETE FROM mcp_sessions WHERE last_used_at < \(cutoff) RETURNING id").count
    }
}
