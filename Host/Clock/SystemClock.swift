import Foundation

/// The machine's clocks: the wall clock and the continuous monotonic clock.
public struct SystemClock: HostClock {
    public init() {}

    public var wallMillis: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    public var now: ContinuousClock.Instant { .now }

    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await Task.sleep(until: deadline, clock: .continuous)
    }
}
