import Metrics
import PatchbayWire

/// Egress's series (see docs/operations.md): every request to a provider, by provider and outcome.
enum EgressMetrics {
    /// One attempt (or a request refused before any attempt, with no duration). The outcome is
    /// the status class (`2xx` … `5xx`), or the host's failure code when no status came back,
    /// so the label has a few values whatever upstreams answer.
    static func attempted(provider: String, response: HTTPResponseMessage, duration: Duration?) {
        let outcome = response.error?.code ?? "\(response.status / 100)xx"
        let provider = MetricLabels.provider(provider)
        Counter(label: "patchbay_upstream_requests_total", dimensions: [("provider", provider), ("outcome", outcome)]).increment()
        if let duration {
            Timer(label: "patchbay_upstream_request_duration_seconds", dimensions: [("provider", provider)]).record(duration: duration)
        }
    }
}
