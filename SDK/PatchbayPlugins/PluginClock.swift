import Foundation

/// The host's clock as the loader uses it: the wall time in-process plugins read through
/// `pb_host_clock_now_ms`, and the monotonic time each call's deadline is set and waited out on.
/// The SDK names no host module, so a host hands its clock in as these three functions; a test
/// that moves the host's time hands in the clock it moves.
///
/// A class, so that `PendingCalls` can tell clocks apart: the calls made on one clock share one
/// watcher. Instants of different clocks are not comparable.
public final class PluginClock: Sendable {
    /// Milliseconds since the Unix epoch.
    public let wallMillis: @Sendable () -> Int64
    /// The current monotonic instant.
    public let now: @Sendable () -> ContinuousClock.Instant
    /// Returns at the instant given, of `now`'s time; throws `CancellationError` if the task is cancelled first.
    public let sleep: @Sendable (ContinuousClock.Instant) async throws -> Void

    public init(wallMillis: @escaping @Sendable () -> Int64, now: @escaping @Sendable () -> ContinuousClock.Instant,
                sleep: @escaping @Sendable (ContinuousClock.Instant) async throws -> Void) {
        self.wallMillis = wallMillis
        self.now = now
        self.sleep = sleep
    }

    /// The machine's clocks, for a host whose time nobody moves and for a plugin's worker process.
    public static let system = PluginClock(
        wallMillis: { Int64(Date().timeIntervalSince1970 * 1000) },
        now: { ContinuousClock.now },
        sleep: { try await Task.sleep(until: $0, clock: .continuous) })
}
