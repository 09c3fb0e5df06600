import GRDB
import Logging
import PostgresNIO

/// What one database's catalog says about its tables, read the same way from SQLite and from
/// PostgreSQL so that the copy compares the schemas the two databases really have, not the
/// migrations' source.
struct SchemaCatalog: Sendable {
    struct Table: Sendable {
        /// In the table's own order.
        var columns: [String] = []
        /// SQLite's declared type, or PostgreSQL's `data_type`.
        var types: [String: String] = [:]
        var identityColumns: Set<String> = []
        var primaryKey: [String] = []
        /// The tables its foreign keys point to.
        var references: Set<String> = []
    }

    var tables: [String: Table] = [:]

    static func sqlite(_ db: Database) throws -> SchemaCatalog {
        var catalog = SchemaCatalog()
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        for name in names {
            var table = Table()
            for column in try db.columns(in: name) {
                table.columns.append(column.name)
                table.types[column.name] = column.type
            }
            table.primaryKey = try db.primaryKey(name).columns
            table.references = Set(try db.foreignKeys(on: name).map(\.destinationTable))
            catalog.tables[name] = table
        }
        return catalog
    }

    /// The tables of the connection's current schema (the one `PostgresStore` migrates).
    static func postgres(_ connection: PostgresConnection, logger: Logger) async throws -> SchemaCatalog {
        var catalog = SchemaCatalog()
        let columns = try await connection.query("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_identity::text
            FROM information_schema.columns c
            JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema()
            ORDER BY c.table_name, c.ordinal_position
            """, logger: logger)
        for try await row in columns {
            let (table, column, type, identity) = try row.decode((String, String, String, String).self)
            catalog.tables[table, default: Table()].columns.append(column)
            catalog.tables[table, default: Table()].types[column] = type
            if identity == "YES" { catalog.tables[table, default: Table()].identityColumns.insert(column) }
        }
        let keys = try await connection.query("""
            SELECT c.relname::text, a.attname::text
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS key(attnum, position)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum
            WHERE k.contype = 'p' AND k.connamespace = current_schema()::regnamespace
            ORDER BY c.relname, key.position
            """, logger: logger)
        for try await row in keys {
            let (table, column) = try row.decode((String, String).self)
            catalog.tables[table, default: Table()].primaryKey.append(column)
        }
        let references = try await connection.query("""
            SELECT c.relname::text, r.relname::text
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
            """, logger: logger)
        for try await row in references {
            let (table, referenced) = try row.decode((String, String).self)
            catalog.tables[table, default: Table()].references.insert(referenced)
        }
        return catalog
    }
}
