public import PatchbayModel

/// Connections to providers, and the schema discovered through each.
public protocol ConnectionStore: Sendable {
    func insertConnection(_ connection: ConnectionRecord) async throws
    func connection(id: String, accountID: String) async throws -> ConnectionRecord?
    func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord>
    func updateConnection(_ connection: ConnectionRecord) async throws
    /// Providers this account has at least one active connection to.
    func connectedProviders(accountID: String) async throws -> Set<String>

    func saveSchema(_ snapshot: SchemaSnapshot) async throws
    func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot?
}
