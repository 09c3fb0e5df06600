public import PatchbayModel

/// An account's declarative HTTP connectors, named by namespace and name within the account.
public protocol ConnectorStore: Sendable {
    /// Throws `StoreError.conflict` when the account already has a connector of that namespace and name.
    func insertConnector(_ connector: ConnectorRecord) async throws
    func connector(accountID: String, namespace: String, name: String) async throws -> ConnectorRecord?
    /// The account's connectors by namespace, then name.
    func connectors(accountID: String) async throws -> [ConnectorRecord]
    /// Replaces the definition and the update time of the connector of that account, namespace
    /// and name; false when there is none.
    func updateConnector(_ connector: ConnectorRecord) async throws -> Bool
    /// False when there was none.
    func deleteConnector(accountID: String, namespace: String, name: String) async throws -> Bool
}
