import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayStore
public import PatchbayWire

/// The agents' MCP sessions as the store keeps them, the same for every replica: opened under
/// the account's limit, found and marked used by each request, ended, and expired once idle.
/// A replica's MCP server for a session is its own, rebuilt from the record when a request of
/// a session it has not seen lands on it.
public struct MCPSessionService: Sendable {
    let store: any MCPSessionStore
    public let settings: MCPSessionSettings
    /// The clock sessions are used and go idle by.
    let clock: any HostClock

    /// Records a session for an `initialize` request with these `params`, unless the account
    /// holds its limit on all replicas together. Sessions idle past the timeout are swept
    /// first, so the table holds no more than the live sessions and those idle since the last open.
    public func open(principal: Principal, agentID: String, initialize params: JSONValue) async throws -> MCPSessionRecord {
        let now = clock.wallMillis
        _ = try await store.deleteIdleMCPSessions(lastUsedBefore: liveSince(now))
        let session = MCPSessionRecord(id: IDs.make("mcps"), accountID: principal.accountID, agentID: agentID, initialize: params,
                                       createdAt: now, lastUsedAt: now)
        guard try await store.openMCPSession(session, limit: settings.maxPerAccount, liveSince: liveSince(now)) else {
            throw ServiceError(.throttled, "mcp_session_limit",
                               "the account has \(settings.maxPerAccount) open MCP sessions on this host's replicas together, "
                                   + "the most allowed; end one with DELETE or let one expire")
        }
        return session
    }

    /// The account's open session `id` on `agentID` for a request, with the use recorded; nil
    /// when it ended (on any replica), expired, or is not the account's or the agent's.
    public func use(id: String, accountID: String, agentID: String) async throws -> MCPSessionRecord? {
        guard let session = try await store.mcpSession(id: id, accountID: accountID), session.agentID == agentID else { return nil }
        let now = clock.wallMillis
        guard session.lastUsedAt >= liveSince(now) else {
            _ = try await store.deleteMCPSession(id: id, accountID: accountID)
            return nil
        }
        // Every request reads the row; only one in a while writes it. The session may then
        // expire up to `touchInterval` early, a tenth of the timeout.
        guard now - session.lastUsedAt >= touchInterval else { return session }
        return try await store.touchMCPSession(id: id, accountID: accountID, at: now) ? session : nil
    }

    /// Marks the session used now (an event stream is still open on it); false when it is gone.
    public func touch(id: String, accountID: String) async throws -> Bool {
        try await store.touchMCPSession(id: id, accountID: accountID, at: clock.wallMillis)
    }

    public func end(id: String, accountID: String) async throws {
        _ = try await store.deleteMCPSession(id: id, accountID: accountID)
    }

    /// How stale a session's recorded last use may get before a use writes it again.
    public var touchInterval: Millis {
        max(1, Millis(settings.idleTimeout / .milliseconds(1)) / 10)
    }

    private func liveSince(_ now: Millis) -> Millis {
        now - Millis(settings.idleTimeout / .milliseconds(1))
    }
}
