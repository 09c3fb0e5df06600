import Foundation
import PostgresNIO

/// Providers' rate budgets, merged in one statement so that replicas writing at once keep the
/// latest observation and the longest pause, as `SQLiteStore` does.
extension PostgresStore {
    public func rateBudget(key: String) async throws -> RateBudgetRecord? {
        try await rows("SELECT * FROM rate_budgets WHERE key = \(key)").first.map { row in
            RateBudgetRecord(key: try row.value("key"), notBefore: try row.value("not_before"),
                             remaining: try row.value("remaining", as: Int?.self), resetAt: try row.value("reset_at", as: Int64?.self),
                             bucketUsed: try row.value("bucket_used", as: Int?.self), bucketMax: try row.value("bucket_max", as: Int?.self),
                             observedAt: try row.value("observed_at"))
        }
    }

    public func recordRateBudget(_ budget: RateBudgetRecord) async throws {
        try await write("""
            INSERT INTO rate_budgets (key, not_before, remaining, reset_at, bucket_used, bucket_max, observed_at)
            VALUES (\(budget.key), \(budget.notBefore), \(budget.remaining), \(budget.resetAt), \(budget.bucketUsed), \(budget.bucketMax),
                    \(budget.observedAt))
            ON CONFLICT (key) DO UPDATE SET
                not_before = GREATEST(rate_budgets.not_before, excluded.not_before),
                remaining = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.remaining ELSE rate_budgets.remaining END,
                reset_at = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.reset_at ELSE rate_budgets.reset_at END,
                bucket_used = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.bucket_used ELSE rate_budgets.bucket_used END,
                bucket_max = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.bucket_max ELSE rate_budgets.bucket_max END,
                observed_at = GREATEST(rate_budgets.observed_at, excluded.observed_at)
            """)
    }
}
