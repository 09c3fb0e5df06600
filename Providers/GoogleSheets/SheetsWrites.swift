import PatchbaySDK

/// The writing actions: append rows to a table, overwrite a range, update the rows that match.
struct SheetsWrites {
    let api: SheetsAPI
    let defaultSheet: String?

    func appendRows(_ input: JSONValue) async throws -> JSONValue {
        guard let range = input["range"]?.stringValue ?? defaultSheet else {
            throw PluginError.invalidInput("range", "range is required: this connection has no default_sheet")
        }
        let rows = input["rows"]?.arrayValue ?? []
        let values = try await cells(of: rows, range: range)
        let answer = try await api.append(range, values: values, inputOption: input["value_input_option"]?.stringValue ?? "USER_ENTERED")
        var result = Self.counts(answer["updates"] ?? [:], spreadsheetID: answer["spreadsheetId"])
        result["table_range"] = answer["tableRange"] ?? .null
        return .object(result)
    }

    func updateRange(_ input: JSONValue) async throws -> JSONValue {
        let range = input["range"]?.stringValue ?? ""
        let answer = try await api.update(range, values: input["values"]?.arrayValue ?? [],
                                          inputOption: input["value_input_option"]?.stringValue ?? "USER_ENTERED")
        return .object(Self.counts(answer, spreadsheetID: answer["spreadsheetId"]))
    }

    /// Finds the rows whose columns equal `match` and writes `values` into them, all in one
    /// batch. No match writes nothing; several matches write nothing either unless
    /// `all_matches` says to update every one.
    func updateRows(_ input: JSONValue) async throws -> JSONValue {
        let reads = SheetsReads(api: api, defaultSheet: defaultSheet)
        let sheet = try await reads.findSheet(input["sheet"]?.stringValue ?? reads.requireDefaultSheet("sheet"))
        let match = input["match"]?.objectValue ?? [:]
        let values = input["values"]?.objectValue ?? [:]
        guard !match.isEmpty else { throw PluginError.invalidInput("match", "match must name at least one column") }
        guard !values.isEmpty else { throw PluginError.invalidInput("values", "values must set at least one column") }
        let found = try await reads.matchingRows(sheet, match: match, matchCase: input["match_case"]?.boolValue ?? false,
                                                 limit: nil) { "match.\($0)" }
        let columns = try values.sorted { $0.key < $1.key }.map { name, value -> (Int, JSONValue) in
            guard let column = found.table.index(of: name) else {
                throw PluginError.invalidInput("values.\(name)",
                                               "sheet \(sheet.title) has no column \"\(name)\"; its columns are: \(found.table.names.joined(separator: ", "))")
            }
            return (column, value)
        }
        let rowNumbers = found.matches.map(\.rowNumber)
        if rowNumbers.count > 1, input["all_matches"]?.boolValue != true {
            throw PluginError(code: "multiple_matches",
                              message: "\(rowNumbers.count) rows of \(sheet.title) match (rows \(rowNumbers.map(String.init).joined(separator: ", "))); nothing was written. Narrow match, or set all_matches to update every one",
                              field: "match")
        }
        var result: [String: JSONValue] = [
            "sheet": .string(sheet.title), "matched": .integer(Int64(rowNumbers.count)),
            "row_numbers": .array(rowNumbers.map { .integer(Int64($0)) }), "updated_cells": 0,
        ]
        guard !rowNumbers.isEmpty else { return .object(result) }
        let data: [JSONValue] = rowNumbers.flatMap { row in
            columns.map { column, value -> JSONValue in
                ["range": .string("\(A1Notation.sheet(sheet.title))!\(A1Notation.column(column))\(row)"), "majorDimension": "ROWS",
                 "values": [[value]]]
            }
        }
        let answer = try await api.batchUpdate(data, inputOption: input["value_input_option"]?.stringValue ?? "USER_ENTERED")
        result["updated_cells"] = answer["totalUpdatedCells"] ?? 0
        return .object(result)
    }

    /// Rows as lists of cells. Rows given as objects are laid out by the sheet's header row,
    /// read first; a name the header lacks is refused rather than dropped.
    private func cells(of rows: [JSONValue], range: String) async throws -> [JSONValue] {
        guard rows.contains(where: { $0.objectValue != nil }) else { return rows }
        let sheet = A1Notation.sheetName(in: range)
        let header = SheetTable(values: try await api.values(A1Notation.rows(of: sheet, 1, 1))["values"]?.arrayValue ?? [])
        guard !header.names.isEmpty else {
            throw PluginError.invalidInput("rows", "sheet \(sheet) has no header row to match the objects' keys; give rows as lists of cells")
        }
        return try rows.enumerated().map { index, row in
            guard let object = row.objectValue else { return row }
            // Null leaves a cell untouched, so columns the object omits stay empty.
            var line = [JSONValue](repeating: .null, count: header.columns.count)
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let column = header.index(of: key) else {
                    throw PluginError.invalidInput("rows[\(index)].\(key)",
                                                   "sheet \(sheet) has no column \"\(key)\"; its columns are: \(header.names.joined(separator: ", "))")
                }
                line[column] = value
            }
            // Trailing empty cells would only widen the written range.
            while line.last == .null { line.removeLast() }
            return .array(line)
        }
    }

    /// Google's write counts, renamed; absent counts are zero.
    private static func counts(_ updates: JSONValue, spreadsheetID: JSONValue?) -> [String: JSONValue] {
        [
            "spreadsheet_id": spreadsheetID ?? updates["spreadsheetId"] ?? "",
            "updated_range": updates["updatedRange"] ?? "",
            "updated_rows": updates["updatedRows"] ?? 0,
            "updated_columns": updates["updatedColumns"] ?? 0,
            "updated_cells": updates["updatedCells"] ?? 0,
        ]
    }
}
