import Foundation
import GRDB
public import Logging
public import PatchbayClock
import PostgresNIO

/// Moves a single-node install's SQLite database into an empty PostgreSQL database, for a
/// deployment that goes to several replicas.
///
/// - The SQLite file is opened read-only and read in one read transaction: a consistent
///   snapshot, taken while the host may keep serving. Writes after the snapshot are not copied.
/// - The PostgreSQL schema is made by opening a `PostgresStore` on the target (its migrations
///   run); the two schemas must then match column for column (`CopiedTable.plan`).
/// - Everything is written in one PostgreSQL transaction, which refuses a target that already
///   has a row in any copied table, and is committed only once each table's row count and
///   checksum read back from PostgreSQL match SQLite's. Anything else rolls it back: the
///   target is either untouched or a verified copy.
/// - Values are copied as stored. Sealed secrets stay sealed with the same master key, which
///   the PostgreSQL hosts must be given.
public struct StoreCopier: Sendable {
    let sqlitePath: String
    let target: PostgresStoreURL
    let logger: Logger
    /// What the target's migrations are stamped with.
    let clock: any HostClock

    public init(sqlitePath: String, target: PostgresStoreURL, clock: any HostClock = SystemClock(),
                logger: Logger = Logger(label: "patchbay.store-copy")) {
        self.sqlitePath = sqlitePath
        self.target = target
        self.clock = clock
        self.logger = logger
    }

    public func copy() async throws -> StoreCopyReport {
        let source = try openSnapshot()
        let sourceCatalog = try await source.read { [clock] db in
            try Self.checkMigrations(db, clock: clock)
            return try SchemaCatalog.sqlite(db)
        }
        let store = try await PostgresStore(url: target, clock: clock, logger: logger)
        defer { store.close() }
        return try await store.client.withConnection { connection in
            let plan: [CopiedTable]
            do {
                plan = try CopiedTable.plan(sqlite: sourceCatalog, postgres: try await SchemaCatalog.postgres(connection, logger: logger))
            } catch let error as PSQLError {
                throw StoreCopyError(error, while: "reading the schema")
            }
            return try await inTransaction(connection) {
                try await copy(plan, from: source, to: connection)
            }
        }
    }

