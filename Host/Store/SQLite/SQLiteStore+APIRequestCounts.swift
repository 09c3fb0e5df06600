import GRDB
public import PatchbayModel

extension SQLiteStore {
    /// A counter no client is told of until it is read back: it may wait for the next
    /// durable write, and a crash that loses it only forgives a few requests.
    public func countAPIRequest(key: String, windowStart: Millis) async throws -> Int {
        try await write(.outlivesProcess) { db in
            try db.cachedStatement(sql: """
                INSERT INTO api_request_counts (key, window_start, count) VALUES (?, ?, 1)
                ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
                """).execute(arguments: [key, windowStart])
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT count FROM api_request_counts WHERE key = ? AND window_start = ?"),
                                    arguments: [key, windowStart]) ?? 1
        }
    }

    public func pruneAPIRequestCounts(windowsBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: """
                DELETE FROM api_request_counts WHERE rowid IN (
                    SELECT rowid FROM api_request_counts WHERE window_start < ? ORDER BY window_start LIMIT ?)
                """).execute(arguments: [cutoff, limit])
            return db.changesCount
        }
    }
}
