import PostgresNIO

/// One event, one autocommit statement: what pgbench's ceiling script does per transaction,
/// prepared once per pooled connection as pgbench's `-M prepared` is.
struct InsertEventStatement: PostgresPreparedStatement {
    typealias Row = Void

    static let sql = """
        INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
            occurred_at, payload, received_at)
        VALUES ($1, $2, $3, $4, 'github', $5, $6, 'github.' || $6, NULL, $7, $8)
        """

    let accountID: String
    let connectionID: String
    let event: EventRow

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(event.id)
        bindings.append(accountID)
        bindings.append(event.endpointID)
        bindings.append(connectionID)
        bindings.append(event.deliveryID)
        bindings.append(event.type)
        bindings.append(event.payload)
        bindings.append(event.receivedAt)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) {}
}
