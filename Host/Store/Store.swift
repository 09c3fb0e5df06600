/// Everything the host keeps: the composition of one protocol per area. Every read of tenant
/// data takes the account id, so a row of another account is simply not found; the few reads
/// that run before any account is known say so. Services depend on the areas they use, not on
/// the whole. Implemented by `SQLiteStore` (one machine) and `PostgresStore` (replicas); both
/// pass the same conformance suite (`StoreConformance`, in the tests).
public protocol Store: Sendable, AccountStore, ConnectionStore, ExecutionStore, WebhookStore, CredentialStore, AgentStore,
    ConnectionEventStore, HostInstanceStore, RetentionStore, SchemaStore, MCPSessionStore, ConnectorStore, MCPServerStore,
    RateBudgetStore, IdempotencyStore, AuditStore, APIRequestCountStore {}

/// What a write has survived by the time it returns.
public enum Durability: Sendable {
    /// A power cut: the write is on disk. Whatever a client is told was done is written so.
    case onDisk
    /// A crash of the host process, not of the machine. The write reaches the disk with the
    /// next `onDisk` write or checkpoint, without waiting for the disk itself. For records no
    /// client has been told of yet, such as a run that has just started and whose outcome
    /// will be written `onDisk` before anyone hears of it.
    case outlivesProcess
}

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
