public import PatchbayModel

/// The audit log: every change an API key (or the CLI) made, appended and never changed. The
/// protocol has no way to update or delete an entry; the log is kept as long as the store is.
public protocol AuditStore: Sendable {
    func appendAuditEntry(_ entry: AuditEntry) async throws
    /// The account's entries, newest first, with the host-wide ones (no account) among them:
    /// those changed every account's data too, such as a vault key rotation.
    func auditEntries(accountID: String, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEntry>
}
