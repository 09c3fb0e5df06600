public import PatchbayWire

/// An account's declarative HTTP connector: a named HTTP client configuration whose typed
/// operations the host runs itself. The definition is kept as the API validated it, so the
/// store need not know its fields.
public struct ConnectorRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var namespace: String
    public var name: String
    public var definition: JSONValue
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, namespace: String, name: String, definition: JSONValue,
                createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.namespace = namespace
        self.name = name
        self.definition = definition
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The connector's id in the catalog and on its connections: `namespace.name`. A plugin's
    /// id may not hold a dot, so the two never collide.
    public static func providerID(namespace: String, name: String) -> String { "\(namespace).\(name)" }

    public var providerID: String { Self.providerID(namespace: namespace, name: name) }
}
