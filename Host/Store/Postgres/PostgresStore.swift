import Foundation
public import Logging
public import PatchbayClock
import PatchbayModel
import PatchbayWire
import PostgresNIO

/// The store for several host replicas: one PostgreSQL database shared by every replica,
/// through a pool of connections per replica (postgres-nio's `PostgresClient`).
///
/// What SQLite's single writer gave for free is explicit here, and each area's file says how:
/// event sequences follow commit order, delivery leases use `FOR UPDATE SKIP LOCKED`,
/// duplicates are refused by unique constraints, OAuth states are consumed with
/// `DELETE … RETURNING`, and refresh leases are rows taken with a conditional update.
///
/// Every operation fails within the URL's `connect_timeout` when no connection can be had,
/// as `StoreError.unavailable`, instead of queueing forever behind a database that is down.
public final class PostgresStore: Store {
    let client: PostgresClient
    let url: PostgresStoreURL
    let logger: Logger
    let health = StorageHealth()
    private let spans = StoreSpans(system: "postgresql")
    /// Bounds every operation by the URL's `connect_timeout`.
    let deadlines: PostgresDeadlines
    /// Concurrent inbox writes share transactions and statements (`storeInboundEvents`).
    let inbox = PostgresCallGroups<InboundCall, [InboundOutcome]>(name: "inbox")
    /// Concurrent webhook route reads share statements (`webhookRoute`).
    let routes = PostgresCallGroups<String, WebhookRoute?>(name: "routes")
    public let instanceID = "inst_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    /// What the store stamps rows with when it picks the time itself, and what its notifier's
    /// waits run on.
    public let clock: any HostClock
    private let running: Task<Void, Never>

    /// Connects, waits for the database to answer, and brings its schema up to date (replicas
    /// starting at once take turns under an advisory lock). Fails with
    /// `StoreError.unavailable` when the database cannot be reached within `connect_timeout`.
    public init(url: PostgresStoreURL, clock: any HostClock = SystemClock(), logger: Logger = Logger(label: "patchbay.store")) async throws {
        self.url = url
        self.clock = clock
        self.logger = logger
        deadlines = PostgresDeadlines(limit: url.connectTimeout)
        try await Self.checkLogin(url, logger: logger)
        let client = PostgresClient(configuration: try url.clientConfiguration(), backgroundLogger: logger)
        self.client = client
        running = Task { await client.run() }
        do {
            try await PostgresMigrations.migrate(self)
        } catch {
            running.cancel()
            throw error
        }
    }

    /// Opens one connection and closes it. The pool retries a refused login until the deadline
    /// and then says only that no connection came; this says why (a wrong password, a missing
    /// database, nothing listening), so a host started with a wrong URL stops with the cause.
    private static func checkLogin(_ url: PostgresStoreURL, logger: Logger) async throws {
        let configuration = try url.connectionConfiguration(applicationName: "patchbay")
        do {
            let connection = try await PostgresDeadlines(limit: url.connectTimeout).run {
                try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            }
            try? await connection.close()
        } catch let error as PSQLError {
            throw StoreError.unavailable(StorageFault(error) ?? StorageFault(.unreachable, detail: error.serverInfo?[.message] ?? "\(error.code)"))
        } catch is PostgresDeadlineExceeded {
            throw StoreError.unavailable(StorageFault(.unreachable, detail: "no connection to \(url.redacted) within \(url.connectTimeout)"))
        }
    }

    /// Closes the pool. The store answers nothing afterwards.
    public func close() {
        running.cancel()
    }

    deinit {
        running.cancel()
    }

    // MARK: Running statements

