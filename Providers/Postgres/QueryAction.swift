import PatchbaySDK

/// run_query: an agent's own SQL, in a read-only transaction with the statement timeout, so a
/// write is refused by Postgres itself (SQLSTATE 25006) rather than by guessing at the text.
struct QueryAction {
    let session: PostgresSession

    func run(_ input: JSONValue) async throws -> JSONValue {
        var statement = StatementBuilder()
        statement.append(input["sql"]?.stringValue ?? "")
        for (index, param) in (input["params"]?.arrayValue ?? []).enumerated() {
            _ = try statement.parameter(param, column: nil, field: "params[\(index)]")
        }
        let maxRows = input["max_rows"]?.intValue ?? 1000
        let result = try await session.transaction(readOnly: true) { try await session.rows(statement.query, keep: maxRows) }
        return ["rows": .array(result.rows), "count": .integer(Int64(result.rows.count)), "truncated": .bool(result.total > maxRows)]
    }
}
