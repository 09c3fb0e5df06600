import PatchbaySDK
import PostgresNIO

/// Reads tables, columns, keys and foreign keys from information_schema and pg_catalog.
/// Every identifier an action uses is looked up here first, so only names that exist in the
/// live database ever reach a statement.
enum Catalog {
    struct TableSummary {
        let name: String
        let type: String
        /// pg_class.reltuples; nil when the table has never been vacuumed or analyzed.
        let estimatedRows: Int64?
    }

    static func requireSchema(_ session: PostgresSession) async throws {
        let found = try await session.catalog(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = \(session.settings.schema)") { _ in true }
        if found.isEmpty {
            throw PluginError(code: "invalid_schema_name",
                              message: "the connection's schema \"\(session.settings.schema)\" does not exist or is not visible to this user")
        }
    }

    static func tableSummaries(_ session: PostgresSession) async throws -> [TableSummary] {
        try await session.catalog("""
            SELECT t.table_name::text, t.table_type::text, c.reltuples::float8
            FROM information_schema.tables t
            JOIN pg_catalog.pg_namespace n ON n.nspname = t.table_schema
            LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name
            WHERE t.table_schema = \(session.settings.schema)
            ORDER BY t.table_name
            """) { row in
            let (name, type, tuples) = try row.decode((String, String, Double?).self)
            return TableSummary(name: name, type: type == "BASE TABLE" ? "table" : type.lowercased(),
                                estimatedRows: tuples.flatMap { $0 >= 0 ? Int64($0) : nil })
        }
    }

    /// The table named by an agent, or `invalid_input` on `field` when the schema has no such
    /// table. Every action looks its table up on each call, so this is one pg_catalog query,
    /// not the information_schema views `tables` reads, which cost the server milliseconds.
    /// It sees what those views would: tables, views, foreign and partitioned tables, and
    /// only the columns the user owns or holds a privilege on.
    static func table(_ session: PostgresSession, named name: String, field: String = "table") async throws -> TableInfo {
        let schema = session.settings.schema
        let rows = try await session.catalog("""
            SELECT a.attname::text, a.atttypid::int8, format_type(a.atttypid, a.atttypmod),
                   NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)), t.typcategory::text,
                   (a.atthasdef AND a.attgenerated = '') OR a.attidentity <> '',
                   array_position(i.indkey::int2[], a.attnum)::int8
            FROM pg_catalog.pg_class r
            JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_index i ON i.indrelid = r.oid AND i.indisprimary
            WHERE n.nspname = \(schema) AND r.relname = \(name) AND r.relkind IN ('r', 'v', 'f', 'p')
                  AND (pg_has_role(r.relowner, 'USAGE') OR has_column_privilege(r.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
            ORDER BY a.attnum
            """) { row -> (ColumnInfo, Int64?) in
            let (column, oid, native, nullable, category, hasDefault, keyPosition) =
                try row.decode((String, Int64, String, Bool, String, Bool, Int64?).self)
            return (ColumnInfo(name: column, typeOID: UInt32(oid), nativeType: native, nullable: nullable,
                               category: category, hasDefault: hasDefault), keyPosition)
        }
        guard !rows.isEmpty else {
            throw PluginError.invalidInput(field, "schema \(schema) has no table \"\(name)\"; list_tables shows the tables")
        }
        let primaryKey = rows.compactMap { column, position in position.map { ($0, column.name) } }.sorted { $0.0 < $1.0 }.map(\.1)
        return TableInfo(schema: schema, name: name, columns: rows.map(\.0), primaryKey: primaryKey)
    }

    /// Every table of the schema, with columns and primary keys (for discovery).
    static func tables(_ session: PostgresSession) async throws -> [TableInfo] {
        let schema = session.settings.schema
        let columns = try await session.catalog("""
            SELECT c.table_name::text, c.column_name::text, a.atttypid::int8, format_type(a.atttypid, a.atttypmod),
                   c.is_nullable = 'YES', t.typcategory::text, c.column_default IS NOT NULL OR c.is_identity = 'YES'
            FROM information_schema.columns c
            JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema
            JOIN pg_catalog.pg_class r ON r.relnamespace = n.oid AND r.relname = c.table_name
            JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attname = c.column_name
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE c.table_schema = \(schema)
            ORDER BY c.table_name, c.ordinal_position
            """) { row -> (String, ColumnInfo) in
            let (table, name, oid, native, nullable, category, hasDefault) =
                try row.decode((String, String, Int64, String, Bool, String, Bool).self)
            return (table, ColumnInfo(name: name, typeOID: UInt32(oid), nativeType: native, nullable: nullable,
                                      category: category, hasDefault: hasDefault))
        }
        let keys = try await session.catalog("""
            SELECT tc.table_name::text, kcu.column_name::text
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema
                 AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = \(schema)
            ORDER BY tc.table_name, kcu.ordinal_position
            """) { row in try row.decode((String, String).self) }

        var order: [String] = []
        var columnsByTable: [String: [ColumnInfo]] = [:]
        for (table, column) in columns {
            if columnsByTable[table] == nil { order.append(table) }
            columnsByTable[table, default: []].append(column)
        }
        return order.map { name in
            TableInfo(schema: schema, name: name, columns: columnsByTable[name] ?? [],
                      primaryKey: keys.filter { $0.0 == name }.map(\.1))
        }
    }

    /// Foreign keys declared on the schema's tables, columns paired in key order.
    static func foreignKeys(_ session: PostgresSession) async throws -> [ForeignKey] {
        try await session.catalog("""
            SELECT con.conname::text, src.relname::text,
                   CASE WHEN dn.nspname = sn.nspname THEN dst.relname::text ELSE dn.nspname || '.' || dst.relname END,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos)
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class src ON src.oid = con.conrelid
            JOIN pg_catalog.pg_namespace sn ON sn.oid = src.relnamespace
            JOIN pg_catalog.pg_class dst ON dst.oid = con.confrelid
            JOIN pg_catalog.pg_namespace dn ON dn.oid = dst.relnamespace
            WHERE con.contype = 'f' AND sn.nspname = \(session.settings.schema)
            ORDER BY src.relname, con.conname
            """) { row in
            let (name, from, to, fromColumns, toColumns) = try row.decode((String, String, String, [String], [String]).self)
            return ForeignKey(name: name, fromTable: from, fromColumns: fromColumns, toTable: to, toColumns: toColumns)
        }
    }
}
