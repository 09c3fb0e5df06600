import Logging
import PatchbaySDK
import PostgresNIO

/// One database connection for one plugin call. The connection string arrives with each call
/// in the call's credentials; it is used to connect and then dropped with the call. Nothing
/// here caches a connection or the string: every call opens its own and closes it.
struct PostgresSession {
    let connection: PostgresConnection
    let settings: PostgresSettings

    /// The driver logs nothing of ours: queries and connection details stay out of the host's log.
    private static let logger = Logger(label: "patchbay.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects with the call's connection string, runs `body`, and closes the connection
    /// whatever happens. Driver errors come out as `PluginError`s.
    static func with<T>(_ context: ProviderContext, _ body: (PostgresSession) async throws -> T) async throws -> T {
        let settings = PostgresSettings(context.config)
        let configuration = try ConnectionString.configuration(context.credentials["connection_string"],
                                                               address: context.checkedAddresses["credentials.connection_string"],
                                                               trusting: settings.caCertificate)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresErrors.pluginError(error)
        }
        let session = PostgresSession(connection: connection, settings: settings)
        do {
            let result = try await body(session)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw PostgresErrors.pluginError(error)
        }
    }

    /// Runs `body` in a transaction whose statements stop after the configured timeout.
    /// A failure needs no ROLLBACK: the connection is closed right after, and the server rolls
    /// back whatever a closed session left open.
    func transaction<T>(readOnly: Bool, _ body: () async throws -> T) async throws -> T {
        try await connection.query(readOnly ? "BEGIN READ ONLY" : "BEGIN", logger: Self.logger)
        try await connection.query("SELECT set_config('statement_timeout', \(String(settings.statementTimeoutMs)), true)",
                                   logger: Self.logger)
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
