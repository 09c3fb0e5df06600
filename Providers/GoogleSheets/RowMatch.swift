import PatchbaySDK
import Foundation

/// Which rows of a sheet equal given values: every named column must match. Cells compare by
/// the text a person sees, surrounding spaces ignored and, unless asked otherwise, letter case.
struct RowMatch {
    private let conditions: [(column: Int, wanted: String)]
    private let matchCase: Bool

    /// `match` maps header names to values. A name the header lacks is refused on `field(name)`.
    init(_ match: [String: JSONValue], header: SheetTable, sheet: String, matchCase: Bool, field: (String) -> String) throws {
        self.matchCase = matchCase
        conditions = try match.sorted { $0.key < $1.key }.map { name, value in
            guard let column = header.index(of: name) else {
                throw PluginError.invalidInput(field(name), "sheet \(sheet) has no column \"\(name)\"; its columns are: \(header.names.joined(separator: ", "))")
            }
            return (column, Self.comparable(value, matchCase: matchCase))
        }
    }

    func matches(_ row: [JSONValue]) -> Bool {
        conditions.allSatisfy { column, wanted in
            Self.comparable(column < row.count ? row[column] : .null, matchCase: matchCase) == wanted
        }
    }

    /// The text two cells are compared by.
    static func comparable(_ value: JSONValue, matchCase: Bool) -> String {
        let text = SheetTable.text(value).trimmingCharacters(in: .whitespaces)
        return matchCase ? text : text.lowercased()
    }
}
