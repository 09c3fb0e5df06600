import Foundation
import PostgresNIO

// Not yet ported to PostgreSQL: each method answers `PostgresStore.notPorted`.
extension PostgresStore {
    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?, at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws {
        throw PostgresStore.notPorted
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?, at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool {
        throw PostgresStore.notPorted
    }

    public func updateConnectionReplacingCredentials(_ connection: ConnectionRecord, announcing event: InboundEvent?) async throws {
        throw PostgresStore.notPorted
    }
}
