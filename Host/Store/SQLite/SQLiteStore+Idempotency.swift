import Foundation
import GRDB
public import PatchbayModel

/// Claims are taken in the writer's transaction: the read and the insert see no other writer.
extension SQLiteStore {
    public func claimIdempotencyKey(_ claim: IdempotencyRecord, staleBefore: Millis) async throws -> IdempotencyClaim {
        try await write(.outlivesProcess) { db in
            if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM idempotency_keys WHERE account_id = ? AND key = ?"),
                                          arguments: [claim.accountID, claim.key]) {
                let held = try Self.idempotencyRecord(row)
                let free = held.expiresAt <= claim.createdAt || (held.response == nil && held.createdAt < staleBefore)
                guard free else { return .held(held) }
            }
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO idempotency_keys (account_id, key, fingerprint, claim_token, created_at, expires_at, status, headers, body)
                VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)
                """).execute(arguments: [claim.accountID, claim.key, claim.fingerprint, claim.claimToken, claim.createdAt, claim.expiresAt])
            return .claimed
        }
    }

    public func completeIdempotencyKey(accountID: String, key: String, claimToken: String, response: StoredResponse) async throws -> Bool {
        let headers = try Self.text(response.headers)
        return try await write { db in
            try db.cachedStatement(sql: """
                UPDATE idempotency_keys SET status = ?, headers = ?, body = ?
                WHERE account_id = ? AND key = ? AND claim_token = ? AND status IS NULL
                """).execute(arguments: [response.status, headers, response.body, accountID, key, claimToken])
            return db.changesCount == 1
        }
    }

    public func releaseIdempotencyKey(accountID: String, key: String, claimToken: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE account_id = ? AND key = ? AND claim_token = ? AND status IS NULL")
                .execute(arguments: [accountID, key, claimToken])
        }
    }

    public func pruneIdempotencyKeys(expiredBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: """
                DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE expires_at < ? ORDER BY expires_at LIMIT ?)
                """).execute(arguments: [cutoff, limit])
            return db.changesCount
        }
    }

    private static func idempotencyRecord(_ row: Row) throws -> IdempotencyRecord {
        var response: StoredResponse?
        if let status: Int = row["status"] {
            response = StoredResponse(status: status, headers: try decode([String: String].self, row["headers"]),
                                      body: row["body"] ?? Data())
        }
        return IdempotencyRecord(accountID: row["account_id"], key: row["key"], fingerprint: row["fingerprint"],
                                 claimToken: row["claim_token"], createdAt: row["created_at"], expiresAt: row["expires_at"],
                                 response: response)
    }
}
