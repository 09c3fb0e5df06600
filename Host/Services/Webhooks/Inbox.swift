import PatchbayModel
import PatchbayStore

/// The one way into the webhook inbox for provider events: commit, then wake the readers.
/// Senders arriving together share a transaction in the store's group commit, so a burst
/// still costs one fsync per batch, and each hears back only once its event is on disk.
/// The store sends the wake-ups (`storeInboundEvents(_:announcingTo:)`): on PostgreSQL they
/// travel with the commit instead of in a statement of their own.
struct Inbox: Sendable {
    let store: any WebhookStore
    let notifier: any Notifier

    func add(_ event: InboundEvent) async throws -> InboundOutcome {
        try await store.storeInboundEvents([event], announcingTo: notifier)[0]
    }
}
