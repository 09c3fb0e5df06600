import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func insertAgent(_ agent: AgentRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func agent(id: String, accountID: String) async throws -> AgentRecord? {
        throw PostgresStore.notPorted
    }

    public func agents(accountID: String, page: PageRequest) async throws -> Page<AgentRecord> {
        throw PostgresStore.notPorted
    }

    public func updateAgent(id: String, accountID: String, _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord? {
        throw PostgresStore.notPorted
    }

    public func deleteAgent(id: String, accountID: String) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func publishAgent(id: String, accountID: String, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        throw PostgresStore.notPorted
    }

    public func rollbackAgent(id: String, accountID: String, to version: Int, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        throw PostgresStore.notPorted
    }

    public func agentVersions(agentID: String, accountID: String) async throws -> [AgentVersionRecord] {
        throw PostgresStore.notPorted
    }

    public func agentVersion(agentID: String, accountID: String, version: Int) async throws -> AgentVersionRecord? {
        throw PostgresStore.notPorted
    }

    public func transitionExecution(id: String, accountID: String, from: ExecutionRecord.Status, to: ExecutionRecord.Status) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func endUserConnection(accountID: String, provider: String, endUser: String) async throws -> ConnectionRecord? {
        throw PostgresStore.notPorted
    }
}
