/// Why the disk refused a store operation, in words an operator can act on.
public struct StorageFault: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Cause: String, Sendable {
        case diskFull = "disk full"
        case readOnly = "read-only"
        case ioError = "I/O error"
        case cannotOpen = "cannot open the database file"
        /// A database server that does not answer, or refuses the host's connection.
        case unreachable = "database unreachable"
    }

    public var cause: Cause
    /// The database's own message, for the log.
    public var detail: String

    public init(_ cause: Cause, detail: String) {
        self.cause = cause
        self.detail = detail
    }

    public var description: String { "\(cause.rawValue) (\(detail))" }
}
