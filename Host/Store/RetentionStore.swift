public import PatchbayModel

/// Removal of history older than the operator keeps it, a bounded batch at a time so that no
/// one removal holds the store's writer for long. Nothing still in use is removed: a run still
/// `running` or awaiting approval, an event with a delivery still pending or being delivered.
public protocol RetentionStore: Sendable {
    /// Removes up to `limit` finished executions started before `cutoff`, with the upstream
    /// requests they recorded; returns how many were removed.
    func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int
    /// Removes up to `limit` webhook events received before `cutoff` whose deliveries are all
    /// finished, with those deliveries and their attempts; returns how many events were removed.
    func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int
    /// Removes up to `limit` rate budgets that have held nothing back since `cutoff`: last
    /// observed, paused until and reset before it. Returns how many were removed. A budget a
    /// replica writes again meanwhile is kept; one removed is written anew by the next signal.
    func pruneRateBudgets(idleSince cutoff: Millis, limit: Int) async throws -> Int
}
