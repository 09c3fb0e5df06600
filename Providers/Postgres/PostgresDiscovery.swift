import PatchbaySDK

/// The configured schema as a discovered schema: tables as objects, foreign keys as
/// many-to-one relationships, and the actions that read and write each table.
enum PostgresDiscovery {
    static func schema(tables: [TableInfo], foreignKeys: [ForeignKey]) -> DiscoveredSchema {
        let objects = tables.map { table in
            SchemaObject(name: table.name, description: "Table \(table.schema).\(table.name).", fields: table.columns.map { column in
                SchemaField(name: column.name, type: column.jsonType, nullable: column.nullable,
                            description: column.hasDefault ? "Has a default; may be left out on insert." : nil,
                            nativeType: column.nativeType, primaryKey: table.primaryKey.contains(column.name))
            })
        }
        let relationships = foreignKeys.map { key in
            SchemaRelationship(from: key.fromTable, to: key.toTable, cardinality: .manyToOne,
                               fromFields: key.fromColumns, toFields: key.toColumns)
        }
        let operations = tables.flatMap { table -> [SchemaOperation] in
            var operations = [
                SchemaOperation(object: table.name, kind: .list, action: "select_rows",
                                description: "List rows of \(table.name), with filters and ordering."),
                SchemaOperation(object: table.name, kind: .create, action: "insert_row", description: "Insert a row into \(table.name)."),
            ]
            if !table.primaryKey.isEmpty {
                let key = table.primaryKey.joined(separator: ", ")
                operations.insert(SchemaOperation(object: table.name, kind: .lookup, action: "select_rows",
                                                  description: "Fetch a row of \(table.name) by \(key) with eq filters."), at: 1)
                operations.append(SchemaOperation(object: table.name, kind: .update, action: "update_rows",
                                                  description: "Update a row of \(table.name) by its primary key (\(key))."))
            }
            return operations
        }
        return DiscoveredSchema(objects: objects, relationships: relationships, operations: operations)
    }
}
