/// How long `Idempotency-Key` answers are kept, and how a repeat waits for a first request
/// still running.
public struct IdempotencySettings: Sendable {
    /// A key's answer is sent again to repeats for this long after the first request; then the
    /// key is free and its row is pruned by the retention pass (`serve --retain-idempotency-keys`).
    public var lifetime: Duration = .seconds(24 * 3600)
    /// A first request running longer than this is taken to have died with its host, and a
    /// repeat runs in its place. Well above any call's own timeouts.
    public var staleAfter: Duration = .seconds(600)
    /// How long a repeat waits for the first request to answer before it is told 409
    /// `idempotency_key_in_flight` and to retry later.
    public var waitLimit: Duration = .seconds(60)
    /// A waiting repeat reads the store again this often even without a notification, which a
    /// replica can miss.
    public var pollInterval: Duration = .milliseconds(500)

    public init() {}
}
