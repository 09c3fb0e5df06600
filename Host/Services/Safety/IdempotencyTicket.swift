/// A claimed `Idempotency-Key`: what the request that holds it hands back with its answer.
public struct IdempotencyTicket: Sendable {
    let accountID: String
    let key: String
    let claimToken: String
}
