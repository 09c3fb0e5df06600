import GRDB
public import PatchbayModel

extension SQLiteStore {
    public func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write { db in
            // The status test repeats the index's condition word for word, so SQLite can use it.
            try db.cachedStatement(sql: """
                DELETE FROM executions WHERE rowid IN (
                    SELECT rowid FROM executions
                    WHERE status NOT IN ('running', 'awaiting_approval') AND started_at < ?
                    ORDER BY started_at LIMIT ?)
                """).execute(arguments: [cutoff, limit])
            return db.changesCount
        }
    }

    public func pruneRateBudgets(idleSince cutoff: Millis, limit: Int) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: """
                DELETE FROM rate_budgets WHERE key IN (
                    SELECT key FROM rate_budgets
                    WHERE observed_at < ?1 AND not_before < ?1 AND COALESCE(reset_at, 0) < ?1
                    LIMIT ?2)
                """).execute(arguments: [cutoff, limit])
            return db.changesCount
        }
    }

    public func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int {
        try await write { db in
            let events = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT sequence, id FROM webhook_events e
                WHERE received_at < ? AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'delivering'))
                ORDER BY received_at LIMIT ?
                """), arguments: [cutoff, limit])
            // One event at a time through cached statements: no limit on bound variables, and
            // each delete finds its rows by index.
            let attempts = try db.cachedStatement(sql: """
                DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id = ?)
                """)
            let deliveries = try db.cachedStatement(sql: "DELETE FROM webhook_deliveries WHERE event_id = ?")
            let event = try db.cachedStatement(sql: "DELETE FROM webhook_events WHERE sequence = ?")
            for row in events {
                let id: String = row["id"]
                try attempts.execute(arguments: [id])
                try deliveries.execute(arguments: [id])
                try event.execute(arguments: [row["sequence"] as Int64])
            }
            return events.count
        }
    }
}
