import PatchbayClock

extension ManualClock {
    /// Moves the clock on to the machine's wall time, for a test whose fakes stamp times from
    /// the real clock (a window that resets a few seconds from their now) that the host reads
    /// against this one: time lost starting the host does not lengthen the waits it computes.
    func catchUpWithRealTime() {
        advance(by: .milliseconds(max(0, SystemClock().wallMillis - wallMillis)))
    }
}