    /// Runs one statement that reads, on its own, and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await withStoreErrors(isWrite: false) {
            try await self.client.withConnection { connection in try await connection.rows(query, logger: self.logger) }
        }
    }

    /// Runs one prepared statement that reads, on its own, and returns its rows. postgres-nio
    /// prepares it on a pooled connection the first time that connection runs it; after that the
    /// server no longer parses it, and plans it again only when it prefers a plan for the bound
    /// values (see `PostgresMigrations.webhookRoutes`). For the statements run on every delivery;
    /// their columns are named, not `*` (`PostgresWebhookRoutesStatement`).
    @discardableResult
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
        where Statement.Row: Sendable
    {
        try await withStoreErrors(isWrite: false) {
            try await self.client.withConnection { connection in
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: self.logger) { rows.append(row) }
                return rows
            }
        }
    }

    /// Runs one statement that writes, committed by itself. A write that must say how many
    /// rows it touched says so with `RETURNING`. Its success tells `storageProblem` that writes work.
    @discardableResult
    func write(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await withStoreErrors(isWrite: true) {
            try await self.client.withConnection { connection in try await connection.rows(query, logger: self.logger) }
        }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it
    /// throws. `.outlivesProcess` commits without waiting for the WAL flush
    /// (`synchronous_commit = off` for this transaction alone): a crash of the database server
    /// may lose it, a crash of the host cannot.
    ///
    /// A transaction the database aborted as a deadlock victim or a serialization failure has
    /// had no effect, so it runs again, up to `transactionAttempts` times in all: two replicas
    /// taking the same rows in different orders cost a retry, not an error.
    func transaction<T: Sendable>(_ durability: Durability = .onDisk,
                                  _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await retryingRolledBack { try await self.transactionOnce(durability, body) }
    }

    /// Runs `operation`, a transaction or a statement that commits itself, again when the
    /// database rolled it back as a deadlock victim or a serialization failure.
    func retryingRolledBack<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as PSQLError where attempt < Self.transactionAttempts && Self.isRetryable(error) {
                logger.debug("transaction retried", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")"])
                attempt += 1
            }
        }
    }

    static let transactionAttempts = 3

    /// 40001 serialization_failure and 40P01 deadlock_detected: the database rolled the
    /// transaction back and says running it again may succeed.
    private static func isRetryable(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    private func transactionOnce<T: Sendable>(_ durability: Durability,
                                              _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withStoreErrors(isWrite: true) {
            do {
                return try await self.client.withTransaction(logger: self.logger) { connection in
                    if durability == .outlivesProcess {
                        try await connection.rows("SET LOCAL synchronous_commit = off", logger: self.logger)
                    }
                    return try await body(connection)
                }
            } catch let error as PostgresTransactionError {
                // The driver wraps what failed; callers see the body's own error (a `StoreError`
                // it threw, or the statement's `PSQLError` for `withStoreErrors` to map).
                throw error.closureError ?? error.beginError ?? error.commitError ?? error
            }
        }
    }

    /// Bounds the operation by `connect_timeout` and turns the driver's errors into the store's:
    /// a violated constraint is `StoreError.conflict`; a database that cannot be reached, is
    /// out of disk or read-only is `StoreError.unavailable`, remembered until a write succeeds.
    func withStoreErrors<T: Sendable>(isWrite: Bool, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            let value = try await spans.run(isWrite ? "store.write" : "store.read") { try await deadlines.run(operation) }
            if isWrite { health.wrote() }
            return value
        } catch let error as PSQLError {
            if let conflict = Self.conflict(error) { throw conflict }
            guard let fault = StorageFault(error) else { throw error }
            health.failed(fault)
            throw StoreError.unavailable(fault)
        } catch is PostgresDeadlineExceeded {
            let fault = StorageFault(.unreachable, detail: "no connection to \(url.redacted) within \(url.connectTimeout)")
            health.failed(fault)
            throw StoreError.unavailable(fault)
        }
    }

    static func conflict(_ error: PSQLError) -> StoreError? {
        guard let state = error.serverInfo?[.sqlState], state.hasPrefix("23") else { return nil }
        return .conflict(error.serverInfo?[.message] ?? "constraint violated")
    }

    // MARK: Paging and values

    /// Newest-first keyset paging, as `SQLiteStore` pages: stable under concurrent inserts,
    /// no OFFSET scans. `conditions` use `$1`, `$2`, … for `binds`, in order.
    func page<Item: Sendable>(
        table: String, timeColumn: String = "created_at", conditions: PostgresConditions, page: PageRequest,
        decode: @escaping @Sendable (PostgresRandomAccessRow) throws -> Item, cursor: @escaping @Sendable (Item) -> PageCursor
    ) async throws -> Page<Item> {
        var conditions = conditions
        if let after = page.after {
            conditions.append("\(timeColumn) <= ? AND (\(timeColumn) < ? OR id < ?)", after.createdAt, after.createdAt, after.id)
        }
        var query = conditions.query("SELECT * FROM \(table) WHERE ", suffix: " ORDER BY \(timeColumn) DESC, id DESC LIMIT ?")
        query.binds.append(page.limit + 1)
        let rows = try await self.rows(query).map(decode)
        let items = Array(rows.prefix(page.limit))
        return Page(items: items, next: rows.count > page.limit ? items.last.map(cursor) : nil)
    }
}

extension PostgresConnection {
    /// Every row of the statement, read to the end.
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }
}
