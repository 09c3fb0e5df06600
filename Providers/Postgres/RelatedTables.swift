import PatchbaySDK

/// The tables a read's filters reach through foreign keys. A filter's `via` names the related
/// table and the columns that join it; the join is only followed when a declared foreign key
/// pairs exactly those columns, in either direction, so a filter can never join on arbitrary columns.
struct RelatedTables {
    /// Related tables by name, already read from the catalog.
    let tables: [String: TableInfo]
    let foreignKeys: [ForeignKey]

    /// A checked join from `table` to the related table `via` names.
    struct Link {
        let table: TableInfo
        /// (column of the filtered table, column of the related table), in key order.
        let pairs: [(String, String)]

        /// `"r0"."id" = "public"."orders"."customer_id"` for each pair.
        func joins(alias: String, outer: TableInfo) -> [String] {
            pairs.map { own, related in
                "\(SQLIdentifier.quote(alias)).\(SQLIdentifier.quote(related)) = \(outer.qualifiedName).\(SQLIdentifier.quote(own))"
            }
        }
    }

    func link(_ via: JSONValue, from table: TableInfo, field: String) throws -> Link {
        guard let name = via["table"]?.stringValue, let related = tables[name] else {
            throw PluginError.invalidInput("\(field).table", "via needs the related table's name")
        }
        let own = via["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let theirs = via["related_columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !own.isEmpty, own.count == theirs.count else {
            throw PluginError.invalidInput("\(field).columns", "columns and related_columns must pair the join's columns one to one")
        }
        let pairs = Array(zip(own, theirs))
        let declared = foreignKeys.contains { key in
            (key.fromTable == table.name && key.toTable == related.name && key.fromColumns == own && key.toColumns == theirs)
                || (key.fromTable == related.name && key.toTable == table.name && key.fromColumns == theirs && key.toColumns == own)
        }
        guard declared else {
            let joined = pairs.map { "\(table.name).\($0.0) = \(related.name).\($0.1)" }.joined(separator: ", ")
            throw PluginError.invalidInput(field, "no foreign key joins \(joined); discovery lists the relationships")
        }
        return Link(table: related, pairs: pairs)
    }
}
