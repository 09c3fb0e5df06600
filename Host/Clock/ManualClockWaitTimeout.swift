/// A test's wait on a `ManualClock` for sleepers that did not park within its limit of real
/// time: the code under test never reached the wait the test expected of it.
public struct ManualClockWaitTimeout: Error, CustomStringConvertible {
    /// What the test waited for, such as "at least 2 sleepers".
    public let awaited: String
    public let limit: Duration
    /// The sleepers parked when the limit ran out: how long each had left.
    public let sleepersDueIn: [Duration]

    public var description: String {
        let parked = sleepersDueIn.isEmpty ? "none" : sleepersDueIn.map { "due in \($0)" }.joined(separator: ", ")
        return "waited \(limit) of real time for \(awaited) on the manual clock; "
            + "\(sleepersDueIn.count) sleeper\(sleepersDueIn.count == 1 ? " was" : "s were") parked (\(parked))"
    }
}
