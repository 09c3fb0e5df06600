public import PatchbayWire

/// One sheet (tab) of the fake spreadsheet: its grid size and its cells. A cell holds a
/// string, an integer, a number or a boolean; an empty cell is `.null`.
public struct GoogleSheet: Sendable, Equatable {
    public var sheetID: Int
    public var title: String
    /// Rows and columns of the grid, empty ones included (1000 × 26 for a new sheet).
    public var rowCount: Int
    public var columnCount: Int
    /// Cells by row from A1. Rows may be shorter than the grid, and the grid may have more
    /// rows than this: what is missing is empty.
    public var cells: [[JSONValue]]

    public init(sheetID: Int, title: String, rowCount: Int = 1000, columnCount: Int = 26, cells: [[JSONValue]]) {
        self.sheetID = sheetID
        self.title = title
        self.rowCount = max(rowCount, cells.count)
        self.columnCount = max(columnCount, cells.map(\.count).max() ?? 0)
        self.cells = cells
    }

    /// The cell at a 0-based row and column.
    public func value(_ row: Int, _ column: Int) -> JSONValue {
        row < cells.count && column < cells[row].count ? cells[row][column] : .null
    }

    mutating func set(_ row: Int, _ column: Int, _ newValue: JSONValue) {
        while cells.count <= row { cells.append([]) }
        while cells[row].count <= column { cells[row].append(.null) }
        cells[row][column] = newValue
        rowCount = max(rowCount, row + 1)
        columnCount = max(columnCount, column + 1)
    }

    /// Inserts `count` empty rows before row `index`, pushing the rows below down.
    mutating func insertRows(at index: Int, count: Int) {
        if index < cells.count { cells.insert(contentsOf: Array(repeating: [], count: count), at: index) }
        rowCount += count
    }

    /// The sheet resource's `properties`, as `GET spreadsheets/{id}` returns them.
    var properties: JSONValue {
        [
            "sheetId": .integer(Int64(sheetID)),
            "title": .string(title),
            "sheetType": "GRID",
            "gridProperties": ["rowCount": .integer(Int64(rowCount)), "columnCount": .integer(Int64(columnCount))],
        ]
    }
}
