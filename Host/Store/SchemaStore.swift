/// The schema as a readiness check sees it.
public protocol SchemaStore: Sendable {
    /// Reads the applied migrations from the database, so it also proves the database answers.
    func migrationState() async throws -> MigrationState
}
