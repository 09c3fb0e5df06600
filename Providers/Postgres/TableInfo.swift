import PatchbaySDK

/// A table (or view) of the configured schema, with its columns and primary key.
struct TableInfo: Sendable {
    let schema: String
    let name: String
    let columns: [ColumnInfo]
    /// Primary key columns in key order; empty when the table has none.
    let primaryKey: [String]

    var qualifiedName: String { SQLIdentifier.qualified(schema, name) }

    /// The named column, or `invalid_input` on `field` when the table has no such column.
    func column(_ name: String, field: String) throws -> ColumnInfo {
        guard let column = columns.first(where: { $0.name == name }) else {
            throw PluginError.invalidInput(field, "table \(self.name) has no column \"\(name)\"")
        }
        return column
    }

    /// The column list for SELECT and RETURNING. Columns whose binary form the plugin does not
    /// read (intervals, network addresses, ranges, …) come back as Postgres' own text for them.
    func projection(_ selected: [ColumnInfo]? = nil) -> String {
        (selected ?? columns).map { column in
            let quoted = SQLIdentifier.quote(column.name)
            return CellValue.reads(column.typeOID) ? quoted : "\(quoted)::text AS \(quoted)"
        }.joined(separator: ", ")
    }
}
