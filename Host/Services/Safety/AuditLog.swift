public import Logging
public import PatchbayClock
public import PatchbayModel
public import PatchbayStore
import PatchbayWire

/// Appends every change an API key or the CLI makes to the store's audit log, and reads it
/// back for admins. Services record a change once it is committed, with what changed: plain
/// values as they now are, secrets only by name. A change whose entry cannot be written stays
/// made (its caller is told so): the failure is logged with the entry, which holds no secret.
public struct AuditLog: Sendable {
    let store: any AuditStore
    let logger: Logger
    /// What entries are stamped with.
    let clock: any HostClock

    public init(store: any AuditStore, clock: any HostClock = SystemClock(), logger: Logger = Logger(label: "patchbay.audit")) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// What an API key changed in its own account.
    func record(_ principal: Principal, _ action: String, target: String, changes: JSONValue = [:]) async {
        await append(AuditEntry(id: IDs.make("aud"), accountID: principal.accountID, keyID: principal.keyID, action: action,
                                target: target, changes: changes, createdAt: clock.wallMillis))
    }

    /// What the CLI changed: in one account, or in the whole host (`accountID` nil).
    func recordCLI(accountID: String?, _ action: String, target: String, changes: JSONValue = [:]) async {
        await append(AuditEntry(id: IDs.make("aud"), accountID: accountID, keyID: nil, action: action, target: target,
                                changes: changes, createdAt: clock.wallMillis))
    }

    private func append(_ entry: AuditEntry) async {
        do {
            try await store.appendAuditEntry(entry)
        } catch {
            logger.error("could not append to the audit log; the change itself was made", metadata: [
                "action": "\(entry.action)", "target": "\(entry.target)", "account_id": "\(entry.accountID ?? "host")",
                "key_id": "\(entry.keyID ?? "cli")", "changes": "\(entry.changes)", "error": "\(error)",
            ])
        }
    }

    /// The account's log, newest first, with the host-wide entries. Needs `admin`.
    public func list(principal: Principal, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry> {
        try principal.require(.admin)
        return try await store.auditEntries(accountID: principal.accountID, filter: filter, page: page)
    }

    /// The names of the secret fields a change set, sorted: their values are never recorded.
    static func secretNames(_ secrets: JSONValue?) -> JSONValue {
        .array((secrets?.objectValue?.keys.sorted() ?? []).map(JSONValue.string))
    }
}
