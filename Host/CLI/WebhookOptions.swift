import ArgumentParser
import Foundation
import PatchbayServices

/// How `serve` receives and delivers webhooks.
struct WebhookOptions: ParsableArguments {
    @Flag(help: "Production mode (also PATCHBAY_ENV=production): never hand out an endpoint URL guessed from a request.")
    var production = false

    @Option(help: "Seconds a delivery worker holds a job; after a crash, jobs are sent again once this runs out.")
    var deliveryLease = 60

    @Option(help: "Seconds before the first retry of a failed delivery; each next retry waits about twice as long.")
    var deliveryRetryBase = 5

    @Flag(help: "Push events to private, loopback and link-local addresses too, for local receivers (also PATCHBAY_ALLOW_PRIVATE_WEBHOOK_TARGETS=1).")
    var allowPrivateWebhookTargets = false

    @Flag(name: .customLong("allow-http-webhook-targets"),
          help: "Push events over plain http in production mode too (also PATCHBAY_ALLOW_HTTP_WEBHOOK_TARGETS=1).")
    var allowHTTPWebhookTargets = false

    @Flag(help: .hidden)
    var benchmarkAcknowledgeOnly = false

    func settings(environment: [String: String]) throws -> WebhookSettings {
        var settings = WebhookSettings()
        settings.production = production || environment["PATCHBAY_ENV"] == "production"
        guard deliveryLease >= 1, deliveryRetryBase >= 1 else {
            throw ValidationError("--delivery-lease and --delivery-retry-base are whole seconds, at least 1")
        }
        settings.lease = .seconds(deliveryLease)
        settings.retryBase = .seconds(deliveryRetryBase)
        settings.allowPrivateTargets = allowPrivateWebhookTargets || environment["PATCHBAY_ALLOW_PRIVATE_WEBHOOK_TARGETS"] == "1"
        settings.allowHTTPTargets = allowHTTPWebhookTargets || environment["PATCHBAY_ALLOW_HTTP_WEBHOOK_TARGETS"] == "1"
        settings.acknowledgeOnly = benchmarkAcknowledgeOnly
        return settings
    }
}
