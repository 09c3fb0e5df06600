/// How long the host keeps history. A day count of 0 keeps that history forever.
public struct RetentionSettings: Sendable {
    /// Days a finished execution (with the upstream requests it recorded) is kept, counted
    /// from its start. Runs still `running` or awaiting approval are kept whatever their age.
    public var executionDays = 30
    /// Days a webhook event (with its finished deliveries and their attempts) is kept, counted
    /// from its receipt. An event with a delivery still pending or in flight is kept. Pull
    /// consumers cannot read a pruned event: a cursor before the oldest kept event continues
    /// from it.
    public var webhookEventDays = 14
    /// How long a provider rate budget is kept once it holds nothing back (its pause and its
    /// window over, nothing observed since): long past any bucket's leak, so removing it loses
    /// nothing, and the next signal of the provider writes it again. Budgets are not history,
    /// so they are pruned whatever the day counts say.
    public var idleRateBudget: Duration = .seconds(3_600)
    /// Rows removed per transaction, so pruning never holds the writer for long.
    public var batchSize = 1000
    /// How often the pruning pass runs.
    public var interval: Duration = .seconds(600)

    public init() {}
}
