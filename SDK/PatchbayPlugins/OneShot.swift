import Foundation

/// Waits for an event, or for a deadline on a clock, whichever comes first, and says which it
/// was: how a graceful stop waits for a plugin's shutdown to return or for a worker to exit,
/// with no polling and with its patience measured on the host's clock.
// Unchecked: every stored var is read and written under `lock`.
final class OneShot: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Bool, Never>?
    private var timer: Task<Void, Never>?
    private var fired = false

    private init() {}

    /// Hands `start` the function that signals the event, and returns true once it is called, or
    /// false once `deadline` of `clock` has passed. The sleep on the clock ends with the wait, so
    /// nothing is left asleep on a clock that a test moves.
    static func event(_ start: (@escaping @Sendable () -> Void) -> Void, orDeadline deadline: ContinuousClock.Instant,
                      on clock: PluginClock) async -> Bool {
        let shot = OneShot()
        return await withCheckedContinuation { continuation in
            shot.lock.withLock { shot.continuation = continuation }
            start { shot.fire(true) }
            let timer = Task {
                try? await clock.sleep(deadline)
                shot.fire(false)
            }
            // The event may have come already: then the sleep is not needed.
            let needed = shot.lock.withLock {
                if !shot.fired { shot.timer = timer }
                return !shot.fired
            }
            if !needed { timer.cancel() }
        }
    }

    /// Resumes the waiting task with `eventFirst` if nothing resumed it yet.
    private func fire(_ eventFirst: Bool) {
        let (waiting, sleeping): (CheckedContinuation<Bool, Never>?, Task<Void, Never>?) = lock.withLock {
            defer {
                fired = true
                continuation = nil
                timer = nil
            }
            return (continuation, timer)
        }
        sleeping?.cancel()
        waiting?.resume(returning: eventFirst)
    }
}
