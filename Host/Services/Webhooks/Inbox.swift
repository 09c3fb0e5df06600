import PatchbayStore

/// The one way into the webhook inbox for provider events: commit, then wake the readers.
/// Senders arriving together share a transaction in the store's group commit, so a burst
/// still costs one fsync per batch, and each hears back only once its event is on disk.
///
/// Pull readers are woken for every new event, the delivery worker only for an event with push
/// deliveries: each wake-up costs it a write transaction, which would compete with the inbox's.
struct Inbox: Sendable {
    let store: any Store
    let newEvents: InboxSignal
    let newDeliveries: InboxSignal

    func add(_ event: InboundEvent) async throws -> InboundOutcome {
        let outcome = try await store.storeInboundEvents([event])[0]
        guard outcome == .stored else { return outcome }
        newEvents.notify()
        if !event.deliveries.isEmpty { newDeliveries.notify() }
        return outcome
    }
}
