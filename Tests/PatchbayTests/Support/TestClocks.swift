import Foundation
import PatchbayModel

/// Milliseconds since the epoch, moved by the test. Unchecked because `lock` guards `millis`,
/// which the compiler cannot see.
final class WallClock: @unchecked Sendable {
    private let lock = NSLock()
    private var millis: Millis

    init(start: Millis) {
        millis = start
    }

    var now: Millis { lock.withLock { millis } }

    func advance(by delta: Millis) {
        lock.withLock { millis += delta }
    }
}

/// A monotonic instant that stands still until the test moves it. Unchecked because `lock`
/// guards `offset`, which the compiler cannot see.
final class MonotonicClock: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var offset: Duration = .zero

    var now: ContinuousClock.Instant { lock.withLock { start + offset } }

    func advance(by delta: Duration) {
        lock.withLock { offset += delta }
    }
}
