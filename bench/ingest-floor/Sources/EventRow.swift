/// One `webhook_events` row, as the floor stores a delivery: the columns the host fills, from
/// the request's headers and its body as it came, without parsing it.
struct EventRow: Sendable {
    let id: String
    let endpointID: String
    let deliveryID: String
    let type: String
    let payload: String
    let receivedAt: Int64
}
