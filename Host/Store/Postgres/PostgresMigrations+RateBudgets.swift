extension PostgresMigrations {
    /// Providers' rate budgets shared by replicas (`RateBudgetStore`).
    static let rateBudgets = Migration(name: "v1_rate_budgets", statements: [
        """
        CREATE TABLE rate_budgets (
            key TEXT PRIMARY KEY,
            not_before BIGINT NOT NULL,
            remaining BIGINT,
            reset_at BIGINT,
            bucket_used BIGINT,
            bucket_max BIGINT,
            observed_at BIGINT NOT NULL
        )
        """,
    ])
}
