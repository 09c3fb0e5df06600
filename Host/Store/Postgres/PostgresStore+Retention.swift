public import PatchbayModel
import PostgresNIO

/// Pruning a bounded batch at a time, safe beside other replicas writing and pruning.
extension PostgresStore {
    public func pruneExecutions(startedBefore cutoff: Millis, limit: Int) async throws -> Int {
        // The status test repeats the partial index's condition word for word, so the planner uses it.
        try await write("""
            DELETE FROM executions WHERE id IN (
                SELECT id FROM executions
                WHERE status NOT IN ('running', 'awaiting_approval') AND started_at < \(cutoff)
                ORDER BY started_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """).count
    }

    public func pruneRateBudgets(idleSince cutoff: Millis, limit: Int) async throws -> Int {
        // A budget being written at once is skipped, or seen as written: taking the row lock
        // checks the condition again on its latest version.
        try await write("""
            DELETE FROM rate_budgets WHERE key IN (
                SELECT key FROM rate_budgets
                WHERE observed_at < \(cutoff) AND not_before < \(cutoff) AND COALESCE(reset_at, 0) < \(cutoff)
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING key
            """).count
    }

    public func pruneWebhookEvents(receivedBefore cutoff: Millis, limit: Int) async throws -> Int {
        let logger = logger
        return try await transaction { connection in
            // The events are locked first: a delivery being added to one (a replay) holds a key
            // lock on it and is passed over, and one added later waits for this transaction and
            // then finds the event gone. Another replica pruning at once takes other events.
            let candidates = try await connection.rows("""
                SELECT id FROM webhook_events e
                WHERE received_at < \(cutoff) AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'delivering'))
                ORDER BY received_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
                """, logger: logger).map { try $0.value("id", as: String.self) }
            guard !candidates.isEmpty else { return 0 }
            // Then their deliveries, and the events whose deliveries were made pending again
            // (a replay) or leased since the first read are kept after all.
            let unfinished = try await connection.rows("""
                SELECT event_id, status FROM webhook_deliveries WHERE event_id = ANY(\(candidates)) FOR UPDATE
                """, logger: logger).filter { try ["pending", "delivering"].contains($0.value("status", as: String.self)) }
                .map { try $0.value("event_id", as: String.self) }
            let events = Array(Set(candidates).subtracting(unfinished))
            try await connection.rows("""
                DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id = ANY(\(events)))
                """, logger: logger)
            try await connection.rows("DELETE FROM webhook_deliveries WHERE event_id = ANY(\(events))", logger: logger)
            return try await connection.rows("DELETE FROM webhook_events WHERE id = ANY(\(events)) RETURNING id", logger: logger).count
        }
    }
}
