import Logging
public import PatchbayModel
import PostgresNIO

/// Connection changes and the host events announcing them, in one transaction. The changes
/// themselves are the `apply…` functions, which the credential and connection writes without
/// an event run in a transaction of their own.
extension PostgresStore {
    public func setConnectionStatus(connectionID: String, accountID: String, status: ConnectionRecord.Status, reason: String?,
                                    at: Millis, leaseOwner: String?, announcing event: InboundEvent) async throws {
        let payload = try Self.payloadText(event)
        let logger = logger
        try await transaction { connection in
            guard try await Self.applyConnectionStatus(connection, connectionID: connectionID, accountID: accountID, status: status,
                                                       reason: reason, at: at, leaseOwner: leaseOwner, logger: logger)
            else { return }
            _ = try await Self.storeInboundEvents(connection, [event], payloads: [payload], logger: logger)
        }
    }

    public func saveTokens(connectionID: String, accountID: String, sealedCredentials: String, expiresAt: Millis?,
                           at: Millis, leaseOwner: String?, announcing event: InboundEvent?) async throws -> Bool {
        let payload = try event.map(Self.payloadText)
        let logger = logger
        return try await transaction { connection in
            guard try await Self.applyTokens(connection, connectionID: connectionID, accountID: accountID,
                                             sealedCredentials: sealedCredentials, expiresAt: expiresAt, at: at,
                                             leaseOwner: leaseOwner, logger: logger)
            else { return false }
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

    /// Sets the connection's status and the reason for it, within the caller's transaction, and
    /// releases the refresh lease when `leaseOwner` holds it. Answers whether the connection was
    /// there to change (a revoked one is not).
    static func applyConnectionStatus(_ connection: PostgresConnection, connectionID: String, accountID: String,
                                      status: ConnectionRecord.Status, reason: String?, at: Millis, leaseOwner: String?,
                                      logger: Logger) async throws -> Bool {
        let changed = try await connection.rows("""
            UPDATE connections SET status = \(status.rawValue), updated_at = \(at)
            WHERE id = \(connectionID) AND account_id = \(accountID) AND status != 'revoked'
            RETURNING id
            """, logger: logger)
        guard !changed.isEmpty else { return false }
        try await connection.rows("""
            INSERT INTO connection_auth (connection_id, status_reason) VALUES (\(connectionID), \(reason))
            ON CONFLICT (connection_id) DO UPDATE SET status_reason = excluded.status_reason,
                lease_owner = CASE WHEN connection_auth.lease_owner = \(leaseOwner) THEN NULL ELSE connection_auth.lease_owner END,
                lease_until = CASE WHEN connection_auth.lease_owner = \(leaseOwner) THEN NULL ELSE connection_auth.lease_until END
            """, logger: logger)
        return true
    }

    /// Saves refreshed or first tokens and makes the connection active, within the caller's
    /// transaction; with `leaseOwner`, only while that owner holds the refresh lease, which the
    /// save releases. Answers whether they were saved.
    ///
    /// One statement, locking the connection before its lease row, the order
    /// `applyConnectionStatus` takes them in too: a refresher saving and a status change racing
    /// on two replicas would otherwise each hold one lock and wait for the other's, and the
    /// database would abort one as a deadlock. With `leaseOwner`, the lease row must exist and
    /// the upsert's `WHERE` must find that owner holding it, re-checked after any concurrent
    /// takeover commits; only then are the tokens written.
    static func applyTokens(_ connection: PostgresConnection, connectionID: String, accountID: String, sealedCredentials: String,
                            expiresAt: Millis?, at: Millis, leaseOwner: String?, logger: Logger) async throws -> Bool {
        !(try await connection.rows("""
            WITH target AS (
                SELECT id FROM connections
                WHERE id = \(connectionID) AND account_id = \(accountID) AND status != 'revoked' FOR UPDATE
            ),
            lease AS (
                INSERT INTO connection_auth (connection_id, expires_at, refreshed_at)
                SELECT id, \(expiresAt)::BIGINT, \(at)::BIGINT FROM target
                WHERE \(leaseOwner)::TEXT IS NULL OR EXISTS (SELECT 1 FROM connection_auth WHERE connection_id = target.id)
                ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at, refreshed_at = excluded.refreshed_at,
                    status_reason = NULL, lease_owner = NULL, lease_until = NULL
                WHERE \(leaseOwner)::TEXT IS NULL OR connection_auth.lease_owner = \(leaseOwner)
                RETURNING connection_id
            )
            UPDATE connections SET sealed_credentials = \(sealedCredentials), status = 'active', updated_at = \(at)
            WHERE id IN (SELECT connection_id FROM lease)
            RETURNING id
            """, logger: logger).isEmpty)
    }
}
