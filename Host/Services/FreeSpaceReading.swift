/// How much room is left on the file system the host's data is written to: what `/readyz`'s
/// `disk` check compares with the operator's minimum. A test gives a reading of its own
/// rather than filling a disk.
public protocol FreeSpaceReading: Sendable {
    /// Bytes a process without special privileges may still write; throws `FreeSpaceUnreadable`.
    func availableBytes() throws -> UInt64
}
