import PatchbayStore

extension Notifier {
    /// Wakes the pull readers of the event's account, and the delivery worker when the event has
    /// push deliveries (each wake-up costs it a write transaction, so only then). Call once the
    /// event is committed.
    func announce(_ event: InboundEvent) async {
        await notify(.webhookEvents(accountID: event.event.accountID))
        if !event.deliveries.isEmpty { await notify(.deliveriesDue) }
    }
}
