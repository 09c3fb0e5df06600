import Foundation

/// When a failed delivery is tried again: exponential backoff with jitter, never sooner than
/// the agent's `Retry-After`, and a dead letter once the attempts are used up.
struct RetrySchedule: Sendable {
    let settings: WebhookSettings

    /// Milliseconds to wait after failed attempt number `attempt` (1-based), or nil when that was the last.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Int64? {
        guard attempt < settings.maxAttempts else { return nil }
        let base = Double(settings.retryBase / .milliseconds(1))
        let cap = Double(settings.retryCap / .milliseconds(1))
        let backoff = min(cap, base * pow(2, Double(attempt - 1)))
        // Half fixed, half random: spreads retries of a burst without ever retrying at once.
        var delay = backoff / 2 + Double.random(in: 0...(backoff / 2))
        if let retryAfter { delay = max(delay, min(cap, Double(retryAfter / .milliseconds(1)))) }
        return Int64(delay)
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }
}
