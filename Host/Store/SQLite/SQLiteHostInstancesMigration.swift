import GRDB
import PatchbayModel

extension SQLiteMigrations {
    /// Host instances and their heartbeats; each execution records the instance running it.
    /// Rows still `running` from before this version were cut off by a stop of the host that
    /// ran them (nothing else could have been running them while the database is upgraded), so
    /// they are marked interrupted here, once.
    static func hostInstancesV1(_ db: Database, at now: Millis) throws {
        try db.execute(sql: """
            CREATE TABLE host_instances (
                id TEXT PRIMARY KEY,
                machine TEXT NOT NULL,
                pid INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                heartbeat_at INTEGER NOT NULL
            );
            ALTER TABLE executions ADD COLUMN instance_id TEXT;
            CREATE INDEX executions_running_by_instance ON executions (instance_id) WHERE status = 'running';
            CREATE TABLE storage_probe (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                written_at INTEGER NOT NULL
            );
            """)
        try db.execute(
            sql: """
                UPDATE executions SET status = 'interrupted', error_code = ?, error_message = ?, retryable = 0,
                    finished_at = COALESCE(finished_at, ?)
                WHERE status = 'running'
                """,
            arguments: [ExecutionRecord.outcomeUnknown, ExecutionRecord.outcomeUnknownMessage, now])
    }
}
