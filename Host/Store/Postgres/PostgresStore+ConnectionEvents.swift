import Logging
import PostgresNIO

/// Connection changes and the host events announcing them, in one transaction: the change is
/// the same statement the credential writes without an event run alone, and the event is
/// stored only when the change was made. The connection's rows are locked before the inbox
/// lock, and no inbox writer waits on a connection row, so the two cannot deadlock.
extension PostgresStore {
    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                                    at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws {
        let payload = try Self.payloadText(event)
        let logger = logger
        try await transaction { connection in
            let changed = try await connection.rows(
                Self.settingConnectionStatus(connectionID: connectionID, accountID: accountID, status: status, reason: reason,
                                             at: at, leaseOwner: leaseOwner), logger: logger)
            guard !changed.isEmpty else { return }
            _ = try await Self.storeInboundEvents(connection, [event], payloads: [payload], logger: logger)
        }
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool {
        let payload = try event.map(Self.payloadText)
        let logger = logger
        return try await transaction { connection in
            let saved = try await connection.rows(
                Self.savingTokens(connectionID: connectionID, accountID: accountID, sealedCredentials: sealedCredentials,
                                  expiresAt: expiresAt, at: at, leaseOwner: leaseOwner), logger: logger)
            guard !saved.isEmpty else { return false }
            if let event, let payload { _ = try await Self.storeInboundEvents(connection, [event], payloads: [payload], logger: logger) }
            return true
        }
    }

    public func updateConnectionReplacingCredentials(_ record: ConnectionRecord, announcing event: InboundEvent?) async throws {
        let config = try Self.text(record.config)
        let payload = try event.map(Self.payloadText)
        let logger = logger
        try await transaction { connection in
            try await connection.rows("""
                UPDATE connections SET label = \(record.label), config = \(config), status = \(record.status.rawValue),
                    sealed_credentials = \(record.sealedCredentials), updated_at = \(record.updatedAt)
                WHERE id = \(record.id) AND account_id = \(record.accountID)
                """, logger: logger)
            // Credentials replaced by hand: the old tokens' expiry and the reason they failed no longer apply.
            try await connection.rows(
                "UPDATE connection_auth SET expires_at = NULL, status_reason = NULL WHERE connection_id = \(record.id)",
                logger: logger)
            if let event, let payload { _ = try await Self.storeInboundEvents(connection, [event], payloads: [payload], logger: logger) }
        }
    }
}
