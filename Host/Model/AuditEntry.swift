public import PatchbayWire

/// One change, as the audit log keeps it.
public struct AuditEntry: Sendable, Equatable {
    public var id: String
    /// Nil for a change to the whole host (a vault operation from the CLI).
    public var accountID: String?
    /// The API key that made the change; nil when it was made from the CLI.
    public var keyID: String?
    /// What was done, as `area.verb`: `connection.created`, `api_key.revoked`, …
    public var action: String
    /// The id of what it was done to.
    public var target: String
    /// What changed: new values of plain fields, and for secrets only their names (never a value).
    public var changes: JSONValue
    public var createdAt: Millis

    public init(id: String, accountID: String?, keyID: String?, action: String, target: String, changes: JSONValue = [:],
                createdAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.keyID = keyID
        self.action = action
        self.target = target
        self.changes = changes
        self.createdAt = createdAt
    }
}
