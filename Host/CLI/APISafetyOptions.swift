import ArgumentParser
import PatchbayServices

/// How `serve` limits each API key's requests and keeps `Idempotency-Key` answers.
struct APISafetyOptions: ParsableArguments {
    @Option(help: "Requests one API key may make per --api-rate-window, on all replicas together; 0 = no limit. Default: 0")
    var apiRateLimit = 0

    @Option(help: "Seconds of the window --api-rate-limit counts in, 1 to 3600. Default: 60")
    var apiRateWindow = 60

    @Option(help: "Hours an Idempotency-Key's answer is kept for retries, 1 to 720. Default: 24")
    var idempotencyKeyHours = 24

    func validate() throws {
        guard apiRateLimit >= 0 else { throw ValidationError("--api-rate-limit is a whole number of requests, 0 (no limit) or more") }
        guard (1...Int(APIRateLimitSettings.maxWindow / .seconds(1))).contains(apiRateWindow) else {
            throw ValidationError("--api-rate-window is a whole number of seconds from 1 to 3600, not \(apiRateWindow)")
        }
        guard (1...720).contains(idempotencyKeyHours) else {
            throw ValidationError("--idempotency-key-hours is a whole number of hours from 1 to 720, not \(idempotencyKeyHours)")
        }
    }

    var rateLimits: APIRateLimitSettings {
        APIRateLimitSettings(requests: apiRateLimit, window: .seconds(apiRateWindow))
    }

    var idempotency: IdempotencySettings {
        var settings = IdempotencySettings()
        settings.lifetime = .seconds(idempotencyKeyHours * 3600)
        return settings
    }
}
