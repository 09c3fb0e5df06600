import Foundation

/// Operator settings for webhook receiving and delivery.
public struct WebhookSettings: Sendable {
    /// In production an endpoint URL is never guessed from the request: without the host's public URL,
    /// creating an endpoint is refused rather than handing out a loopback address.
    public var production = false
    /// The largest body the public receiver reads.
    public var maxBodyBytes = 1 << 20
    /// Tries per delivery before it becomes a dead letter.
    public var maxAttempts = 8
    /// The first retry waits about this long; each next one twice as long, with jitter.
    public var retryBase: Duration = .seconds(5)
    public var retryCap: Duration = .seconds(3600)
    /// How long an agent's URL may take to answer.
    public var deliveryTimeout: Duration = .seconds(10)
    /// How long a worker holds a delivery; after a crash, another picks it up once this runs out.
    public var lease: Duration = .seconds(60)
    /// How often an idle worker looks for due deliveries that no notification announced: leases
    /// of a dead host that ran out, retries another host scheduled. New events, retries and
    /// replays wake it at once, and its own retries when they come due.
    public var sweepInterval: Duration = .seconds(5)
    /// Deliveries in flight at once.
    public var concurrency = 16
    /// Push to private, loopback, link-local and other non-public addresses too: for local
    /// receivers in development and tests. Off by default, so an agent's URL cannot make the
    /// host reach its own network.
    public var allowPrivateTargets = false
    /// Push over plain http in production mode too.
    public var allowHTTPTargets = false
    /// Answer every well-formed request 200 without verifying or storing it. Only for measuring
    /// the HTTP ceiling in benchmarks; never in service.
    public var acknowledgeOnly = false

    public init() {}
}
