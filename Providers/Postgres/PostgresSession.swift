import Logging
import PatchbaySDK
import PostgresNIO

/// One database session for one plugin call. The connection string arrives with each call in
/// the call's credentials and is used only to open a session; the plugin keeps no copy of it.
/// The session is kept for the connection's next call (`SessionPool`) once the call leaves it
/// idle, under a key that changes with the connection's credentials and checked address.
struct PostgresSession {
    let connection: PostgresConnection
    let settings: PostgresSettings

    /// The driver logs nothing of ours: queries and connection details stay out of the host's log.
    private static let logger = Logger(label: "patchbay.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` on a session kept for the call's connection, or on a new one, and keeps the
    /// session for the next call afterwards. `resets` discards what `body` may have changed in
    /// the session (settings, role, prepared statements, advisory locks) before it is kept: for
    /// an agent's own SQL. Driver errors come out as `PluginError`s.
    static func with<T>(_ context: ProviderContext, resets: Bool = false, _ body: (PostgresSession) async throws -> T) async throws -> T {
        let settings = PostgresSettings(context.config)
        let address = context.checkedAddresses["credentials.connection_string"]
        let key = settings.keepsSessions
            ? SessionKey(connectionID: context.connectionID, credentials: context.credentials, address: address, settings: settings)
            : nil
        let connection: PostgresConnection
        if let key, let kept = await SessionPool.shared.take(key) {
            connection = kept
        } else {
            let configuration = try ConnectionString.configuration(context.credentials["connection_string"], address: address,
                                                                   settings: settings)
            do {
                connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            } catch {
                throw PostgresErrors.pluginError(error)
            }
        }
        let session = PostgresSession(connection: connection, settings: settings)
        do {
            let result = try await body(session)
            await session.end(keepingFor: key, rollback: false, reset: resets)
            return result
        } catch {
            await session.end(keepingFor: key, rollback: true, reset: resets)
            throw PostgresErrors.pluginError(error)
        }
    }

    /// Hands the session to the pool once it is idle and clean again, or closes it: without a
    /// key, after a cancelled call (a statement may still be running), or when the clean-up
    /// fails (the session is broken).
    private func end(keepingFor key: SessionKey?, rollback: Bool, reset: Bool) async {
        guard let key, !Task.isCancelled else {
            try? await connection.close()
            return
        }
        do {
            // A failed call may have left its transaction open; outside one, this only warns.
            if rollback { try await connection.query("ROLLBACK", logger: Self.logger) }
            if reset { try await connection.query("DISCARD ALL", logger: Self.logger) }
        } catch {
            try? await connection.close()
            return
        }
        await SessionPool.shared.keep(connection, key: key, idleTimeout: settings.poolIdleTimeout, maxIdle: settings.poolMaxIdle)
    }

    /// Runs `body` in a transaction; its statements stop after the session's statement timeout.
    /// A failure is rolled back when the call ends (`end`), before the session is kept.
    func transaction<T>(readOnly: Bool, _ body: () async throws -> T) async throws -> T {
        try await connection.query(readOnly ? "BEGIN READ ONLY" : "BEGIN", logger: Self.logger)
        let result = try await body()
        try await connection.query("COMMIT", logger: Self.logger)
        return result
    }

    /// Runs `query` and returns every row as a JSON object, keeping at most `keep` rows.
    /// Columns with the same name (`SELECT 1, 2`) get `_2`, `_3` suffixes so none is lost.
    func rows(_ query: PostgresQuery, keep: Int = .max) async throws -> (rows: [JSONValue], total: Int) {
        var rows: [JSONValue] = []
        var total = 0
        for try await row in try await connection.query(query, logger: Self.logger) {
            total += 1
            guard rows.count < keep else { continue }
            var object: [String: JSONValue] = [:]
            for cell in row {
                var name = cell.columnName
                var suffix = 2
                while object[name] != nil { name = "\(cell.columnName)_\(suffix)"; suffix += 1 }
                object[name] = try CellValue.json(cell)
            }
            rows.append(.object(object))
        }
        return (rows, total)
    }

    /// Runs a catalog query and decodes each row with `decode`.
    func catalog<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        var items: [T] = []
        for try await row in try await connection.query(query, logger: Self.logger) { items.append(try decode(row)) }
        return items
    }
}
