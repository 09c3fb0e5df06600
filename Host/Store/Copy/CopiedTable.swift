/// One table the copy moves: its columns in PostgreSQL's order, with the kinds their values
/// convert to, and the primary key both sides are read in order of.
struct CopiedTable {
    let name: String
    let columns: [CopiedColumn]
    let primaryKey: [String]

    /// Tables that are not copied:
    /// - `host_instances` holds the heartbeats of the processes serving the SQLite file. None of
    ///   them will ever beat in PostgreSQL; the PostgreSQL hosts register themselves when they start.
    /// - `storage_probe` is the row a readiness check overwrites to prove the database takes
    ///   writes; it carries no data.
    /// - Each side's migration history (`grdb_migrations`, `schema_migrations`) describes that
    ///   database's own schema, which `PostgresStore` has already brought up to date.
    static let notCopied: Set<String> = ["host_instances", "storage_probe", "grdb_migrations", "schema_migrations"]

    /// The tables to copy, referenced tables before the tables that reference them.
    ///
    /// The two schemas must match exactly: a table or a column that only one side has is an
    /// error naming it, so a schema change made on one side only stops the copy instead of
    /// being silently dropped.
    static func plan(sqlite: SchemaCatalog, postgres: SchemaCatalog) throws -> [CopiedTable] {
        let sqliteNames = Set(sqlite.tables.keys).subtracting(notCopied)
        let postgresNames = Set(postgres.tables.keys).subtracting(notCopied)
        if let only = sqliteNames.subtracting(postgresNames).sorted().first {
            throw StoreCopyError("table \(only) exists in SQLite but not in PostgreSQL")
        }
        if let only = postgresNames.subtracting(sqliteNames).sorted().first {
            throw StoreCopyError("table \(only) exists in PostgreSQL but not in SQLite")
        }
        var tables: [String: CopiedTable] = [:]
        for name in sqliteNames {
            tables[name] = try CopiedTable(name: name, sqlite: sqlite.tables[name]!, postgres: postgres.tables[name]!)
        }
        return try dependencyOrder(sqliteNames) { name in
            sqlite.tables[name]!.references.union(postgres.tables[name]!.references).subtracting([name])
        }.map { tables[$0]! }
    }

    private init(name: String, sqlite: SchemaCatalog.Table, postgres: SchemaCatalog.Table) throws {
        if let only = sqlite.columns.first(where: { !postgres.columns.contains($0) }) {
            throw StoreCopyError("column \(name).\(only) exists in SQLite but not in PostgreSQL")
        }
        if let only = postgres.columns.first(where: { !sqlite.columns.contains($0) }) {
            throw StoreCopyError("column \(name).\(only) exists in PostgreSQL but not in SQLite")
        }
        guard !sqlite.primaryKey.isEmpty, sqlite.primaryKey == postgres.primaryKey else {
            throw StoreCopyError("table \(name) has primary key (\(sqlite.primaryKey.joined(separator: ", "))) in SQLite "
                                 + "but (\(postgres.primaryKey.joined(separator: ", "))) in PostgreSQL")
        }
        self.name = name
        columns = try postgres.columns.map { column in
            let type = postgres.types[column] ?? ""
            guard let kind = CopiedColumn.Kind(postgresType: type) else {
                throw StoreCopyError("column \(name).\(column) has PostgreSQL type \(type), which the copy cannot convert to")
            }
            return CopiedColumn(name: column, kind: kind, isIdentity: postgres.identityColumns.contains(column))
        }
        primaryKey = sqlite.primaryKey
    }

    /// Kahn's topological order, alphabetical among tables that are ready at once, so runs
    /// are repeatable.
    private static func dependencyOrder(_ names: Set<String>, references: (String) -> Set<String>) throws -> [String] {
        var waiting = Dictionary(uniqueKeysWithValues: names.map { ($0, references($0).intersection(names)) })
        var order: [String] = []
        while !waiting.isEmpty {
            guard let next = waiting.filter({ $0.value.isEmpty }).keys.sorted().first else {
                throw StoreCopyError("the foreign keys between \(waiting.keys.sorted().joined(separator: ", ")) form a cycle")
            }
            order.append(next)
            waiting[next] = nil
            for name in waiting.keys { waiting[name]?.remove(next) }
        }
        return order
    }

    // MARK: Statements

    var columnList: String { columns.map { "\"\($0.name)\"" }.joined(separator: ", ") }

    /// Rows per INSERT: as many as fit PostgreSQL's 65,535 parameters, at most 1,000.
    var batchSize: Int { min(1_000, 65_535 / columns.count) }

    /// The PostgreSQL order that matches SQLite's: text keys compare as bytes ("C"), as
    /// SQLite's default BINARY collation compares them.
    var postgresOrder: String {
        primaryKey.map { key in
            columns.first { $0.name == key }?.kind == .text ? "\"\(key)\" COLLATE \"C\"" : "\"\(key)\""
        }.joined(separator: ", ")
    }

    var sqliteOrder: String { primaryKey.map { "\"\($0)\"" }.joined(separator: ", ") }
}
