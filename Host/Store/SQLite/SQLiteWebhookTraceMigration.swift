import GRDB

extension SQLiteMigrations {
    /// The trace context an event was stored in (`WebhookEventRecord.traceparent`); null for
    /// events stored before, or with tracing off.
    static func webhookEventTraceV1(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE webhook_events ADD COLUMN traceparent TEXT")
    }
}
