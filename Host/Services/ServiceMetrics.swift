import Metrics
import PatchbayEgress
import PatchbayWire

/// The services' series (see docs/operations.md). Labels are providers, actions, reasons and
/// outcomes, never an account, connection or event id, so each series stays one per kind.
enum ServiceMetrics {
    // MARK: Action calls

    /// One action call that ran (refusals before the call are only HTTP 4xx): its outcome is
    /// `succeeded`, `timeout`, `plugin_failed` (crashed, quarantined, bad output),
    /// `upstream_failed` (the provider answered an error) or `failed`.
    static func actionCalled(provider: String, action: String, failure: PluginError?, duration: Duration) {
        let dimensions = [("provider", MetricLabels.provider(provider)), ("action", MetricLabels.action(action, provider: provider))]
        Counter(label: "patchbay_action_calls_total", dimensions: dimensions + [("outcome", outcome(of: failure))]).increment()
        Timer(label: "patchbay_action_call_duration_seconds", dimensions: dimensions).record(duration: duration)
    }

    static func outcome(of failure: PluginError?) -> String {
        guard let failure else { return "succeeded" }
        switch failure.code {
        case "plugin_timeout", "upstream_timeout": return "timeout"
        case "plugin_crashed", "plugin_quarantined", "invalid_output", "invalid_plugin_output": return "plugin_failed"
        default: return failure.upstreamStatus != nil ? "upstream_failed" : "failed"
        }
    }

    // MARK: Webhooks

    // The series of every delivery keep their handles in `WebhookCounters`.

    /// Refused: `reason` is the error code the sender got (`invalid_signature`, `endpoint_disabled`, …).
    static func webhookRejected(provider: String, reason: String) {
        Counter(label: "patchbay_webhooks_rejected_total", dimensions: [("provider", provider), ("reason", reason)]).increment()
    }

    // MARK: Push deliveries

    /// One attempt to push an event to an agent's URL. `outcome` is `succeeded`, `retry` or
    /// `dead`; a dead letter is counted apart too, for alerts. `lag` is how long after the host
    /// received the event it reached the agent (successes only).
    static func deliveryAttempted(outcome: String, duration: Duration, lag: Duration?) {
        Counter(label: "patchbay_webhook_delivery_attempts_total", dimensions: [("outcome", outcome)]).increment()
        Timer(label: "patchbay_webhook_delivery_duration_seconds").record(duration: duration)
        if outcome == "dead" { Counter(label: "patchbay_webhook_dead_letters_total").increment() }
        if let lag { Timer(label: "patchbay_webhook_delivery_lag_seconds").record(duration: lag) }
    }

    // MARK: OAuth tokens

    /// A call to a token endpoint to refresh an access token: `succeeded`, `refused` (the
    /// connection now needs re-authorization) or `unavailable` (tried again later).
    static func tokenRefreshed(provider: String, outcome: String) {
        let provider = MetricLabels.provider(provider)
        Counter(label: "patchbay_token_refreshes_total", dimensions: [("provider", provider), ("outcome", outcome)]).increment()
        if outcome != "succeeded" {
            Counter(label: "patchbay_token_refresh_failures_total", dimensions: [("provider", provider)]).increment()
        }
    }
}
