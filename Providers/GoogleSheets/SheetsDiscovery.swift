import PatchbaySDK

/// Reads the live shape of the spreadsheet: each sheet is an object whose fields are its
/// header row, typed from a sample of the rows below.
struct SheetsDiscovery {
    let api: SheetsAPI

    /// Data rows read per sheet to infer types; enough to see the shape, small enough to be quick.
    static let sampleRows = 200

    func schema() async throws -> DiscoveredSchema {
        let metadata = try await api.spreadsheet()
        let spreadsheet = metadata["properties"]?["title"]?.stringValue ?? "the spreadsheet"
        var objects: [SchemaObject] = []
        for sheet in metadata["sheets"]?.arrayValue ?? [] {
            guard let title = sheet["properties"]?["title"]?.stringValue else { continue }
            // Rows past the grid are an error, not empty, so a short sheet is read to its end.
            let rowCount = sheet["properties"]?["gridProperties"]?["rowCount"]?.intValue ?? 1
            let answer = try await api.values(A1Notation.rows(of: title, 1, min(Self.sampleRows + 1, max(1, rowCount))),
                                              query: SheetsReads.renderQuery("UNFORMATTED_VALUE"))
            let table = SheetTable(values: answer["values"]?.arrayValue ?? [])
            // A sheet without a header row has no columns to name: nothing to bind to.
            guard !table.names.isEmpty else { continue }
            objects.append(SchemaObject(name: title, description: "Rows of sheet \(title) in \(spreadsheet).",
                                        fields: Self.fields(of: table, sheet: title)))
        }
        return DiscoveredSchema(
            objects: objects,
            relationships: Self.relationships(objects),
            operations: objects.flatMap { object in [
                SchemaOperation(object: object.name, kind: .list, action: "read_range",
                                description: "Read the rows of \(object.name), optionally only those whose columns match."),
                SchemaOperation(object: object.name, kind: .lookup, action: "lookup_rows", description: "Find rows of \(object.name) by a column value."),
                SchemaOperation(object: object.name, kind: .create, action: "append_rows", description: "Append rows to \(object.name)."),
                SchemaOperation(object: object.name, kind: .update, action: "update_rows",
                                description: "Update the rows of \(object.name) whose columns match."),
            ] })
    }

    static func fields(of table: SheetTable, sheet: String) -> [SchemaField] {
        table.columns.enumerated().compactMap { index, name in
            guard let name else { return nil }
            let cells = table.rows.map { index < $0.count ? SheetTable.cell($0[index]) : .null }
            let present = cells.filter { !$0.isNull }
            let nullable = present.count < cells.count
            let isKey = SheetTable.normalized(name) == "id" && !nullable && !present.isEmpty
                && Set(present.map(SheetTable.text)).count == present.count
            return SchemaField(name: name, type: type(of: present), nullable: nullable,
                               description: "Column \(A1Notation.column(index)) of sheet \(sheet).", primaryKey: isKey)
        }
    }

    /// The narrowest JSON type every value fits; text when there is nothing to go by.
    static func type(of values: [JSONValue]) -> String {
        let kinds = Set(values.map(\.schemaTypeName))
        if kinds.isEmpty { return "string" }
        if kinds == ["boolean"] { return "boolean" }
        if kinds == ["integer"] { return "integer" }
        if kinds.isSubset(of: ["integer", "number"]) { return "number" }
        return "string"
    }

    /// `customer_id` in one sheet pointing at the `id` key of a sheet called Customer(s).
    static func relationships(_ objects: [SchemaObject]) -> [SchemaRelationship] {
        var found: [SchemaRelationship] = []
        for object in objects {
            for field in object.fields {
                let name = SheetTable.normalized(field.name)
                guard name.hasSuffix("_id"), !field.primaryKey else { continue }
                let stem = String(name.dropLast(3))
                let targets = [stem, stem + "s", stem + "es"]
                guard let target = objects.first(where: { $0.name != object.name && targets.contains(SheetTable.normalized($0.name)) }),
                      let key = target.fields.first(where: \.primaryKey)
                else { continue }
                found.append(SchemaRelationship(from: object.name, to: target.name, cardinality: .manyToOne,
                                                fromFields: [field.name], toFields: [key.name]))
            }
        }
        return found
    }
}
