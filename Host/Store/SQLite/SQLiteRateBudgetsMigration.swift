import GRDB

extension SQLiteMigrations {
    /// Providers' rate budgets shared by replicas (`RateBudgetStore`).
    static func rateBudgetsV1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rate_budgets (
                key TEXT PRIMARY KEY,
                not_before INTEGER NOT NULL,
                remaining INTEGER,
                reset_at INTEGER,
                bucket_used INTEGER,
                bucket_max INTEGER,
                observed_at INTEGER NOT NULL
            )
            """)
    }
}
