/// Everything the host keeps: the composition of one protocol per area. Every read of tenant
/// data takes the account id, so a row of another account is simply not found; the few reads
/// that run before any account is known say so. Services depend on the areas they use, not on
/// the whole. Implemented by `SQLiteStore` (one machine) and `PostgresStore` (replicas); both
/// pass the same conformance suite (`StoreConformance`, in the tests).
public protocol Store: Sendable, AccountStore, ConnectionStore, ExecutionStore, WebhookStore, CredentialStore, AgentStore,
    ConnectionEventStore, HostInstanceStore, RetentionStore, SchemaStore, MCPSessionStore, ConnectorStore, MCPServerStore,
    RateBudgetStore, IdempotencyStore, AuditStore, APIRequestCountStore {
    /// Lets go of the database: its files or its connections, and the store's background work.
    /// Called by whoever opened the store, once nothing uses it any more; it answers nothing
    /// afterwards. Without it they are held until the store is released, which a process that
    /// opens many stores (a test run) may never do.
    func close()
}

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
