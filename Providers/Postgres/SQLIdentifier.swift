import Foundation
/// Identifier quoting for names that have already been checked against the live catalog.
/// Quoting is the second line of defence: even a catalog name holding `"` or `;` stays one identifier.
enum SQLIdentifier {
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func qualified(_ schema: String, _ table: String) -> String {
        quote(schema) + "." + quote(table)
    }
}
