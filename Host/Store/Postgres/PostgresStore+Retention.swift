import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int {
        throw PostgresStore.notPorted
    }

    public func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int {
        throw PostgresStore.notPorted
    }
}
