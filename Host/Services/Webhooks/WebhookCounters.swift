import Metrics
import Synchronization

/// The receiver's per-delivery series (see docs/operations.md), with their handles kept by
/// provider: making a handle costs the backend's registry lookup (name checks, label hashing,
/// a lock), which every delivery would pay otherwise, as the HTTP series' handles are kept.
/// Refusals, rarer and labelled by reason too, make theirs when they happen
/// (`ServiceMetrics.webhookRejected`).
final class WebhookCounters: Sendable {
    private struct Handles {
        let received: Counter
        let stored: Counter
        let duplicated: Counter
    }

    /// Bounded by the loaded providers: only a delivery to an existing endpoint is counted.
    private let byProvider = Mutex<[String: Handles]>([:])

    /// A request to an existing endpoint of `provider` (unknown endpoints are not counted: their
    /// provider is only what the caller wrote in the URL).
    func received(provider: String) {
        handles(provider).received.increment()
    }

    /// Events stored, and events recognised as a redelivery of one already stored.
    func events(provider: String, stored: Int, duplicates: Int) {
        let handles = handles(provider)
        if stored > 0 { handles.stored.increment(by: stored) }
        if duplicates > 0 { handles.duplicated.increment(by: duplicates) }
    }

    private func handles(_ provider: String) -> Handles {
        byProvider.withLock { byProvider in
            if let known = byProvider[provider] { return known }
            let dimensions = [("provider", provider)]
            let made = Handles(received: Counter(label: "patchbay_webhooks_received_total", dimensions: dimensions),
                               stored: Counter(label: "patchbay_webhook_events_stored_total", dimensions: dimensions),
                               duplicated: Counter(label: "patchbay_webhooks_duplicated_total", dimensions: dimensions))
            byProvider[provider] = made
            return made
        }
    }
}
