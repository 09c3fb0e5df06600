extension PostgresMigrations {
    /// Host instances and their heartbeats, and the row a readiness check writes to prove
    /// the database takes writes.
    static let hostInstances = Migration(name: "v1_host_instances", statements: [
        """
        CREATE TABLE host_instances (
            id TEXT PRIMARY KEY,
            machine TEXT NOT NULL,
            pid BIGINT NOT NULL,
            started_at BIGINT NOT NULL,
            heartbeat_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE storage_probe (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            written_at BIGINT NOT NULL
        )
        """,
    ])
}
