import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func account(named name: String) async throws -> Account? {
        throw PostgresStore.notPorted
    }

    public func account(id: String) async throws -> Account? {
        throw PostgresStore.notPorted
    }

    public func insertAccount(_ account: Account) async throws {
        throw PostgresStore.notPorted
    }

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func apiKey(prefix: String) async throws -> APIKeyRecord? {
        throw PostgresStore.notPorted
    }

    public func insertConnection(_ connection: ConnectionRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func connection(id: String, accountID: String) async throws -> ConnectionRecord? {
        throw PostgresStore.notPorted
    }

    public func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord> {
        throw PostgresStore.notPorted
    }

    public func updateConnection(_ connection: ConnectionRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func connectedProviders(accountID: String) async throws -> Set<String> {
        throw PostgresStore.notPorted
    }

    public func saveSchema(_ snapshot: SchemaSnapshot) async throws {
        throw PostgresStore.notPorted
    }

    public func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot? {
        throw PostgresStore.notPorted
    }

    public func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws {
        throw PostgresStore.notPorted
    }

    public func updateExecution(_ execution: ExecutionRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func execution(id: String, accountID: String) async throws -> ExecutionRecord? {
        throw PostgresStore.notPorted
    }

    public func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord> {
        throw PostgresStore.notPorted
    }
}
