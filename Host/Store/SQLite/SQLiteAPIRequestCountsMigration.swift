import GRDB

extension SQLiteMigrations {
    /// API requests per key and window (`APIRequestCountStore`).
    static func apiRequestCountsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE api_request_counts (
                key TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (key, window_start)
            );
            CREATE INDEX api_request_counts_by_window ON api_request_counts (window_start);
            """)
    }

    /// A key's own request budget (`APIKeyRecord.rateLimit`); null keeps the host's.
    static func apiKeyRateLimitV1(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE api_keys ADD COLUMN rate_limit INTEGER")
    }
}
