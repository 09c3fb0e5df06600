import PostgresNIO

/// The `WHERE` clause of a query built from optional filters: each condition is written with
/// `?` for its values, numbered `$1`, `$2`, … in the order they are appended.
struct PostgresConditions {
    private var clauses: [String] = []
    private(set) var binds = PostgresBindings()

    init() {}

    init(_ clause: String, _ values: any PostgresDynamicTypeEncodable...) {
        append(clause, values)
    }

    mutating func append(_ clause: String, _ values: any PostgresDynamicTypeEncodable...) {
        append(clause, values)
    }

    private mutating func append(_ clause: String, _ values: [any PostgresDynamicTypeEncodable]) {
        var numbered = ""
        var remaining = values[...]
        for character in clause {
            guard character == "?", let value = remaining.popFirst() else {
                numbered.append(character)
                continue
            }
            binds.append(value)
            numbered += "$\(binds.count)"
        }
        precondition(remaining.isEmpty, "more values than ? in \(clause)")
        clauses.append(numbered)
    }

    /// `prefix`, the conditions joined by AND, then `suffix`, whose own `?` take the next numbers
    /// (bind their values to the returned query in order).
    func query(_ prefix: String, suffix: String = "") -> PostgresQuery {
        var sql = prefix + (clauses.isEmpty ? "TRUE" : clauses.joined(separator: " AND "))
        var next = binds.count
        for character in suffix {
            if character == "?" {
                next += 1
                sql += "$\(next)"
            } else {
                sql.append(character)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
