import Foundation
import PatchbayWire

/// How cell values go in (`valueInputOption`) and come out (`valueRenderOption`).
enum SheetCells {
    static let inputOptions: Set<String> = ["RAW", "USER_ENTERED"]
    static let renderOptions: Set<String> = ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"]

    /// The cell stored for one value a client sent. RAW keeps strings as strings;
    /// USER_ENTERED reads them as the UI would: numbers, TRUE/FALSE, and a leading `'` to
    /// force text. An empty string empties the cell.
    static func stored(_ value: JSONValue, option: String) -> JSONValue {
        guard case .string(let text) = value else { return value }
        if text.isEmpty { return .null }
        guard option == "USER_ENTERED" else { return value }
        if text.hasPrefix("'") { return .string(String(text.dropFirst())) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.uppercased() {
        case "TRUE": return true
        case "FALSE": return false
        default: break
        }
        if trimmed.range(of: "^[+-]?[0-9]+$", options: .regularExpression) != nil, let integer = Int64(trimmed) {
            return .integer(integer)
        }
        if trimmed.range(of: "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$", options: .regularExpression) != nil,
           let number = Double(trimmed) {
            return .number(number)
        }
        return value
    }

    /// A stored cell as the API returns it. Empty cells inside a row come back as "".
    static func rendered(_ value: JSONValue, option: String) -> JSONValue {
        if value.isNull { return "" }
        guard option == "FORMATTED_VALUE" else { return value }
        return .string(displayed(value))
    }

    /// What the UI shows in the en_US locale with the automatic number format.
    static func displayed(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .integer(let number): return String(number)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: return ""
        }
    }
}
