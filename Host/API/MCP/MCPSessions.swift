import Foundation
import MCP
import PatchbayStore
import PatchbayServices

/// The open MCP sessions of this host's agents. `initialize` opens one, bound to the account of
/// the key that sent it and to the agent; later requests find it by its `Mcp-Session-Id`. A
/// session ends on DELETE or once idle; each account holds a limited number.
actor MCPSessions {
    struct Session: Sendable {
        let id: String
        let accountID: String
        let agentID: String
        let server: MCP.Server
        let transport: StatefulHTTPServerTransport
        var lastUsed: ContinuousClock.Instant
        /// Tells the client its tool list changed whenever the agent gets a new live version.
        let liveVersions: Task<Void, Never>
        /// Responses being streamed and open event streams; a session with any is not idle.
        var openStreams = 0
    }

    let settings: MCPSessionSettings
    private var sessions: [String: Session] = [:]

    init(settings: MCPSessionSettings) {
        self.settings = settings
    }

    /// Opens a session for an `initialize` request, unless the account already holds its limit.
    func open(_ patchbay: Patchbay, principal: Principal, agentID: String) async throws -> Session {
        await endIdle()
        try checkLimit(principal.accountID)
        let id = IDs.make("mcps")
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(id: id),
            // Every request carries an API key, so a page in a browser cannot ride on ambient
            // credentials: the host is not limited to localhost origins.
            validationPipeline: StandardValidationPipeline(validators: [
                AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
            ]))
        let server = await AgentMCPServer.make(patchbay, principal: principal, agentID: agentID)
        try await server.start(transport: transport)
        // Checked again with no suspension before the insert: concurrent initializes were
        // free to run while this one awaited.
        do {
            try checkLimit(principal.accountID)
        } catch {
            await server.stop()
            throw error
        }
        let session = Session(id: id, accountID: principal.accountID, agentID: agentID, server: server, transport: transport,
                              lastUsed: .now,
                              liveVersions: Self.forwardLiveVersions(patchbay.notifier.listen(.agentLive(agentID)), to: server))
        sessions[id] = session
        return session
    }

    private func checkLimit(_ accountID: String) throws {
        let held = sessions.values.filter { $0.accountID == accountID }.count
        guard held < settings.maxPerAccount else {
            throw ServiceError(.throttled, "mcp_session_limit",
                               "the account has \(held) open MCP sessions, the most allowed; end one with DELETE or let one expire")
        }
    }

    /// The session with this id if it belongs to the account and agent and has not expired.
    func find(_ id: String, accountID: String, agentID: String) async -> Session? {
        await endIdle()
        guard var session = sessions[id], session.accountID == accountID, session.agentID == agentID else { return nil }
        session.lastUsed = .now
        sessions[id] = session
        return session
    }

    func end(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        session.liveVersions.cancel()
        await session.server.stop()
    }

    func streamOpened(_ id: String) {
        sessions[id]?.openStreams += 1
    }

    func streamClosed(_ id: String) {
        sessions[id]?.openStreams -= 1
        sessions[id]?.lastUsed = .now
    }

    /// Sends `notifications/tools/list_changed` for each new live version until cancelled. The
    /// client re-reads the list, so a coalesced notification loses nothing.
    private static func forwardLiveVersions(_ published: NotifierSubscription, to server: MCP.Server) -> Task<Void, Never> {
        Task {
            defer { published.cancel() }
            for await _ in published {
                try? await server.notify(ToolListChangedNotification.message())
            }
        }
    }

    private func endIdle() async {
        let cutoff = ContinuousClock.now - settings.idleTimeout
        for session in sessions.values where session.openStreams == 0 && session.lastUsed < cutoff {
            await end(session.id)
        }
    }
}

/// Hands the transport the session id the host chose, so the host knows it before the reply.
private struct FixedSessionID: SessionIDGenerator {
    let id: String

    func generateSessionID() -> String { id }
}
