import GRDB
public import PatchbayModel

extension SQLiteStore {
    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                                    at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws {
        let payload = try Self.payloadText(event)
        try await write { db in
            guard try Self.setConnectionStatus(db, connectionID: connectionID, accountID: accountID, status: status, reason: reason,
                                               at: at, leaseOwner: leaseOwner)
            else { return }
            _ = try Self.storeInboundEvent(db, event, payload: payload)
        }
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool {
        let payload = try event.map(Self.payloadText)
        return try await write { db in
            guard try Self.saveTokens(db, connectionID: connectionID, accountID: accountID, sealedCredentials: sealedCredentials,
                                      expiresAt: expiresAt, at: at, leaseOwner: leaseOwner)
            else { return false }
            if let event, let payload { _ = try Self.storeInboundEvent(db, event, payload: payload) }
            return true
        }
    }

    public func updateConnectionReplacingCredentials(_ connection: ConnectionRecord, announcing event: InboundEvent?) async throws {
        let config = try Self.text(connection.config)
        let payload = try event.map(Self.payloadText)
        try await write { db in
            try Self.updateConnection(db, connection, config: config)
            try Self.clearConnectionAuth(db, connectionID: connection.id)
            if let event, let payload { _ = try Self.storeInboundEvent(db, event, payload: payload) }
        }
    }
}
