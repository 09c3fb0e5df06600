import Foundation

/// The fault of the last write, cleared by the next write that succeeds: what `/readyz`
/// reports while the disk refuses writes. And when a write last succeeded, so that a readiness
/// check writes a probe of its own only on a host that has written nothing for a while.
final class StorageHealth: @unchecked Sendable {
    /// A write this recent proves the store takes writes; a readiness check asked more often
    /// than this on an idle host writes its probe at most once per interval.
    static let recentWrite: Duration = .seconds(5)

    private let lock = NSLock()
    private var fault: StorageFault?
    private var lastWrite: ContinuousClock.Instant?

    var current: StorageFault? { lock.withLock { fault } }

    var wroteRecently: Bool {
        lock.withLock { lastWrite.map { ContinuousClock.now - $0 < Self.recentWrite } ?? false }
    }

    func failed(_ fault: StorageFault) {
        lock.withLock { self.fault = fault }
    }

    func wrote() {
        let now = ContinuousClock.now
        lock.withLock {
            fault = nil
            lastWrite = now
        }
    }
}
