extension PostgresStore {
    public func migrationState() async throws -> MigrationState {
        MigrationState(known: PostgresMigrations.names, applied: try await PostgresMigrations.applied(self))
    }
}
