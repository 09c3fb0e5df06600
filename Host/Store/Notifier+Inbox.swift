public import PatchbayModel

extension InboundEvent {
    /// Who to wake once the event is committed: the pull readers of its account, and the
    /// delivery worker when the event has push deliveries (each wake-up costs it a write
    /// transaction, so only then).
    public var announcements: [NotifierChannel] {
        deliveries.isEmpty ? [.webhookEvents(accountID: event.accountID)] : [.webhookEvents(accountID: event.accountID), .deliveriesDue]
    }
}

extension Notifier {
    /// Tells the event's `announcements`. Call once the event is committed.
    public func announce(_ event: InboundEvent) async {
        for channel in event.announcements { await notify(channel) }
    }
}
