import Foundation
import PatchbayWire

extension FakeGoogleSheets {
    static let dimensions: Set<String> = ["ROWS", "COLUMNS"]
    static let dateTimeRenderOptions: Set<String> = ["SERIAL_NUMBER", "FORMATTED_STRING"]
    static let insertDataOptions: Set<String> = ["OVERWRITE", "INSERT_ROWS"]

    /// `GET values/{range}`: the cells of the range, trailing empty cells and rows left out,
    /// and no `values` at all for an empty range. Called with the lock held.
    func readValues(_ text: String, _ query: [String: String]) throws -> JSONValue {
        let dimension = try option(query, "majorDimension", "major_dimension", type: "Dimension", allowed: Self.dimensions) ?? "ROWS"
        let render = try option(query, "valueRenderOption", "value_render_option", type: "ValueRenderOption",
                                allowed: SheetCells.renderOptions) ?? "FORMATTED_VALUE"
        _ = try option(query, "dateTimeRenderOption", "date_time_render_option", type: "DateTimeRenderOption",
                       allowed: Self.dateTimeRenderOptions)
        let range = try SheetsRange.resolve(text, in: sheetList)
        let sheet = sheetList[range.sheetIndex]
        if range.exceedsGrid { throw exceedsGrid(range, sheet) }

        var lines = range.rows.map { row in range.columns.map { sheet.value(row, $0) } }
        if dimension == "COLUMNS" {
            lines = range.columns.map { column in lines.map { $0[column - range.columns.lowerBound] } }
        }
        lines = lines.map { line in Array(line[..<(line.lastIndex { !$0.isNull }.map { $0 + 1 } ?? 0)]) }
        while lines.last?.isEmpty == true { lines.removeLast() }

        var result: [String: JSONValue] = ["range": .string(range.a1), "majorDimension": .string(dimension)]
        if !lines.isEmpty {
            result["values"] = .array(lines.map { .array($0.map { SheetCells.rendered($0, option: render) }) })
        }
        return .object(result)
    }

    /// `PUT values/{range}`: writes from the range's top-left cell; a null leaves its cell
    /// alone, and values that do not fit the range are refused. Called with the lock held.
    func updateValues(_ text: String, _ request: RecordedRequest) throws -> JSONValue {
        let input = try inputOption(request.query)
        let (range, values) = try fittedValues(text, body: try bodyObject(request.body))
        var updates = write(values, sheet: range.sheetIndex, row: range.rows.lowerBound, column: range.columns.lowerBound, option: input)
        updates["spreadsheetId"] = .string(Self.spreadsheetID)
        return .object(updates)
    }

    /// `POST values:batchUpdate`: `{valueInputOption, data: [ValueRange]}` in the body. Every
    /// range is checked before any is written, so a bad one leaves the sheet as it was; the
    /// answer totals the per-range counts. Called with the lock held.
    func batchUpdateValues(_ request: RecordedRequest) throws -> JSONValue {
        let body = try bodyObject(request.body)
        guard let input = body["valueInputOption"]?.stringValue else {
            throw GoogleAPIError.invalidArgument("'valueInputOption' is required but not specified")
        }
        guard SheetCells.inputOptions.contains(input) else {
            throw GoogleAPIError.invalidEnum("value_input_option", type: "ValueInputOption", input)
        }
        guard let data = body["data"]?.arrayValue, !data.isEmpty else {
            throw GoogleAPIError.invalidArgument("Invalid data: at least one ValueRange is required.")
        }
        let writes = try data.map { item -> (SheetsRange, [[JSONValue]]) in
            guard let text = item["range"]?.stringValue else { throw GoogleAPIError.invalidArgument("Invalid data[].range: a range is required.") }
            return try fittedValues(text, body: item)
        }
        var responses: [JSONValue] = []
        for (range, values) in writes {
            var updates = write(values, sheet: range.sheetIndex, row: range.rows.lowerBound, column: range.columns.lowerBound, option: input)
            updates["spreadsheetId"] = .string(Self.spreadsheetID)
            responses.append(.object(updates))
        }
        let total = { (key: String) in JSONValue.integer(responses.reduce(0) { $0 + ($1[key]?.intValue.map(Int64.init) ?? 0) }) }
        return [
            "spreadsheetId": .string(Self.spreadsheetID),
            "totalUpdatedRows": total("updatedRows"), "totalUpdatedColumns": total("updatedColumns"),
            "totalUpdatedCells": total("updatedCells"),
            "totalUpdatedSheets": .integer(Int64(Set(writes.map(\.0.sheetIndex)).count)),
            "responses": .array(responses),
        ]
    }

    /// A `ValueRange`'s rows for `text`, refused when they would fall outside the range or the grid.
    private func fittedValues(_ text: String, body: JSONValue) throws -> (SheetsRange, [[JSONValue]]) {
        let range = try SheetsRange.resolve(text, in: sheetList)
        if range.exceedsGrid { throw exceedsGrid(range, sheetList[range.sheetIndex]) }
        let values = try bodyValues(body, urlRange: range)
        if values.count > range.rows.count {
            throw writingOutside(text, "row [\(range.rows.upperBound + 2)]")
        }
        if let widest = values.map(\.count).max(), widest > range.columns.count {
            throw writingOutside(text, "column [\(SheetsRange.column(range.columns.upperBound + 1))]")
        }
        return (range, values)
    }

