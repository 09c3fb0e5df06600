/// The host's time, in the two forms it uses: wall-clock milliseconds for what is stored or
/// shown (leases, next attempts, timestamps, what plugins read through `pb_host_clock_now_ms`)
/// and monotonic instants for what is waited out (timeouts, deadlines, backoff).
///
/// Every retry, backoff, lease and timeout of the host reads and sleeps on one of these, handed
/// in where the host is assembled: `SystemClock` in a running host, `ManualClock` in a test that
/// moves time itself instead of waiting for it.
public protocol HostClock: Sendable {
    /// Milliseconds since the Unix epoch.
    var wallMillis: Int64 { get }
    /// The current monotonic instant; instants of different clocks are not comparable.
    var now: ContinuousClock.Instant { get }
    /// Returns at `deadline` of this clock; throws `CancellationError` if the task is cancelled first.
    func sleep(until deadline: ContinuousClock.Instant) async throws
}

extension HostClock {
    /// Returns once `duration` of this clock has passed.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}
