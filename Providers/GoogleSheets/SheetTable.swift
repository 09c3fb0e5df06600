import Foundation
import PatchbaySDK

/// Rows read from a sheet whose first row is a header: each later row becomes an object
/// keyed by the header's names. Google leaves out trailing empty cells and rows, so a short
/// row simply has nulls for the columns it lacks.
struct SheetTable {
    /// Column names by position; nil where the header cell is empty (that column is skipped).
    let columns: [String?]
    /// The data rows as Google returned them, header excluded.
    let rows: [[JSONValue]]

    /// `values` is a ROWS-major answer whose first row is the header.
    init(values: [JSONValue]) {
        let grid = values.map { $0.arrayValue ?? [] }
        columns = Self.names(grid.first ?? [])
        rows = Array(grid.dropFirst())
    }

    /// The named columns, left to right.
    var names: [String] { columns.compactMap { $0 } }

    /// The index of the column called `name`, compared without regard to case or surrounding spaces.
    func index(of name: String) -> Int? {
        let wanted = Self.normalized(name)
        return columns.firstIndex { $0.map(Self.normalized) == wanted }
    }

    /// One data row as an object; empty cells are null.
    func record(_ row: [JSONValue]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (index, name) in columns.enumerated() {
            guard let name else { continue }
            object[name] = index < row.count ? Self.cell(row[index]) : .null
        }
        return .object(object)
    }

    /// A cell with the empty string read as "no value".
    static func cell(_ value: JSONValue) -> JSONValue {
        value == "" ? .null : value
    }

    /// A cell's value as text for comparisons: what a person sees, whatever the render option.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .integer(let number): return String(number)
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: return ""
        }
    }

    static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Header names, made unique: an empty header cell names no column, and a repeated name
    /// gets `_2`, `_3`… so no column silently hides another.
    private static func names(_ header: [JSONValue]) -> [String?] {
        var seen: [String: Int] = [:]
        return header.map { cell in
            let name = text(cell).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name)_\(count)"
        }
    }
}
