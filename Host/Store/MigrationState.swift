/// The migrations a store's code knows beside those its database records as applied. A
/// database migrated by a newer binary has applied migrations this one does not know; a
/// replica on it is not ready, since it would write rows the newer schema does not expect.
public struct MigrationState: Sendable, Equatable {
    /// The migrations this build applies, in order.
    public var known: [String]
    /// Every migration the database records, known to this build or not.
    public var applied: Set<String>

    public init(known: [String], applied: Set<String>) {
        self.known = known
        self.applied = applied
    }

    /// Known migrations the database lacks.
    public var pending: [String] { known.filter { !applied.contains($0) } }

    /// Applied migrations this build does not know, sorted.
    public var unknown: [String] { applied.subtracting(known).sorted() }

    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
}
