/// The file system did not say how much room it has left.
public struct FreeSpaceUnreadable: Error, CustomStringConvertible {
    /// The system's reason, in words; never the path asked about (it is shown on an open route).
    public let reason: String

    public var description: String { "the free space cannot be read: \(reason)" }
}
