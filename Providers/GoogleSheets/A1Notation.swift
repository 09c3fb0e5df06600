import Foundation

/// Builds A1-notation ranges and puts them into request paths. A range sits in one path
/// segment (`spreadsheets/{id}/values/{range}`), so everything but RFC 3986 unreserved
/// characters is percent-encoded: a sheet named `Q1/Q2 plan` must not add a path segment,
/// and `:` inside the range must not be mistaken for the `:append` verb that follows it.
enum A1Notation {
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The range as one percent-encoded path segment.
    static func pathSegment(_ range: String) -> String {
        range.addingPercentEncoding(withAllowedCharacters: unreserved) ?? range
    }

    /// A sheet name as A1 notation writes it: quoted (with `'` doubled) unless it is a plain
    /// identifier, so names with spaces or `!` cannot be misread.
    static func sheet(_ name: String) -> String {
        let plain = name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Whole rows `first...last` (1-based) of a sheet, e.g. `'My Sheet'!1:1000`.
    static func rows(of sheet: String, _ first: Int, _ last: Int) -> String {
        "\(Self.sheet(sheet))!\(first):\(last)"
    }

    /// A column's letters from its 0-based index: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var letters = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }

    /// The sheet a range names, reading a quoted name with its doubled quotes; a range with
    /// no `!` is taken to be a sheet name.
    static func sheetName(in range: String) -> String {
        if range.hasPrefix("'") {
            var name = ""
            var rest = range.dropFirst()
            while let quote = rest.firstIndex(of: "'") {
                name += rest[..<quote]
                rest = rest[rest.index(after: quote)...]
                guard rest.first == "'" else { return name }
                name += "'"
                rest = rest.dropFirst()
            }
            return name + rest
        }
        return range.firstIndex(of: "!").map { String(range[..<$0]) } ?? range
    }
}
