import PatchbayModel
import Synchronization

/// The fault of the last write, cleared by the next write that succeeds: what `/readyz`
/// reports while the disk refuses writes. And when a write last succeeded, so that a readiness
/// check writes a probe of its own only on a host that has written nothing for a while.
final class StorageHealth: Sendable {
    /// A write this recent proves the store takes writes; a readiness check asked more often
    /// than this on an idle host writes its probe at most once per interval.
    static let recentWrite: Duration = .seconds(5)

    private struct State {
        var fault: StorageFault?
        var lastWrite: ContinuousClock.Instant?
    }

    private let state = Mutex(State())

    var current: StorageFault? { state.withLock { $0.fault } }

    var wroteRecently: Bool {
        state.withLock { $0.lastWrite.map { ContinuousClock.now - $0 < Self.recentWrite } ?? false }
    }

    func failed(_ fault: StorageFault) {
        state.withLock { $0.fault = fault }
    }

    func wrote() {
        let now = ContinuousClock.now
        state.withLock { state in
            state.fault = nil
            state.lastWrite = now
        }
    }
}
