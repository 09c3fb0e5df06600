public import Logging
public import PatchbayClock
import PatchbayModel
public import PatchbayStore

/// Counts each API key's requests in fixed windows in the store, so a key's budget holds across
/// replicas: one upsert per request, nothing else on the hot path.
public struct APIRateLimiter: Sendable {
    let store: any APIRequestCountStore
    let settings: APIRateLimitSettings
    let logger: Logger
    /// The clock windows are counted by.
    let clock: any HostClock

    public init(store: any APIRequestCountStore, settings: APIRateLimitSettings, clock: any HostClock = SystemClock(),
                logger: Logger = Logger(label: "patchbay.ratelimit")) {
        self.store = store
        self.clock = clock
        self.settings = settings
        self.logger = logger
    }

    /// Counts one request of the caller's key against its own budget, or the host's when it has
    /// none; nil when neither sets a limit or the count could not be kept. A store that cannot
    /// count lets requests through rather than refuse them all: the limit protects the host,
    /// and a storage fault already answers on its own.
    public func charge(_ principal: Principal) async -> APIRateLimit? {
        let quota = principal.rateLimit ?? settings.requests
        guard quota > 0 else { return nil }
        let window = Millis(settings.window / .milliseconds(1))
        let now = clock.wallMillis
        let start = now - now % window
        let count: Int
        do {
            count = try await store.countAPIRequest(key: principal.keyID, windowStart: start)
        } catch {
            logger.warning("could not count an API request; it goes through uncounted", metadata: ["error": "\(error)"])
            return nil
        }
        let resetMillis = start + window - now
        return APIRateLimit(quota: quota, windowSeconds: Int(window / 1000), remaining: max(0, quota - count),
                            resetSeconds: Int((resetMillis + 999) / 1000), allowed: count <= quota)
    }
}
