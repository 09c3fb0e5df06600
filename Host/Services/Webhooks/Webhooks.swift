import Logging
import PatchbayClock
import PatchbayPlugins
import PatchbayStore
import PatchbayVault

/// The webhook services, sharing one inbox: endpoints, the public receiver, subscriptions
/// (with pull), inspection, and the delivery worker that `patchbay serve` runs beside the API.
public struct Webhooks: Sendable {
    public let endpoints: WebhookEndpointService
    public let receiver: WebhookReceiver
    public let subscriptions: WebhookSubscriptionService
    public let inspection: WebhookInspectionService
    public let worker: WebhookDeliveryWorker
    let hostEvents: HostEvents

    init(store: any Store, vault: Vault, registry: PluginRegistry, settings: HostSettings, notifier: any Notifier, clock: any HostClock) {
        let inbox = Inbox(store: store, notifier: notifier)
        endpoints = WebhookEndpointService(store: store, registry: registry, vault: vault, settings: settings.webhooks,
                                           publicURL: settings.publicURL, clock: clock)
        receiver = WebhookReceiver(store: store, registry: registry, vault: vault, settings: settings,
                                   inbox: inbox, clock: clock, logger: Logger(label: "patchbay.webhooks"))
        subscriptions = WebhookSubscriptionService(store: store, registry: registry, vault: vault, notifier: notifier,
                                                   targets: WebhookTargetPolicy(settings: settings.webhooks), clock: clock)
        inspection = WebhookInspectionService(store: store, notifier: notifier, clock: clock)
        worker = WebhookDeliveryWorker(store: store, vault: vault, settings: settings.webhooks, notifier: notifier,
                                       clock: clock, logger: Logger(label: "patchbay.webhooks.delivery"))
        hostEvents = HostEvents(store: store, notifier: notifier, clock: clock)
    }
}
