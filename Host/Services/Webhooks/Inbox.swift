import PatchbayStore

/// The one way into the webhook inbox for provider events: commit, then wake the readers.
/// Senders arriving together share a transaction in the store's group commit, so a burst
/// still costs one fsync per batch, and each hears back only once its event is on disk.
struct Inbox: Sendable {
    let store: any WebhookStore
    let notifier: any Notifier

    func add(_ event: InboundEvent) async throws -> InboundOutcome {
        let outcome = try await store.storeInboundEvents([event])[0]
        guard outcome == .stored else { return outcome }
        await notifier.announce(event)
        return outcome
    }
}
