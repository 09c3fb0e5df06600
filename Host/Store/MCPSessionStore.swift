public import PatchbayModel

/// The agents' open MCP sessions, shared by every replica of the store. A session is live while
/// it was last used at or after a cutoff the caller gives (now minus the idle timeout); older
/// ones count for nothing and are deleted by `deleteIdleMCPSessions`.
public protocol MCPSessionStore: Sendable {
    /// Opens the session unless its account already holds `limit` sessions live since
    /// `liveSince`, and says whether it did. Counting and inserting are one step for every
    /// store instance on the same database, so opens racing on several replicas never pass the
    /// limit together.
    func openMCPSession(_ session: MCPSessionRecord, limit: Int, liveSince: Millis) async throws -> Bool
    func mcpSession(id: String, accountID: String) async throws -> MCPSessionRecord?
    /// Records a use of the session at `at`; false when it is gone (ended or expired, perhaps on another replica).
    func touchMCPSession(id: String, accountID: String, at: Millis) async throws -> Bool
    /// Ends the session; false when there was none.
    func deleteMCPSession(id: String, accountID: String) async throws -> Bool
    func mcpSessionCount(accountID: String, liveSince: Millis) async throws -> Int
    /// Deletes the sessions of every account last used before `cutoff`; returns how many.
    func deleteIdleMCPSessions(lastUsedBefore cutoff: Millis) async throws -> Int
}
