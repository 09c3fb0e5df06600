import PostgresNIO

/// A group of events, one autocommit statement: one row per element of the arrays, as the
/// host's inbox writes a group (without its advisory lock, duplicate check, deliveries,
/// counters or notification).
struct InsertEventsStatement: PostgresPreparedStatement {
    typealias Row = Void

    static let sql = """
        INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
            occurred_at, payload, received_at)
        SELECT e.id, $1, e.endpoint_id, $2, 'github', e.delivery_id, e.type, 'github.' || e.type, NULL, e.payload,
            e.received_at
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
            AS e (id, endpoint_id, delivery_id, type, payload, received_at)
        """

    let accountID: String
    let connectionID: String
    let events: [EventRow]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(accountID)
        bindings.append(connectionID)
        bindings.append(events.map(\.id))
        bindings.append(events.map(\.endpointID))
        bindings.append(events.map(\.deliveryID))
        bindings.append(events.map(\.type))
        bindings.append(events.map(\.payload))
        bindings.append(events.map(\.receivedAt))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) {}
}
