import PostgresNIO

/// The notifications sent at once (`PostgresNotifier.notify`), in one statement: sent for
/// every group of stored events, so it is prepared once per pooled connection.
struct PostgresNotifyStatement: PostgresPreparedStatement {
    typealias Row = ()

    static let sql = "SELECT pg_notify($1, m) FROM unnest($2::text[]) AS m"

    let channel: String
    let messages: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(channel)
        bindings.append(messages)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) {}
}
