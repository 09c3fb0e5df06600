/// Why a store operation failed. The services pass it on as it is, and the API answers
/// `unavailable` with 503.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case conflict(String)
    case corrupt(String)
    /// The disk refused the write or the read: full, read-only, failing, or the file is gone.
    /// Nothing of the failed write is kept; it can be tried again once the cause is fixed.
    case unavailable(StorageFault)

    public var description: String {
        switch self {
        case .conflict(let message): return "conflict: \(message)"
        case .corrupt(let message): return "stored data is unreadable: \(message)"
        case .unavailable(let fault): return "storage unavailable: \(fault)"
        }
    }

    /// `disk full`, `read-only`, … when the disk refused the operation.
    public var unavailableCause: String? {
        if case .unavailable(let fault) = self { return fault.cause.rawValue }
        return nil
    }
}
