import Foundation
import GRDB

extension SQLiteStore {
    public func rateBudget(key: String) async throws -> RateBudgetRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rate_budgets WHERE key = ?", arguments: [key]).map { row in
                RateBudgetRecord(key: row["key"], notBefore: row["not_before"], remaining: row["remaining"], resetAt: row["reset_at"],
                                 bucketUsed: row["bucket_used"], bucketMax: row["bucket_max"], observedAt: row["observed_at"])
            }
        }
    }

    public func recordRateBudget(_ budget: RateBudgetRecord) async throws {
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO rate_budgets (key, not_before, remaining, reset_at, bucket_used, bucket_max, observed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET
                        not_before = MAX(rate_budgets.not_before, excluded.not_before),
                        remaining = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.remaining ELSE rate_budgets.remaining END,
                        reset_at = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.reset_at ELSE rate_budgets.reset_at END,
                        bucket_used = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.bucket_used ELSE rate_budgets.bucket_used END,
                        bucket_max = CASE WHEN excluded.observed_at >= rate_budgets.observed_at THEN excluded.bucket_max ELSE rate_budgets.bucket_max END,
                        observed_at = MAX(rate_budgets.observed_at, excluded.observed_at)
                    """
            ).execute(arguments: [budget.key, budget.notBefore, budget.remaining, budget.resetAt, budget.bucketUsed, budget.bucketMax,
                                  budget.observedAt])
        }
    }
}