    /// Read-only, and one read transaction for the whole copy. The file must exist: opening
    /// a missing one would only report an empty install.
    private func openSnapshot() throws -> DatabaseSnapshot {
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw StoreCopyError("there is no SQLite database at \(sqlitePath)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        // A host that is serving may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        do {
            return try DatabasePool(path: sqlitePath, configuration: configuration).makeSnapshot()
        } catch let error as DatabaseError {
            throw StoreCopyError("cannot read the SQLite database \(sqlitePath): \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// The SQLite file must have exactly this release's schema: an older one has not had its
    /// upgrade (which opening it read-only cannot run), a newer one has columns this release
    /// does not know.
    private static func checkMigrations(_ db: Database, clock: any HostClock) throws {
        let migrator = SQLiteMigrations.migrator(clock: clock)
        if try migrator.hasBeenSuperseded(db) {
            throw StoreCopyError("the SQLite database was written by a newer release of patchbay: copy it with that release")
        }
        guard try migrator.hasCompletedMigrations(db) else {
            throw StoreCopyError("the SQLite database has not been upgraded to this release's schema: "
                                 + "start this release's host on it once, stop it, then copy")
        }
    }

    /// BEGIN … COMMIT by hand, because a verification that fails is a report (printed, then a
    /// non-zero exit), not an error, and must roll back all the same.
    private func inTransaction(_ connection: PostgresConnection,
                               _ body: () async throws -> StoreCopyReport) async throws -> StoreCopyReport {
        try await run(connection, "BEGIN", while: "starting the copy's transaction")
        do {
            let report = try await body()
            try await run(connection, report.matches ? "COMMIT" : "ROLLBACK", while: "committing the copy")
            return report
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func copy(_ plan: [CopiedTable], from source: DatabaseSnapshot, to connection: PostgresConnection) async throws
        -> StoreCopyReport
    {
        // Replicas already pointed at the target wait until the copy is committed or rolled back.
        let names = plan.map { "\"\($0.name)\"" }.joined(separator: ", ")
        try await run(connection, "LOCK TABLE \(names) IN EXCLUSIVE MODE", while: "locking the target's tables")
        try await refuseNonEmpty(plan, connection)

        let started = ContinuousClock.now
        var sourceChecksums: [String: TableChecksum] = [:]
        for table in plan {
            sourceChecksums[table.name] = try await copy(table, from: source, to: connection)
        }
        let sequences = try await moveSequences(plan, from: source, connection)
        let copyDuration = ContinuousClock.now - started

        var tables: [StoreCopyReport.Table] = []
        for table in plan {
            let target = try await checksum(table, connection)
            let source = sourceChecksums[table.name]!
            tables.append(StoreCopyReport.Table(name: table.name, sourceRows: source.rows, targetRows: target.rows,
                                                sourceChecksum: source.finalized(), targetChecksum: target.finalized()))
        }
        let running = try await source.read { db in
            try db.tableExists("executions") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM executions WHERE status = 'running'") ?? 0 : 0
        }
        return StoreCopyReport(tables: tables, copyDuration: copyDuration, sequences: sequences, runningExecutions: running)
    }

    /// Any row in any copied table refuses the copy before anything is written: merging two
    /// installs is not a copy, and a second run must not double the first.
    private func refuseNonEmpty(_ plan: [CopiedTable], _ connection: PostgresConnection) async throws {
        var occupied: [String] = []
        for table in plan {
            let rows = try await query(connection, "SELECT EXISTS (SELECT 1 FROM \"\(table.name)\")", while: "reading \(table.name)")
            for try await exists in rows.decode(Bool.self) where exists { occupied.append(table.name) }
        }
        guard occupied.isEmpty else {
            throw StoreCopyError("the target database \(target.redacted) is not empty (rows in \(occupied.joined(separator: ", "))): "
                                 + "the copy writes only into an empty database, and wrote nothing")
        }
    }

    /// One table, in primary-key order, a batch at a time: keyset reads from the snapshot and
    /// one multi-row INSERT per batch. Returns the source side's checksum, taken on the way.
    private func copy(_ table: CopiedTable, from source: DatabaseSnapshot, to connection: PostgresConnection) async throws
        -> TableChecksum
    {
        var checksum = TableChecksum()
        var after: [DatabaseValue]?
        let keyIndexes = table.primaryKey.map { key in table.columns.firstIndex { $0.name == key }! }
        repeat {
            let (rows, last) = try await source.read { [after] db in
                try Self.batch(table, after: after, keyIndexes: keyIndexes, db)
            }
            guard !rows.isEmpty else { break }
            for row in rows { checksum.add(row) }
            try await insert(rows, into: table, connection)
            after = rows.count == table.batchSize ? last : nil
        } while after != nil
        logger.info("copied table", metadata: ["table": "\(table.name)", "rows": "\(checksum.rows)"])
        return checksum
    }

    private static func batch(_ table: CopiedTable, after: [DatabaseValue]?, keyIndexes: [Int], _ db: Database) throws
        -> ([[CopiedValue]], [DatabaseValue])
    {
        var sql = "SELECT \(table.columnList) FROM \"\(table.name)\""
        if after != nil {
            let placeholders = Array(repeating: "?", count: table.primaryKey.count).joined(separator: ", ")
            sql += " WHERE (\(table.sqliteOrder)) > (\(placeholders))"
        }
        sql += " ORDER BY \(table.sqliteOrder) LIMIT \(table.batchSize)"
        var rows: [[CopiedValue]] = []
        var last: [DatabaseValue] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(after ?? []))
        while let row = try cursor.next() {
            let values: [DatabaseValue] = (0..<table.columns.count).map { row[$0] }
            rows.append(try zip(values, table.columns).map { value, column in
                try CopiedValue(sqlite: value, as: column.kind, at: "\(table.name).\(column.name)")
            })
            last = keyIndexes.map { values[$0] }
        }
        return (rows, last)
    }

    private func insert(_ rows: [[CopiedValue]], into table: CopiedTable, _ connection: PostgresConnection) async throws {
        var bindings = PostgresBindings(capacity: rows.count * table.columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            let first = bindings.count
            tuples.append("(" + (1...row.count).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
            for value in row { value.bind(to: &bindings) }
        }
        let sql = "INSERT INTO \"\(table.name)\" (\(table.columnList)) VALUES " + tuples.joined(separator: ", ")
        try await run(connection, PostgresQuery(unsafeSQL: sql, binds: bindings), while: "inserting into \(table.name)")
    }

    /// Identity columns continue after the highest value SQLite ever handed out, which for an
    /// AUTOINCREMENT column is `sqlite_sequence`'s, not the highest row left: events pruned
    /// by retention must not have their sequence numbers reused, or a pull cursor past them
    /// would skip the new events that got them.
    private func moveSequences(_ plan: [CopiedTable], from source: DatabaseSnapshot, _ connection: PostgresConnection) async throws
        -> [String: Int64]
    {
        var sequences: [String: Int64] = [:]
        for table in plan {
            for column in table.columns where column.isIdentity {
                let (highest, handedOut) = try await source.read { db in
                    let highest = try Int64.fetchOne(db, sql: "SELECT MAX(\"\(column.name)\") FROM \"\(table.name)\"")
                    let handedOut = try db.tableExists("sqlite_sequence")
                        ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table.name]) : nil
                    return (highest, handedOut)
                }
                guard let last = [highest, handedOut].compactMap({ $0 }).max() else { continue }
                let sequence = "pg_get_serial_sequence('\"\(table.name)\"', '\(column.name)')"
                try await run(connection, PostgresQuery(unsafeSQL: "SELECT setval(\(sequence), $1)", binds: Self.bindings(last)),
                              while: "moving \(table.name).\(column.name)'s sequence")
                sequences["\(table.name).\(column.name)"] = last + 1
            }
        }
        return sequences
    }

    /// The target's rows as PostgreSQL returns them (inside the copy's transaction), streamed.
    private func checksum(_ table: CopiedTable, _ connection: PostgresConnection) async throws -> TableChecksum {
        var checksum = TableChecksum()
        let rows = try await query(connection, "SELECT \(table.columnList) FROM \"\(table.name)\" ORDER BY \(table.postgresOrder)",
                                   while: "reading \(table.name) back")
        do {
            for try await row in rows {
                checksum.add(try zip(row, table.columns).map { cell, column in try CopiedValue(postgres: cell, as: column.kind) })
            }
        } catch let error as PSQLError {
            throw StoreCopyError(error, while: "reading \(table.name) back")
        }
        return checksum
    }

    // MARK: Statements

    private static func bindings(_ values: Int64...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    private func query(_ connection: PostgresConnection, _ sql: String, while doing: String) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch let error as PSQLError {
            throw StoreCopyError(error, while: doing)
        }
    }

    private func run(_ connection: PostgresConnection, _ sql: String, while doing: String) async throws {
        try await run(connection, PostgresQuery(unsafeSQL: sql), while: doing)
    }

    private func run(_ connection: PostgresConnection, _ query: PostgresQuery, while doing: String) async throws {
        do {
            try await connection.query(query, logger: logger)
        } catch let error as PSQLError {
            throw StoreCopyError(error, while: doing)
        }
    }
}