    /// `POST values/{range}:append`: finds the table at the top of the range (the rows from
    /// its first non-empty row down to the next wholly empty one) and writes after it, first
    /// inserting rows with INSERT_ROWS. Called with the lock held.
    func appendValues(_ text: String, _ request: RecordedRequest) throws -> JSONValue {
        let input = try inputOption(request.query)
        let insert = try option(request.query, "insertDataOption", "insert_data_option", type: "InsertDataOption",
                                allowed: Self.insertDataOptions) ?? "OVERWRITE"
        let range = try SheetsRange.resolve(text, in: sheetList)
        if range.exceedsGrid { throw exceedsGrid(range, sheetList[range.sheetIndex]) }
        let values = try bodyValues(try bodyObject(request.body), urlRange: range)
        guard !values.isEmpty else { throw GoogleAPIError.invalidArgument("Invalid values: at least one row is required.") }

        let sheet = sheetList[range.sheetIndex]
        let hasData = { (row: Int) in range.columns.contains { !sheet.value(row, $0).isNull } }
        var target = range.rows.lowerBound
        var result: [String: JSONValue] = ["spreadsheetId": .string(Self.spreadsheetID)]
        if let first = (range.rows.lowerBound..<max(range.rows.lowerBound, sheet.cells.count)).first(where: hasData) {
            var last = first
            while hasData(last + 1) { last += 1 }
            let lastColumn = (first...last).compactMap { row in range.columns.last { !sheet.value(row, $0).isNull } }.max() ?? range.columns.lowerBound
            result["tableRange"] = .string(SheetsRange.a1(sheet: sheet.title, rows: first...last, columns: range.columns.lowerBound...lastColumn))
            target = last + 1
        }
        if insert == "INSERT_ROWS" { sheetList[range.sheetIndex].insertRows(at: target, count: values.count) }
        var updates = write(values, sheet: range.sheetIndex, row: target, column: range.columns.lowerBound, option: input)
        updates["spreadsheetId"] = .string(Self.spreadsheetID)
        result["updates"] = .object(updates)
        return .object(result)
    }

    // MARK: Helpers

    /// Writes rows of values from a top-left cell and returns Google's update counts.
    private func write(_ values: [[JSONValue]], sheet index: Int, row: Int, column: Int, option: String) -> [String: JSONValue] {
        var cells = 0
        for (rowOffset, line) in values.enumerated() {
            for (columnOffset, value) in line.enumerated() where !value.isNull {
                sheetList[index].set(row + rowOffset, column + columnOffset, SheetCells.stored(value, option: option))
                cells += 1
            }
        }
        let width = max(1, values.map(\.count).max() ?? 0)
        return [
            "updatedRange": .string(SheetsRange.a1(sheet: sheetList[index].title, rows: row...(row + max(1, values.count) - 1),
                                                   columns: column...(column + width - 1))),
            "updatedRows": .integer(Int64(values.count)),
            "updatedColumns": .integer(Int64(values.map(\.count).max() ?? 0)),
            "updatedCells": .integer(Int64(cells)),
        ]
    }

    /// The `ValueRange` body's rows. Its `range`, when given, must be the URL's range, and
    /// COLUMNS-major values are turned into rows.
    private func bodyValues(_ json: JSONValue, urlRange: SheetsRange) throws -> [[JSONValue]] {
        if let text = json["range"]?.stringValue {
            let bodyRange = try SheetsRange.resolve(text, in: sheetList)
            guard bodyRange.sheetIndex == urlRange.sheetIndex, bodyRange.rows == urlRange.rows, bodyRange.columns == urlRange.columns else {
                throw GoogleAPIError.invalidArgument(
                    "Requested range [\(urlRange.a1)] does not match the range in the body [\(bodyRange.a1)].")
            }
        }
        let notRows = GoogleAPIError.invalidArgument(
            "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue): each row must be a list of cell values.")
        guard let rawRows = (json["values"] ?? []).arrayValue else { throw notRows }
        var lines: [[JSONValue]] = []
        for raw in rawRows {
            guard let line = raw.arrayValue, !line.contains(where: { $0.arrayValue != nil || $0.objectValue != nil }) else {
                throw notRows
            }
            lines.append(line)
        }
        guard json["majorDimension"]?.stringValue == "COLUMNS" else { return lines }
        let height = lines.map(\.count).max() ?? 0
        return (0..<height).map { row in lines.map { row < $0.count ? $0[row] : .null } }
    }

    private func bodyObject(_ body: String) throws -> JSONValue {
        guard let json = try? WireCoding.decode(JSONValue.self, from: Data(body.utf8)), json.objectValue != nil else {
            throw GoogleAPIError.invalidArgument("Invalid JSON payload received. Expected an object.")
        }
        return json
    }

    private func inputOption(_ query: [String: String]) throws -> String {
        guard let value = try option(query, "valueInputOption", "value_input_option", type: "ValueInputOption",
                                     allowed: SheetCells.inputOptions) else {
            throw GoogleAPIError.invalidArgument("'valueInputOption' is required but not specified")
        }
        return value
    }

    /// An enum query parameter, refused with Google's wording when it is not one of `allowed`.
    private func option(_ query: [String: String], _ name: String, _ field: String, type: String, allowed: Set<String>) throws -> String? {
        guard let value = query[name] else { return nil }
        guard allowed.contains(value) else { throw GoogleAPIError.invalidEnum(field, type: type, value) }
        return value
    }

    private func exceedsGrid(_ range: SheetsRange, _ sheet: GoogleSheet) -> GoogleAPIError {
        .invalidArgument("Range (\(range.a1)) exceeds grid limits. Max rows: \(sheet.rowCount), max columns: \(sheet.columnCount)")
    }

    private func writingOutside(_ range: String, _ place: String) -> GoogleAPIError {
        .invalidArgument("Requested writing within range [\(range)], but tried writing to \(place)")
    }
}
