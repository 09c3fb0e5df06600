import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func saveHostInstance(_ instance: HostInstanceRecord) async throws {
        throw PostgresStore.notPorted
    }

    public func hostInstances() async throws -> [HostInstanceRecord] {
        throw PostgresStore.notPorted
    }

    public func interruptExecutions(ofInstances ids: [String], at: Millis) async throws -> Int {
        throw PostgresStore.notPorted
    }

    public func storageProblem() async -> StoreError? {
        nil
    }
}
