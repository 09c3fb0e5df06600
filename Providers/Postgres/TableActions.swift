import PatchbaySDK

/// select_rows, insert_row and update_rows: statements built from catalog-checked identifiers
/// and parameters, never from text an agent wrote.
struct TableActions {
    let session: PostgresSession

    static let operators: [String: String] = [
        "eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "like": "LIKE", "ilike": "ILIKE",
    ]

    func select(_ input: JSONValue) async throws -> JSONValue {
        let table = try await Catalog.table(session, named: input["table"]?.stringValue ?? "")
        let selected = try input["columns"]?.arrayValue?.enumerated().map { index, name in
            try table.column(name.stringValue ?? "", field: "columns[\(index)]")
        }
        let limit = input["limit"]?.intValue ?? 100
        var statement = StatementBuilder()
        statement.append("SELECT \(table.projection(selected)) FROM \(table.qualifiedName)")
        let filters = input["filters"]?.arrayValue ?? []
        let foreignKeys = filters.contains { $0["via"] != nil } ? try await Catalog.foreignKeys(session) : []
        var related: [String: TableInfo] = [:]
        for (index, filter) in filters.enumerated() {
            guard let name = filter["via"]?["table"]?.stringValue, related[name] == nil else { continue }
            related[name] = try await Catalog.table(session, named: name, field: "filters[\(index)].via.table")
        }
        try appendFilters(filters, table: table, related: RelatedTables(tables: related, foreignKeys: foreignKeys), to: &statement)
        let order = try (input["order_by"]?.arrayValue ?? []).enumerated().map { index, item in
            let column = try table.column(item["column"]?.stringValue ?? "", field: "order_by[\(index)].column")
            return SQLIdentifier.quote(column.name) + (item["direction"]?.stringValue == "desc" ? " DESC" : " ASC")
        }
        if !order.isEmpty { statement.append(" ORDER BY " + order.joined(separator: ", ")) }
        // One row more than asked for tells whether there are more.
        statement.append(" LIMIT \(statement.parameter(String(limit + 1)))")
        statement.append(" OFFSET \(statement.parameter(String(input["offset"]?.intValue ?? 0)))")
        let result = try await session.transaction(readOnly: true) { try await session.rows(statement.query, keep: limit) }
        return ["rows": .array(result.rows), "count": .integer(Int64(result.rows.count)), "has_more": .bool(result.total > limit)]
    }

    func insert(_ input: JSONValue) async throws -> JSONValue {
        let table = try await Catalog.table(session, named: input["table"]?.stringValue ?? "")
        let values = (input["values"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        var statement = StatementBuilder()
        statement.append("INSERT INTO \(table.qualifiedName)")
        if values.isEmpty {
            statement.append(" DEFAULT VALUES")
        } else {
            var names: [String] = []
            var placeholders: [String] = []
            for (name, value) in values {
                let column = try table.column(name, field: "values.\(name)")
                names.append(SQLIdentifier.quote(column.name))
                placeholders.append(try statement.parameter(value, column: column, field: "values.\(name)"))
            }
            statement.append(" (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))")
        }
        statement.append(" RETURNING \(table.projection())")
        let result = try await session.transaction(readOnly: false) { try await session.rows(statement.query) }
        return ["row": result.rows.first ?? [:]]
    }

    func update(_ input: JSONValue) async throws -> JSONValue {
        let table = try await Catalog.table(session, named: input["table"]?.stringValue ?? "")
        let key = input["key"]?.objectValue ?? [:]
        let values = (input["values"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        guard !table.primaryKey.isEmpty else {
            throw PluginError.invalidInput("table", "table \(table.name) has no primary key, so rows cannot be addressed one by one")
        }
        guard Set(key.keys) == Set(table.primaryKey) else {
            throw PluginError.invalidInput("key", "key must give exactly the primary key of \(table.name): \(table.primaryKey.joined(separator: ", "))")
        }
        guard !values.isEmpty else { throw PluginError.invalidInput("values", "values must set at least one column") }

        var statement = StatementBuilder()
        var assignments: [String] = []
        for (name, value) in values {
            let column = try table.column(name, field: "values.\(name)")
            assignments.append("\(SQLIdentifier.quote(column.name)) = \(try statement.parameter(value, column: column, field: "values.\(name)"))")
        }
        var conditions: [String] = []
        for name in table.primaryKey {
            let value = key[name] ?? .null
            guard !value.isNull else { throw PluginError.invalidInput("key.\(name)", "a primary key value cannot be null") }
            let column = try table.column(name, field: "key.\(name)")
            conditions.append("\(SQLIdentifier.quote(column.name)) = \(try statement.parameter(value, column: column, field: "key.\(name)"))")
        }
        statement.append("UPDATE \(table.qualifiedName) SET \(assignments.joined(separator: ", "))")
        statement.append(" WHERE \(conditions.joined(separator: " AND ")) RETURNING \(table.projection())")
        let result = try await session.transaction(readOnly: false) { try await session.rows(statement.query) }
        return ["rows": .array(result.rows), "count": .integer(Int64(result.rows.count))]
    }

    private func appendFilters(_ filters: [JSONValue], table: TableInfo, related: RelatedTables,
                               to statement: inout StatementBuilder) throws {
        var conditions: [String] = []
        for (index, filter) in filters.enumerated() {
            let field = "filters[\(index)]"
            if let via = filter["via"] {
                // The condition on the related table's column, inside an EXISTS over the foreign key's join.
                let link = try related.link(via, from: table, field: "\(field).via")
                let alias = "r\(index)"
                let condition = try Self.condition(filter, table: link.table, qualifier: SQLIdentifier.quote(alias), field: field,
                                                   statement: &statement)
                conditions.append("EXISTS (SELECT 1 FROM \(link.table.qualifiedName) AS \(SQLIdentifier.quote(alias)) WHERE "
                                  + link.joins(alias: alias, outer: table).joined(separator: " AND ") + " AND \(condition))")
                continue
            }
            conditions.append(try Self.condition(filter, table: table, qualifier: nil, field: field, statement: &statement))
        }
        if !conditions.isEmpty { statement.append(" WHERE " + conditions.joined(separator: " AND ")) }
    }

    /// One filter's SQL condition on a column of `table`, written `qualifier.column` when qualified.
    private static func condition(_ filter: JSONValue, table: TableInfo, qualifier: String?, field: String,
                                  statement: inout StatementBuilder) throws -> String {
        let column = try table.column(filter["column"]?.stringValue ?? "", field: "\(field).column")
        let name = (qualifier.map { $0 + "." } ?? "") + SQLIdentifier.quote(column.name)
        let op = filter["op"]?.stringValue ?? "eq"
        let value = filter["value"] ?? .null
        switch op {
        case "is_null":
            return value.boolValue == false ? "\(name) IS NOT NULL" : "\(name) IS NULL"
        case "in":
            guard let items = value.arrayValue else { throw PluginError.invalidInput("\(field).value", "op in needs an array of values") }
            let placeholders = try items.enumerated().map { item, element in
                try statement.parameter(element, column: column, field: "\(field).value[\(item)]")
            }
            return placeholders.isEmpty ? "FALSE" : "\(name) IN (\(placeholders.joined(separator: ", ")))"
        default:
            guard let sqlOperator = operators[op] else { throw PluginError.invalidInput("\(field).op", "unknown operator \(op)") }
            guard !value.isNull else { throw PluginError.invalidInput("\(field).value", "to match NULL use op is_null") }
            return "\(name) \(sqlOperator) \(try statement.parameter(value, column: column, field: "\(field).value"))"
        }
    }
}
