import Metrics
public import Prometheus

/// The Prometheus backend of the host's metrics: `serve` bootstraps swift-metrics with
/// `factory` once, and `GET /metrics` renders `registry`. The rest of the host records through
/// swift-metrics alone and knows no backend.
public final class PrometheusExposition: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // API requests, plugin calls and upstream requests: milliseconds to the longest timeouts.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        // A commit is a fraction of a millisecond on a local disk.
        factory.durationHistogramBuckets["patchbay_store_commit_duration_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        // A delivery that waits for retries arrives minutes or hours after its event.
        factory.durationHistogramBuckets["patchbay_webhook_delivery_lag_seconds"] = [
            .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(30), .seconds(60), .seconds(300),
            .seconds(900), .seconds(3600), .seconds(21600),
        ]
        // Up to the committers' largest batches (256 for SQLite, 128 for PostgreSQL's groups).
        factory.valueHistogramBuckets["patchbay_store_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        self.registry = registry
        self.factory = factory
    }

    /// Makes this the backend of every swift-metrics series in the process. Once per process:
    /// swift-metrics refuses a second bootstrap.
    public func bootstrap() {
        MetricsSystem.bootstrap(factory)
    }

    /// Every series in the Prometheus text format (version 0.0.4).
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
