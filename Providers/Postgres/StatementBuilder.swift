import PatchbaySDK
import PostgresNIO

/// Builds one SQL statement: identifiers come in already validated and quoted, every value
/// goes in as a numbered parameter.
struct StatementBuilder {
    private(set) var sql = ""
    private var binds = PostgresBindings()

    mutating func append(_ fragment: String) { sql += fragment }

    /// Adds a parameter and returns its placeholder (`$1`, `$2`, …). `nil` binds NULL.
    mutating func parameter(_ text: String?) -> String {
        if let text { binds.append(TextParameter(text: text)) } else { binds.appendNull() }
        return "$\(binds.count)"
    }

    /// `value` as a parameter of `column`'s type.
    mutating func parameter(_ value: JSONValue, column: ColumnInfo?, field: String) throws -> String {
        parameter(try ParameterText.text(value, column: column, field: field))
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
