import Foundation
import MCP
import PatchbayClock
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// This replica's MCP servers for the sessions of this host's agents. The sessions themselves
/// are in the store (`MCPSessionService`): `initialize` opens one, bound to the account of the
/// key that sent it and to the agent, and a request of a session this replica has not seen
/// rebuilds its server here from the stored `initialize`. A session ends on DELETE, on any
/// replica, or once idle; each account holds a limited number across replicas.
actor MCPSessions {
    struct Session: Sendable {
        let id: String
        let accountID: String
        let agentID: String
        let server: MCP.Server
        let transport: StatefulHTTPServerTransport
        var lastUsed: Millis
        /// Tells the client its tool list changed whenever the agent gets a new live version;
        /// every replica holding the session listens, so the one with its event stream hears it.
        let liveVersions: Task<Void, Never>
        /// Responses being streamed and open event streams; a session with any is not idle.
        var openStreams = 0
        /// While streams are open, records uses in the store, so that other replicas do not
        /// expire the session, and ends it here once another replica has.
        var holding: Task<Void, Never>?
    }

    let patchbay: Patchbay
    let settings: MCPSessionSettings
    private var sessions: [String: Session] = [:]

    init(_ patchbay: Patchbay) {
        self.patchbay = patchbay
        settings = patchbay.settings.mcpSessions
    }

    /// Opens a session for an `initialize` request with these `params`, unless the account
    /// already holds its limit.
    func open(principal: Principal, agentID: String, initialize params: JSONValue) async throws -> Session {
        await endIdle()
        let record = try await patchbay.mcpSessions.open(principal: principal, agentID: agentID, initialize: params)
        do {
            let session = try await start(record, principal: principal)
            sessions[record.id] = session
            return session
        } catch {
            try? await patchbay.mcpSessions.end(id: record.id, accountID: record.accountID)
            throw error
        }
    }

    /// The session with this id if it is open for the account and agent, here or on another
    /// replica; a session this replica has not seen is rebuilt from the store.
    func find(_ id: String, principal: Principal, agentID: String) async throws -> Session? {
        await endIdle()
        guard let record = try await patchbay.mcpSessions.use(id: id, accountID: principal.accountID, agentID: agentID) else {
            // It ended or expired elsewhere: this replica's server for it goes too. A request
            // of another account or agent that names it says nothing of the session.
            if let session = sessions[id], session.accountID == principal.accountID, session.agentID == agentID { await end(id) }
            return nil
        }
        if var session = sessions[id] {
            session.lastUsed = patchbay.clock.wallMillis
            sessions[id] = session
            return session
        }
        let restored = try await restore(record, principal: principal)
        // Another request of the session may have rebuilt it while this one awaited.
        if let raced = sessions[id] {
            await stop(restored)
            return raced
        }
        sessions[id] = restored
        return restored
    }

    /// Ends the session on every replica: its record goes, and with it this replica's server.
    func close(_ id: String, accountID: String) async throws {
        await end(id)
        try await patchbay.mcpSessions.end(id: id, accountID: accountID)
    }

    /// Ends this replica's server for the session; the session itself carries on elsewhere.
    func end(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await stop(session)
    }

    func streamOpened(_ id: String) {
        guard var session = sessions[id] else { return }
        session.openStreams += 1
        if session.holding == nil { session.holding = hold(id, accountID: session.accountID) }
        sessions[id] = session
    }

    func streamClosed(_ id: String) {
        guard var session = sessions[id] else { return }
        session.openStreams -= 1
        session.lastUsed = patchbay.clock.wallMillis
        if session.openStreams == 0 {
            session.holding?.cancel()
            session.holding = nil
        }
        sessions[id] = session
    }

    private func start(_ record: MCPSessionRecord, principal: Principal) async throws -> Session {
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(id: record.id),
            // Every request carries an API key, so a page in a browser cannot ride on ambient
            // credentials: the host is not limited to localhost origins.
            validationPipeline: StandardValidationPipeline(validators: [
                AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
            ]))
        let server = await AgentMCPServer.make(patchbay, principal: principal, agentID: record.agentID)
        try await server.start(transport: transport)
        return Session(id: record.id, accountID: record.accountID, agentID: record.agentID, server: server, transport: transport,
                       lastUsed: patchbay.clock.wallMillis,
                       liveVersions: Self.forwardLiveVersions(patchbay.agents.liveVersionChanges(agentID: record.agentID), to: server))
    }

    /// A server for a session another replica opened, brought to where that replica's server
    /// was after the handshake.
    private func restore(_ record: MCPSessionRecord, principal: Principal) async throws -> Session {
        let session = try await start(record, principal: principal)
        guard try await Self.replayHandshake(record, to: session.transport) else {
            // What this host's server took once it refuses now (a newer release dropped the
            // protocol version): the session cannot carry on anywhere.
            await stop(session)
            try await patchbay.mcpSessions.end(id: record.id, accountID: record.accountID)
            throw ServiceError(.notFound, "mcp_session_not_found",
                               "MCP session \"\(record.id)\" cannot be carried on by this version of the host; initialize a new one")
        }
        return session
    }

    /// Sends the stored `initialize` and the `initialized` notification to a new transport as
    /// the client sent them to the replica that opened the session, and drops the replies (the
    /// client had them from that replica). Says whether the server took both.
    private static func replayHandshake(_ record: MCPSessionRecord, to transport: StatefulHTTPServerTransport) async throws -> Bool {
        var headers = [HTTPHeaderName.accept: "application/json, text/event-stream", HTTPHeaderName.contentType: "application/json"]
        let initialize: JSONValue = ["jsonrpc": "2.0", "id": "replayed-initialize", "method": "initialize", "params": record.initialize]
        guard case .stream(let events, _) = await transport.handleRequest(
            MCP.HTTPRequest(method: "POST", headers: headers, body: try WireCoding.encode(initialize)))
        else { return false }
        // The stream ends once the server has answered.
        do {
            for try await _ in events {}
        } catch {
            return false
        }
        headers[HTTPHeaderName.sessionID] = record.id
        let initialized: JSONValue = ["jsonrpc": "2.0", "method": "notifications/initialized"]
        let reply = await transport.handleRequest(MCP.HTTPRequest(method: "POST", headers: headers, body: try WireCoding.encode(initialized)))
        return reply.statusCode == 202
    }

    private func stop(_ session: Session) async {
        session.liveVersions.cancel()
        session.holding?.cancel()
        await session.server.stop()
    }

    /// Records a use of the session every `touchInterval` while it has open streams; once the
    /// session is gone from the store (DELETE on another replica, or expiry), ends it here,
    /// which closes its streams. A failed write is tried again at the next turn.
    private func hold(_ id: String, accountID: String) -> Task<Void, Never> {
        let service = patchbay.mcpSessions
        let interval = Duration.milliseconds(service.touchInterval)
        return Task {
            while (try? await Task.sleep(for: interval)) != nil {
                if (try? await service.touch(id: id, accountID: accountID)) == false {
                    await self.end(id)
                    return
                }
            }
        }
    }

    /// Sends `notifications/tools/list_changed` for each new live version until cancelled. The
    /// client re-reads the list, so a coalesced notification loses nothing.
    private static func forwardLiveVersions(_ published: some AsyncSequence<Void, Never> & Sendable, to server: MCP.Server)
        -> Task<Void, Never> {
        Task {
            for await _ in published {
                try? await server.notify(ToolListChangedNotification.message())
            }
        }
    }

    /// Lets go of this replica's servers for sessions idle here; their records stay, since
    /// another replica may be using them, and expire in the store by their own last use.
    private func endIdle() async {
        let cutoff = patchbay.clock.wallMillis - Millis(settings.idleTimeout / .milliseconds(1))
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
