import Foundation
public import PatchbayModel
import PostgresNIO

/// Claims are one upsert that takes the row only when it is free, so two replicas claiming at
/// once find one winner; the loser reads the winner's row.
extension PostgresStore {
    public func claimIdempotencyKey(_ claim: IdempotencyRecord, staleBefore: Millis) async throws -> IdempotencyClaim {
        while true {
            let taken = try await write("""
                INSERT INTO idempotency_keys (account_id, key, fingerprint, claim_token, created_at, expires_at)
                VALUES (\(claim.accountID), \(claim.key), \(claim.fingerprint), \(claim.claimToken), \(claim.createdAt), \(claim.expiresAt))
                ON CONFLICT (account_id, key) DO UPDATE SET
                    fingerprint = excluded.fingerprint, claim_token = excluded.claim_token, created_at = excluded.created_at,
                    expires_at = excluded.expires_at, status = NULL, headers = NULL, body = NULL
                WHERE idempotency_keys.expires_at <= excluded.created_at
                    OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < \(staleBefore))
                RETURNING claim_token
                """)
            if !taken.isEmpty { return .claimed }
            // Held; read who holds it. A row released or pruned in between is free: claim again.
            let rows = try await self.rows("SELECT * FROM idempotency_keys WHERE account_id = \(claim.accountID) AND key = \(claim.key)")
            if let row = rows.first { return .held(try Self.idempotencyRecord(row)) }
        }
    }

    public func completeIdempotencyKey(accountID: String, key: String, claimToken: String, response: StoredResponse) async throws -> Bool {
        let headers = try Self.text(response.headers)
        let updated = try await write("""
            UPDATE idempotency_keys SET status = \(response.status), headers = \(headers), body = \(response.body)
            WHERE account_id = \(accountID) AND key = \(key) AND claim_token = \(claimToken) AND status IS NULL
            RETURNING key
            """)
        return !updated.isEmpty
    }

    public func releaseIdempotencyKey(accountID: String, key: String, claimToken: String) async throws {
        try await write("""
            DELETE FROM idempotency_keys WHERE account_id = \(accountID) AND key = \(key) AND claim_token = \(claimToken) AND status IS NULL
            """)
    }

    public func pruneIdempotencyKeys(expiredBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write("""
            DELETE FROM idempotency_keys WHERE (account_id, key) IN (
                SELECT account_id, key FROM idempotency_keys WHERE expires_at < \(cutoff) ORDER BY expires_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING key
            """).count
    }

    private static func idempotencyRecord(_ row: PostgresRandomAccessRow) throws -> IdempotencyRecord {
        var response: StoredResponse?
        if let status = try row.value("status", as: Int?.self) {
            response = StoredResponse(status: status, headers: try decode([String: String].self, try row.value("headers")),
                                      body: try row.value("body", as: Data?.self) ?? Data())
        }
        return IdempotencyRecord(accountID: try row.value("account_id"), key: try row.value("key"), fingerprint: try row.value("fingerprint"),
                                 claimToken: try row.value("claim_token"), createdAt: try row.value("created_at"),
                                 expiresAt: try row.value("expires_at"), response: response)
    }
}
