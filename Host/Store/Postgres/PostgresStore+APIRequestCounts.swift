public import PatchbayModel
import PostgresNIO

extension PostgresStore {
    /// One upsert that returns the new count: replicas counting at once each see their own increment.
    public func countAPIRequest(key: String, windowStart: Millis) async throws -> Int {
        let rows = try await write("""
            INSERT INTO api_request_counts (key, window_start, count) VALUES (\(key), \(windowStart), 1)
            ON CONFLICT (key, window_start) DO UPDATE SET count = api_request_counts.count + 1
            RETURNING count
            """)
        return try rows.first?.value("count", as: Int.self) ?? 1
    }

    public func pruneAPIRequestCounts(windowsBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write("""
            DELETE FROM api_request_counts WHERE (key, window_start) IN (
                SELECT key, window_start FROM api_request_counts WHERE window_start < \(cutoff) ORDER BY window_start LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING key
            """).count
    }
}
