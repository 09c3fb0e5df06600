import Foundation
import GRDB
public import PatchbayClock
public import PatchbayModel
import PatchbayWire

/// The embedded default store: one SQLite file in WAL mode, through GRDB.
/// Commits are fully synchronous: what this store acknowledged survives a power cut, unless
/// the caller asked for less (`Durability.outlivesProcess`).
/// Concurrent writes share commits through `GroupCommitter`.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    /// A read-only connection of its own for `lookup`, outside the pool that async reads use.
    private let lookups: DatabaseQueue
    private let committer: GroupCommitter
    private let checkpointer: WALCheckpointer
    let path: String
    let health = StorageHealth()
    private let spans = StoreSpans(system: "sqlite")
    public let instanceID = "inst_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    /// What the store stamps rows with when it picks the time itself.
    public let clock: any HostClock

    /// Fails with `StoreError.unavailable` when the disk refuses the file (read-only, full,
    /// missing permissions), with the cause in words.
    public init(path: String, clock: any HostClock = SystemClock()) throws {
        self.path = path
        self.clock = clock
        do {
            (pool, committer, checkpointer, lookups) = try Self.open(path: path, clock: clock)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.corrupt("the file is not a SQLite database, or it is damaged")
        } catch let error as DatabaseError {
            throw StorageFault(error, path: path).map(StoreError.unavailable) ?? error
        }
    }

    /// Closes the file's connections and stops the background checkpoints. Reads and writes
    /// after it fail. A connection still in use is closed once that use ends.
    public func close() {
        try? pool.close()
        try? lookups.close()
        // Last, as the one connection left is the one that folds the WAL into the database and
        // removes it, which the pool's and the lookups' read-only connections cannot do.
        checkpointer.stop()
    }

    private static func open(path: String, clock: any HostClock) throws -> (DatabasePool, GroupCommitter, WALCheckpointer, DatabaseQueue) {
        var configuration = Configuration()
        // Another process (`patchbay keys create`) may write while the server runs.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // `WALCheckpointer` checkpoints instead, off the commit path.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let committer = try GroupCommitter(writer: pool)
        try SQLiteMigrations.migrator(clock: clock).migrate(pool)
        let checkpointer = try WALCheckpointer(path: path)
        var lookupConfiguration = Configuration()
        lookupConfiguration.readonly = true
        lookupConfiguration.busyMode = .timeout(10)
        return (pool, committer, checkpointer, try DatabaseQueue(path: path, configuration: lookupConfiguration))
    }

    // MARK: Accounts and keys

    public func account(named name: String) async throws -> Account? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM accounts WHERE name = ?"), [name], Self.account)
        }
    }

    public func account(id: String) async throws -> Account? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), [id], Self.account)
        }
    }

    public func insertAccount(_ account: Account) async throws {
        try await write { db in
            try db.cachedStatement(sql: "INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)")
                .execute(arguments: [account.id, account.name, account.createdAt])
        }
    }

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO api_keys (id, account_id, prefix, salt, hash, scopes, created_at, revoked_at, rate_limit)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [key.id, key.accountID, key.prefix, key.salt, key.hash, key.scopes.joined(separator: " "),
                            key.createdAt, key.revokedAt, key.rateLimit])
        }
    }

    public func apiKey(prefix: String) async throws -> APIKeyRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM api_keys WHERE prefix = ?"), [prefix], Self.apiKey)
        }
    }

    // MARK: Connections

    public func insertConnection(_ connection: ConnectionRecord) async throws {
        let config = try Self.text(connection.config)
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO connections (id, account_id, provider, label, config, status, sealed_credentials, created_at, updated_at,
                        end_user)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [connection.id, connection.accountID, connection.provider, connection.label, config,
                            connection.status.rawValue, connection.sealedCredentials, connection.createdAt, connection.updatedAt,
                            connection.endUser])
        }
    }

    public func connection(id: String, accountID: String) async throws -> ConnectionRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM connections WHERE id = ? AND account_id = ?"), [id, accountID], Self.connection)
        }
    }

    public func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord> {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let provider = filter.provider { conditions.append("provider = ?"); arguments += [provider] }
        if let status = filter.status { conditions.append("status = ?"); arguments += [status.rawValue] }
        return try await self.page(table: "connections", conditions: conditions, arguments: arguments, page: page,
                                   decode: Self.connection, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateConnection(_ connection: ConnectionRecord) async throws {
        let config = try Self.text(connection.config)
        try await write { db in try Self.updateConnection(db, connection, config: config) }
    }

    /// `config` is the connection's config as stored text.
    static func updateConnection(_ db: Database, _ connection: ConnectionRecord, config: String) throws {
        try db.cachedStatement(
            sql: """
                UPDATE connections SET label = ?, config = ?, status = ?, sealed_credentials = ?, updated_at = ?
                WHERE id = ? AND account_id = ?
                """).execute(
            arguments: [connection.label, config, connection.status.rawValue, connection.sealedCredentials,
                        connection.updatedAt, connection.id, connection.accountID])
    }

    public func connectedProviders(accountID: String) async throws -> Set<String> {
        try await read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT provider FROM connections WHERE account_id = ? AND status = 'active'",
                                    arguments: [accountID]))
        }
    }

    // MARK: Schemas

    public func saveSchema(_ snapshot: SchemaSnapshot) async throws {
        let schema = try Self.text(snapshot.schema)
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO connection_schemas (connection_id, schema, discovered_at) VALUES (?, ?, ?)
                    ON CONFLICT (connection_id) DO UPDATE SET schema = excluded.schema, discovered_at = excluded.discovered_at
                    """).execute(
                arguments: [snapshot.connectionID, schema, snapshot.discoveredAt])
        }
    }

    public func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot? {
        try await read { db in
            try Self.first(
                db.cachedStatement(
                    sql: """
                        SELECT s.* FROM connection_schemas s JOIN connections c ON c.id = s.connection_id
                        WHERE s.connection_id = ? AND c.account_id = ?
                        """), [connectionID, accountID]
            ) { row in
                SchemaSnapshot(connectionID: row["connection_id"],
                               schema: try Self.decode(DiscoveredSchema.self, row["schema"]),
                               discoveredAt: row["discovered_at"])
            }
        }
    }

    // MARK: Executions

    public func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws {
        // The instance that runs it owns it: if this process dies, another marks it interrupted.
        let arguments = try Self.arguments(execution) + [instanceID]
        try await write(durability) { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO executions (id, account_id, connection_id, provider, action, status, started_at, finished_at,
                        duration_ms, error_code, error_message, retryable, upstream_status, requests, output,
                        trigger, agent_id, skill, agent_version, tool_call_id, end_user, pending_input, instance_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: arguments)
        }
    }

    public func updateExecution(_ execution: ExecutionRecord) async throws {
        let requests = try Self.text(JSONValue.array(execution.requests))
        let output = try execution.output.map(Self.text)
        let pendingInput = try execution.skillCall?.pendingInput.map(Self.text)
        try await write { db in
            try db.cachedStatement(
                sql: """
                    UPDATE executions SET status = ?, finished_at = ?, duration_ms = ?, error_code = ?, error_message = ?,
                        retryable = ?, upstream_status = ?, requests = ?, output = ?, pending_input = ?
                    WHERE id = ? AND account_id = ?
                    """).execute(
                arguments: [execution.status.rawValue, execution.finishedAt, execution.durationMs, execution.errorCode,
                            execution.errorMessage, execution.retryable, execution.upstreamStatus, requests, output,
                            pendingInput, execution.id, execution.accountID])
        }
    }

    public func execution(id: String, accountID: String) async throws -> ExecutionRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM executions WHERE id = ? AND account_id = ?"), [id, accountID], Self.execution)
        }
    }

    public func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord> {
        var conditions = ["account_id = ?"]
        var arguments: StatementArguments = [accountID]
        if let connectionID = filter.connectionID { conditions.append("connection_id = ?"); arguments += [connectionID] }
        if let action = filter.action { conditions.append("action = ?"); arguments += [action] }
        if let status = filter.status { conditions.append("status = ?"); arguments += [status.rawValue] }
        if let agentID = filter.agentID { conditions.append("agent_id = ?"); arguments += [agentID] }
        if let trigger = filter.trigger { conditions.append("trigger = ?"); arguments += [trigger.rawValue] }
        return try await self.page(table: "executions", timeColumn: "started_at", conditions: conditions, arguments: arguments,
                                   page: page, decode: Self.execution,
                                   cursor: { PageCursor(createdAt: $0.startedAt, id: $0.id) })
    }

    // MARK: Helpers

    /// Every write of this store goes through here, and so through the group committer: each
    /// commits with the durability it declares. Constraint violations become
    /// `StoreError.conflict` so callers can answer 409; a disk that refuses the write becomes
    /// `StoreError.unavailable`, and is remembered until a write succeeds again.
    func write<T: Sendable>(_ durability: Durability = .onDisk, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            let value = try await spans.run("store.write") { try await committer.write(durability, body) }
            health.wrote()
            return value
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.conflict(error.message ?? "constraint violated")
        } catch let error as DatabaseError {
            guard let fault = StorageFault(error, path: path) else { throw error }
            health.failed(fault)
            throw StoreError.unavailable(fault)
        }
    }

    /// A read that failed because of the disk is `StoreError.unavailable` too.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await spans.run("store.read") { try await pool.read(body) }
        } catch let error as DatabaseError {
            throw StorageFault(error, path: path).map(StoreError.unavailable) ?? error
        }
    }

    /// A lookup by key that reads a few rows through cached statements, run on the calling
    /// thread. It takes microseconds, less than the two thread hops of `pool.read`'s async form,
    /// which stays the way for anything that scans, sorts or pages. WAL readers never wait for
    /// the writer, so the caller blocks only for the read itself, or for another lookup.
    ///
    /// Lookups have a connection of their own: one taken from the pool could be waiting for a
    /// thread that an async read needs to resume and give its own connection back, which
    /// deadlocks once every thread of the task pool waits in a lookup.
    ///
    /// The read transaction is opened and closed with cached statements: GRDB's `read` compiles
    /// `BEGIN` and `COMMIT` anew each time, which cost more than the lookup itself. The rows a
    /// lookup reads still come from one snapshot.
    func lookup<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try spans.run("store.lookup") { try lookupInTransaction(body) }
        } catch let error as DatabaseError {
            throw StorageFault(error, path: path).map(StoreError.unavailable) ?? error
        }
    }

    private func lookupInTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try lookups.inDatabase { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return value
            } catch {
                // Never leave the lookup connection inside a transaction: every later lookup would fail to begin.
                if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                throw error
            }
        }
    }

    /// The first row's value, decoded while the statement still holds the row, through a
    /// `ColumnReader`: GRDB's `Row` would build a table of the column names for every query.
    static func first<T>(_ statement: Statement, _ arguments: StatementArguments, _ decode: (ColumnReader) throws -> T) throws -> T? {
        try all(statement, arguments, limit: 1, decode).first
    }

    /// Every row's value (up to `limit`), each decoded while the statement holds it (see `first`).
    static func all<T>(_ statement: Statement, _ arguments: StatementArguments, limit: Int = .max,
                       _ decode: (ColumnReader) throws -> T) throws -> [T] {
        // The cursor steps the statement and resets it when it goes away; the column it reads
        // itself is only a way to step without building a `Row`.
        let rows = try Optional<Int64>.fetchCursor(statement, arguments: arguments)
        return try withExtendedLifetime(rows) {
            let row = ColumnReader(statement)
            var values: [T] = []
            while values.count < limit, try rows.next() != nil {
                values.append(try decode(row))
            }
            return values
        }
    }

    /// Newest-first keyset paging: stable under concurrent inserts, no OFFSET scans.
    func page<Item: Sendable>(
        table: String, timeColumn: String = "created_at", conditions: [String], arguments: StatementArguments,
        page: PageRequest, decode: @escaping @Sendable (ColumnReader) throws -> Item, cursor: @escaping @Sendable (Item) -> PageCursor
    ) async throws -> Page<Item> {
        var conditions = conditions
        var arguments = arguments
        if let after = page.after {
            // The `<=` bound lets the index seek straight to the cursor; the OR alone would walk
            // every newer row of the account first.
            conditions.append("\(timeColumn) <= ? AND (\(timeColumn) < ? OR id < ?)")
            arguments += [after.createdAt, after.createdAt, after.id]
        }
        let sql = "SELECT * FROM \(table) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(timeColumn) DESC, id DESC LIMIT ?"
        arguments += [page.limit + 1]
        let finalArguments = arguments
        let rows = try await read { db in try Self.all(db.makeStatement(sql: sql), finalArguments, decode) }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items, next: rows.count > page.limit ? items.last.map(cursor) : nil)
    }

    private static func account<Stored: StoredRow>(_ row: Stored) -> Account {
        Account(id: row["id"], name: row["name"], createdAt: row["created_at"])
    }

    static func connection<Stored: StoredRow>(_ row: Stored) throws -> ConnectionRecord {
        ConnectionRecord(
            id: row["id"], accountID: row["account_id"], provider: row["provider"], label: row["label"],
            config: try decode(JSONValue.self, row["config"]),
            status: ConnectionRecord.Status(rawValue: row["status"]) ?? .revoked,
            sealedCredentials: row["sealed_credentials"], createdAt: row["created_at"], updatedAt: row["updated_at"],
            endUser: row["end_user"])
    }

    private static func execution<Stored: StoredRow>(_ row: Stored) throws -> ExecutionRecord {
        ExecutionRecord(
            id: row["id"], accountID: row["account_id"], connectionID: row["connection_id"], provider: row["provider"],
            action: row["action"], status: ExecutionRecord.Status(rawValue: row["status"]) ?? .failed,
            startedAt: row["started_at"], finishedAt: row["finished_at"], durationMs: row["duration_ms"],
            errorCode: row["error_code"], errorMessage: row["error_message"], retryable: row["retryable"],
            upstreamStatus: row["upstream_status"],
            requests: try decode(JSONValue.self, row["requests"]).arrayValue ?? [],
            output: try (row["output"] as String?).map { try decode(JSONValue.self, $0) },
            trigger: ExecutionRecord.Trigger(rawValue: row["trigger"]) ?? .api,
            skillCall: try (row["agent_id"] as String?).map { agentID in
                SkillCall(agentID: agentID, skill: row["skill"], agentVersion: row["agent_version"],
                          toolCallID: row["tool_call_id"], endUser: row["end_user"],
                          pendingInput: try (row["pending_input"] as String?).map { try decode(JSONValue.self, $0) })
            })
    }

    private static func arguments(_ execution: ExecutionRecord) throws -> StatementArguments {
        [execution.id, execution.accountID, execution.connectionID, execution.provider, execution.action,
         execution.status.rawValue, execution.startedAt, execution.finishedAt, execution.durationMs, execution.errorCode,
         execution.errorMessage, execution.retryable, execution.upstreamStatus,
         try text(JSONValue.array(execution.requests)), try execution.output.map(text),
         execution.trigger.rawValue, execution.skillCall?.agentID, execution.skillCall?.skill,
         execution.skillCall?.agentVersion, execution.skillCall?.toolCallID, execution.skillCall?.endUser,
         try execution.skillCall?.pendingInput.map(text)]
    }
}
