import PatchbaySDK

/// The reading actions: describe the spreadsheet, read a range, look rows up by a column.
struct SheetsReads {
    let api: SheetsAPI
    let defaultSheet: String?

    /// Rows fetched per request while scanning a sheet, so a large sheet never comes back
    /// as one answer bigger than the host accepts.
    static let blockRows = 1000

    func getSpreadsheet() async throws -> JSONValue {
        let metadata = try await api.spreadsheet()
        var result: [String: JSONValue] = [
            "spreadsheet_id": metadata["spreadsheetId"] ?? .string(api.spreadsheetID),
            "title": metadata["properties"]?["title"] ?? "",
            "sheets": .array((metadata["sheets"]?.arrayValue ?? []).map(Self.sheet)),
        ]
        if let locale = metadata["properties"]?["locale"] { result["locale"] = locale }
        if let zone = metadata["properties"]?["timeZone"] { result["time_zone"] = zone }
        if let url = metadata["spreadsheetUrl"] { result["url"] = url }
        return .object(result)
    }

    func readRange(_ input: JSONValue) async throws -> JSONValue {
        let range = try input["range"]?.stringValue ?? requireDefaultSheet("range")
        let dimension = input["major_dimension"]?.stringValue ?? "ROWS"
        let headerRow = input["header_row"]?.boolValue ?? false
        if headerRow, dimension != "ROWS" {
            throw PluginError.invalidInput("header_row", "header_row needs major_dimension ROWS: a header is a row")
        }
        let answer = try await api.values(range, query: Self.renderQuery(input["value_render_option"]?.stringValue ?? "FORMATTED_VALUE")
            .merging(["majorDimension": dimension]) { _, new in new })
        // Google leaves `values` out entirely when the range is empty.
        let values = answer["values"]?.arrayValue ?? []
        var result: [String: JSONValue] = [
            "range": answer["range"] ?? .string(range),
            "major_dimension": answer["majorDimension"] ?? .string(dimension),
            "values": .array(values),
        ]
        if let match = input["match"]?.objectValue {
            guard headerRow else { throw PluginError.invalidInput("match", "match needs header_row: columns are named by the header") }
            let table = SheetTable(values: values)
            let matcher = try RowMatch(match, header: table, sheet: A1Notation.sheetName(in: range),
                                       matchCase: input["match_case"]?.boolValue ?? false) { "match.\($0)" }
            let kept = table.rows.filter(matcher.matches)
            result["values"] = .array(Array(values.prefix(1)) + kept.map(JSONValue.array))
            result["rows"] = .array(kept.map(table.record))
        } else if headerRow {
            let table = SheetTable(values: values)
            result["rows"] = .array(table.rows.map(table.record))
        }
        return .object(result)
    }

    func lookupRows(_ input: JSONValue) async throws -> JSONValue {
        let sheet = try await findSheet(input["sheet"]?.stringValue ?? requireDefaultSheet("sheet"))
        let name = input["column"]?.stringValue ?? ""
        let limit = input["limit"]?.intValue ?? 50
        let found = try await matchingRows(sheet, match: [name: input["value"] ?? .null],
                                           matchCase: input["match_case"]?.boolValue ?? false, limit: limit) { _ in "column" }
        return [
            "sheet": .string(sheet.title),
            "column": .string(found.table.index(of: name).flatMap { found.table.columns[$0] } ?? name),
            "matches": .array(found.matches.prefix(limit).map { match in
                ["row_number": .integer(Int64(match.rowNumber)), "record": found.table.record(match.row)]
            }),
            "truncated": .bool(found.matches.count > limit),
        ]
    }

    /// Scans the sheet block by block from row 1 (the header) and keeps the rows `match`
    /// selects. Stops at the grid's end, at a wholly empty block (the data is over), or once
    /// more than `limit` rows matched. Unknown columns are refused on `field(name)`.
    func matchingRows(_ sheet: (title: String, rowCount: Int), match: [String: JSONValue], matchCase: Bool, limit: Int?,
                      field: (String) -> String) async throws -> (table: SheetTable, matches: [(rowNumber: Int, row: [JSONValue])]) {
        var table: SheetTable?
        var matcher: RowMatch?
        var matches: [(rowNumber: Int, row: [JSONValue])] = []
        var first = 1
        while first <= sheet.rowCount, limit.map({ matches.count <= $0 }) ?? true {
            let last = min(first + Self.blockRows - 1, sheet.rowCount)
            let answer = try await api.values(A1Notation.rows(of: sheet.title, first, last), query: Self.renderQuery("UNFORMATTED_VALUE"))
            let lines = answer["values"]?.arrayValue ?? []
            var rows = lines.map { $0.arrayValue ?? [] }
            var rowNumber = first
            if table == nil {
                let header = SheetTable(values: lines)
                matcher = try RowMatch(match, header: header, sheet: sheet.title, matchCase: matchCase, field: field)
                table = header
                rows = header.rows
                rowNumber += 1
            } else if lines.isEmpty {
                break
            }
            for (offset, row) in rows.enumerated() where matcher!.matches(row) {
                matches.append((rowNumber + offset, row))
            }
            first = last + 1
        }
        return (table ?? SheetTable(values: []), matches)
    }

    // MARK: Helpers

    /// A sheet's title as the spreadsheet spells it and its grid height.
    func findSheet(_ name: String) async throws -> (title: String, rowCount: Int) {
        let sheets = try await api.spreadsheet()["sheets"]?.arrayValue ?? []
        let titles = sheets.compactMap { $0["properties"]?["title"]?.stringValue }
        let exact = sheets.first { $0["properties"]?["title"]?.stringValue == name }
        let loose = sheets.first { $0["properties"]?["title"]?.stringValue.map(SheetTable.normalized) == SheetTable.normalized(name) }
        guard let properties = (exact ?? loose)?["properties"], let title = properties["title"]?.stringValue else {
            throw PluginError.invalidInput("sheet", "no sheet named \"\(name)\"; the spreadsheet has: \(titles.joined(separator: ", "))")
        }
        return (title, properties["gridProperties"]?["rowCount"]?.intValue ?? Self.blockRows)
    }

    func requireDefaultSheet(_ field: String) throws -> String {
        guard let defaultSheet else {
            throw PluginError.invalidInput(field, "\(field) is required: this connection has no default_sheet")
        }
        return defaultSheet
    }

    /// Typed values read dates as the text shown, not as serial day numbers.
    static func renderQuery(_ option: String) -> [String: String] {
        option == "FORMATTED_VALUE" ? ["valueRenderOption": option]
            : ["valueRenderOption": option, "dateTimeRenderOption": "FORMATTED_STRING"]
    }

    private static func sheet(_ raw: JSONValue) -> JSONValue {
        let properties = raw["properties"] ?? [:]
        var sheet: [String: JSONValue] = [
            "sheet_id": properties["sheetId"] ?? 0,
            "title": properties["title"] ?? "",
            "index": properties["index"] ?? 0,
        ]
        if let rows = properties["gridProperties"]?["rowCount"] { sheet["row_count"] = rows }
        if let columns = properties["gridProperties"]?["columnCount"] { sheet["column_count"] = columns }
        return .object(sheet)
    }
}
