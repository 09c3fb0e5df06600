import Logging
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

    init(store: any Store, vault: Vault, registry: PluginRegistry, settings: HostSettings, notifier: any Notifier) {
        let inbox = Inbox(store: store, notifier: notifier)
        endpoints = WebhookEndpointService(store: store, registry: registry, vault: vault, settings: settings.webhooks,
                                           publicURL: settings.publicURL)
        receiver = WebhookReceiver(store: store, registry: registry, vault: vault, settings: settings,
                                   inbox: inbox, logger: Logger(label: "patchbay.webhooks"))
        subscriptions = WebhookSubscriptionService(store: store, registry: registry, vault: vault, notifier: notifier,
                                                   targets: WebhookTargetPolicy(settings: settings.webhooks))
        inspection = WebhookInspectionService(store: store, notifier: notifier)
        worker = WebhookDeliveryWorker(store: store, vault: vault, settings: settings.webhooks, notifier: notifier,
                                       logger: Logger(label: "patchbay.webhooks.delivery"))
        hostEvents = HostEvents(store: store, notifier: notifier)
    }
}
