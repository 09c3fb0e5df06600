import Foundation

/// An A1-notation range resolved against the fake spreadsheet: `Sheet!A1:C10`, `Sheet`,
/// `'My Sheet'!A:C`, `Sheet!2:5`, `Sheet!A2:C` or, without a sheet, cells of the first sheet.
/// Rows and columns are 0-based and inclusive. Open ends stop at the grid's edge.
struct SheetsRange: Equatable {
    var sheetIndex: Int
    var sheetTitle: String
    var rows: ClosedRange<Int>
    var columns: ClosedRange<Int>
    /// Whether an explicit corner lies outside the grid (reads refuse that; writes grow it).
    var exceedsGrid: Bool

    /// One end of `A1:C10`: letters, digits or both.
    private struct Corner {
        var column: Int?
        var row: Int?
    }

    static func resolve(_ text: String, in sheets: [GoogleSheet]) throws -> SheetsRange {
        let unparsable = GoogleAPIError.invalidArgument("Unable to parse range: \(text)")
        let (name, cells) = try split(text, sheets: sheets, unparsable: unparsable)
        guard let index = name.map({ name in sheets.firstIndex { $0.title == name } }) ?? (sheets.isEmpty ? nil : 0) else {
            throw unparsable
        }
        let sheet = sheets[index]
        guard let cells else {
            return SheetsRange(sheetIndex: index, sheetTitle: sheet.title, rows: 0...(sheet.rowCount - 1),
                               columns: 0...(sheet.columnCount - 1), exceedsGrid: false)
        }
        let ends = cells.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count) else { throw unparsable }
        var corners: [Corner] = []
        for end in ends {
            guard let parsed = corner(String(end)) else { throw unparsable }
            corners.append(parsed)
        }
        if corners.count == 1, corners[0].column == nil || corners[0].row == nil { throw unparsable }
        let start = corners[0], end = corners[corners.count - 1]
        let firstRow = start.row ?? 0, lastRow = end.row ?? (sheet.rowCount - 1)
        let firstColumn = start.column ?? 0, lastColumn = end.column ?? (sheet.columnCount - 1)
        let rows = min(firstRow, lastRow)...max(firstRow, lastRow)
        let columns = min(firstColumn, lastColumn)...max(firstColumn, lastColumn)
        return SheetsRange(sheetIndex: index, sheetTitle: sheet.title, rows: rows, columns: columns,
                           exceedsGrid: rows.upperBound >= sheet.rowCount || columns.upperBound >= sheet.columnCount)
    }

    /// The range as Google writes it back: `Customers!A1:F7`, `'My Sheet'!B2`.
    var a1: String {
        Self.a1(sheet: sheetTitle, rows: rows, columns: columns)
    }

    static func a1(sheet: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> String {
        let start = column(columns.lowerBound) + String(rows.lowerBound + 1)
        let end = column(columns.upperBound) + String(rows.upperBound + 1)
        return quoted(sheet) + "!" + (start == end ? start : "\(start):\(end)")
    }

    static func quoted(_ sheet: String) -> String {
        sheet.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
            ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Column letters from a 0-based index: 0 → A, 26 → AA.
    static func column(_ index: Int) -> String {
        var letters = ""
        var rest = index + 1
        while rest > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }

    /// Separates the sheet name from the cells. Without `!`, the text is a sheet's name if
    /// one has it, and otherwise cells of the first sheet.
    private static func split(_ text: String, sheets: [GoogleSheet], unparsable: GoogleAPIError) throws
        -> (name: String?, cells: String?)
    {
        if text.hasPrefix("'") {
            var name = ""
            var rest = Substring(text.dropFirst())
            while true {
                guard let quote = rest.firstIndex(of: "'") else { throw unparsable }
                name += rest[..<quote]
                rest = rest[rest.index(after: quote)...]
                if rest.first == "'" {
                    name += "'"
                    rest = rest.dropFirst()
                    continue
                }
                break
            }
            if rest.isEmpty { return (name, nil) }
            guard rest.first == "!", rest.count > 1 else { throw unparsable }
            return (name, String(rest.dropFirst()))
        }
        if let bang = text.firstIndex(of: "!") {
            let cells = text[text.index(after: bang)...]
            guard bang != text.startIndex, !cells.isEmpty else { throw unparsable }
            return (String(text[..<bang]), String(cells))
        }
        if sheets.contains(where: { $0.title == text }) { return (text, nil) }
        return (nil, text)
    }

    /// `B12`, `$B$12`, `B` or `12`.
    private static func corner(_ text: String) -> Corner? {
        let plain = text.replacingOccurrences(of: "$", with: "").uppercased()
        guard let match = plain.range(of: "^([A-Z]{0,3})([0-9]{0,7})$", options: .regularExpression), !plain.isEmpty else {
            return nil
        }
        let letters = plain[match].prefix { $0.isLetter }
        let digits = plain[match].drop { $0.isLetter }
        var corner = Corner()
        if !letters.isEmpty {
            corner.column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }
        if !digits.isEmpty {
            guard let row = Int(digits), row >= 1 else { return nil }
            corner.row = row - 1
        }
        return corner
    }
}
