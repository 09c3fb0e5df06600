/// Providers' rate budgets as every replica has observed them. Written when a provider's
/// signal changes a budget (a throttle, a spent window, a fuller bucket than the replica
/// counted), read by a replica at most every second or so per budget: the hot path of a call
/// uses the replica's own view, never a query. A budget's row is one per connection or OAuth
/// app that has met a rate limit, overwritten in place.
public protocol RateBudgetStore: Sendable {
    /// The budget under `key`, or nil when no replica has recorded one.
    func rateBudget(key: String) async throws -> RateBudgetRecord?
    /// Merges `budget` into the stored one: `notBefore` only ever moves later, and the other
    /// fields are replaced when `budget` was observed no earlier than what is stored, so two
    /// replicas writing at once keep the latest observation and the longest pause.
    func recordRateBudget(_ budget: RateBudgetRecord) async throws
}
