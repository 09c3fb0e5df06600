import ArgumentParser
import Foundation
import PatchbayServices

/// How `serve` receives and delivers webhooks.
struct WebhookOptions: ParsableArguments {
    @Option(help: "The public base URL providers reach this host at, for endpoint URLs. Default: $PATCHBAY_PUBLIC_URL")
    var publicURL: String?

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
        if let raw = publicURL ?? environment["PATCHBAY_PUBLIC_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("the public URL must look like https://hooks.example.com, not \(raw)")
            }
            settings.publicURL = url
        }
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
