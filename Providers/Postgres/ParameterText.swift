import Foundation
import PatchbaySDK

/// The text form of a JSON input value, as Postgres parses it for the parameter's inferred type.
enum ParameterText {
    /// `nil` is SQL NULL. `column`, when known, decides how arrays and objects are written:
    /// as JSON for json/jsonb columns, as an array literal for array columns.
    static func text(_ value: JSONValue, column: ColumnInfo?, field: String) throws -> String? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .bigInteger(let digits): return digits
        case .number(let number): return "\(number)"
        case .string(let string): return string
        case .object:
            guard column.map(\.isJSON) ?? true else {
                throw PluginError.invalidInput(field, "an object can only be stored in a json or jsonb column")
            }
            return try json(value)
        case .array(let items):
            if let column, column.isJSON { return try json(value) }
            guard column.map(\.isArray) ?? true else {
                throw PluginError.invalidInput(field, "an array can only be stored in an array, json or jsonb column")
            }
            return try arrayLiteral(items)
        }
    }

    /// Postgres' array input syntax: `{1,2}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`.
    static func arrayLiteral(_ items: [JSONValue]) throws -> String {
        let elements = try items.map { item -> String in
            switch item {
            case .null: return "NULL"
            case .array(let nested): return try arrayLiteral(nested)
            case .object: return quoted(try json(item))
            default: return quoted(try text(item, column: nil, field: "") ?? "")
            }
        }
        return "{" + elements.joined(separator: ",") + "}"
    }

    private static func quoted(_ element: String) -> String {
        "\"" + element.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func json(_ value: JSONValue) throws -> String {
        String(decoding: try WireCoding.encode(value), as: UTF8.self)
    }
}
