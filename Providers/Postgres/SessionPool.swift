import PostgresNIO

/// Database sessions kept open between the calls of one Patchbay connection, so a call reuses
/// a session whose TLS handshake and password exchange are done instead of opening its own.
///
/// A session is reused only under the key it was opened with (`SessionKey`: connection,
/// credentials, checked address, trusted CA). The newest key a connection's call arrives with
/// wins: the sessions kept under an older one are closed then, and a session opened under an
/// older one is closed when its call ends. A session unused for the connection's idle timeout
/// is closed too, by one task that wakes at the earliest such deadline.
///
/// Idle deadlines are on the machine's monotonic clock, not the host's: a plugin can read the
/// host's wall time (`pb_host_clock_now_ms`) but not sleep on it, nothing wakes a plugin when a
/// host's clock moves, and one pool serves every host that loaded the library in the process.
actor SessionPool {
    static let shared = SessionPool()

    private struct Idle {
        let connection: PostgresConnection
        let deadline: ContinuousClock.Instant
    }

    private struct Sessions {
        let key: SessionKey
        /// The most recently used last: a call takes the warmest session, and the rest expire.
        var idle: [Idle] = []
    }

    private var byConnection: [String: Sessions] = [:]
    /// When the reaper wakes next, and which reaper that is (a later one replaces it).
    private var reaperWakes: ContinuousClock.Instant?
    private var reaperGeneration = 0

    /// A kept session for `key`, if one is open. A call under a new key for the connection
    /// closes the sessions kept under the old one.
    func take(_ key: SessionKey) -> PostgresConnection? {
        var sessions = byConnection[key.connectionID] ?? Sessions(key: key)
        if sessions.key != key {
            Self.close(sessions.idle)
            sessions = Sessions(key: key)
        }
        defer { byConnection[key.connectionID] = sessions }
        while let idle = sessions.idle.popLast() {
            // The server may have ended it meanwhile (a restart, an idle_session_timeout).
            if !idle.connection.isClosed { return idle.connection }
        }
        return nil
    }

    /// Keeps `connection`, whose call ended with the session idle, for the connection's next call;
    /// closes it instead when the connection's key has changed or `maxIdle` sessions are kept.
    func keep(_ connection: PostgresConnection, key: SessionKey, idleTimeout: Duration, maxIdle: Int) {
        var sessions = byConnection[key.connectionID] ?? Sessions(key: key)
        guard sessions.key == key, sessions.idle.count < maxIdle, !connection.isClosed else {
            Self.close(connection)
            return
        }
        let deadline = ContinuousClock.now.advanced(by: idleTimeout)
        sessions.idle.append(Idle(connection: connection, deadline: deadline))
        byConnection[key.connectionID] = sessions
        wakeReaper(by: deadline)
    }

    /// Closes every kept session and waits until each is closed: the host is stopping.
    func closeAll() async {
        let idle = byConnection.values.flatMap(\.idle)
        byConnection = [:]
        for session in idle { try? await session.connection.close() }
    }

    private func wakeReaper(by deadline: ContinuousClock.Instant) {
        if let wakes = reaperWakes, wakes <= deadline { return }
        reaperWakes = deadline
        reaperGeneration += 1
        let generation = reaperGeneration
        Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.reap(generation)
        }
    }

    /// Closes the sessions past their deadline, forgets connections with none kept, and
    /// sleeps until the next deadline. A replaced reaper does nothing.
    private func reap(_ generation: Int) {
        guard generation == reaperGeneration else { return }
        reaperWakes = nil
        let now = ContinuousClock.now
        var next: ContinuousClock.Instant?
        for (connectionID, var sessions) in byConnection {
            let expired = sessions.idle.filter { $0.deadline <= now }
            sessions.idle.removeAll { $0.deadline <= now }
            Self.close(expired)
            byConnection[connectionID] = sessions.idle.isEmpty ? nil : sessions
            if let earliest = sessions.idle.map(\.deadline).min() { next = min(next ?? earliest, earliest) }
        }
        if let next { wakeReaper(by: next) }
    }

    private static func close(_ sessions: [Idle]) {
        for session in sessions { close(session.connection) }
    }

    /// Starts closing without waiting for it to finish. The completion holds the connection
    /// until the channel is closed: the driver requires that before the connection goes away.
    private static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
