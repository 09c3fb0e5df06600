import Foundation

/// The fault of the last write, cleared by the next write that succeeds: what `/healthz`
/// reports while the disk refuses writes.
final class StorageHealth: @unchecked Sendable {
    private let lock = NSLock()
    private var fault: StorageFault?

    var current: StorageFault? { lock.withLock { fault } }

    func failed(_ fault: StorageFault) {
        lock.withLock { self.fault = fault }
    }

    func wrote() {
        lock.withLock { fault = nil }
    }
}
