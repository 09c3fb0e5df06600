import ArgumentParser
import Foundation
import PatchbayServices

/// How long `serve` keeps executions and webhook events.
struct RetentionOptions: ParsableArguments {
    @Option(help: "Days finished executions are kept, 0 = forever (also PATCHBAY_RETAIN_EXECUTIONS). Default: 30")
    var retainExecutions: String?

    @Option(help: "Days webhook events and their finished deliveries are kept, 0 = forever (also PATCHBAY_RETAIN_WEBHOOK_EVENTS). Default: 14")
    var retainWebhookEvents: String?

    func validate() throws {
        _ = try settings(environment: ProcessInfo.processInfo.environment)
    }

    /// The flag wins over the variable; either must be a whole number of days, 0 or more.
    func settings(environment: [String: String]) throws -> RetentionSettings {
        var settings = RetentionSettings()
        settings.executionDays = try days("--retain-executions", retainExecutions, "PATCHBAY_RETAIN_EXECUTIONS", environment)
            ?? settings.executionDays
        settings.webhookEventDays = try days("--retain-webhook-events", retainWebhookEvents, "PATCHBAY_RETAIN_WEBHOOK_EVENTS",
                                             environment) ?? settings.webhookEventDays
        return settings
    }

    private func days(_ flag: String, _ value: String?, _ variable: String, _ environment: [String: String]) throws -> Int? {
        guard let given = GivenSetting(flag: flag, value, variable: variable, in: environment) else { return nil }
        // At most about 100 years, so the cutoff in milliseconds cannot overflow.
        guard let days = Int(given.raw), (0...36_500).contains(days) else {
            throw ValidationError("\(given.source) must be a whole number of days from 0 (keep forever) to 36500, not \(given.raw)")
        }
        return days
    }
}
