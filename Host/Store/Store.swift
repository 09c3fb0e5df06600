/// Everything the host keeps. Every read of tenant data takes the account id, so a row of
/// another account is simply not found; the few reads that run before any account is known
/// say so. Implemented by `SQLiteStore`; a PostgreSQL backend implements the same protocol and
/// passes the same conformance suite (`StoreConformance`, in the tests).
public protocol Store: Sendable, WebhookStore, CredentialStore, AgentStore, ConnectionEventStore, HostInstanceStore,
    RetentionStore, SchemaStore, MCPSessionStore {
    // Accounts and keys
    func account(named name: String) async throws -> Account?
    func account(id: String) async throws -> Account?
    func insertAccount(_ account: Account) async throws
    func insertAPIKey(_ key: APIKeyRecord) async throws
    /// Before the account is known: the key's prefix is what names the account, and its hash is checked after.
    func apiKey(prefix: String) async throws -> APIKeyRecord?

    // Connections
    func insertConnection(_ connection: ConnectionRecord) async throws
    func connection(id: String, accountID: String) async throws -> ConnectionRecord?
    func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord>
    func updateConnection(_ connection: ConnectionRecord) async throws
    /// Providers this account has at least one active connection to.
    func connectedProviders(accountID: String) async throws -> Set<String>

    // Discovered schemas
    func saveSchema(_ snapshot: SchemaSnapshot) async throws
    func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot?

    // Executions
    /// Keeps a run's record before the call goes out, so even a run the host never finished
    /// (it crashed, or the call hangs) shows up; `durability` says what that must survive.
    func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws
    func updateExecution(_ execution: ExecutionRecord) async throws
    func execution(id: String, accountID: String) async throws -> ExecutionRecord?
    func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord>
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
