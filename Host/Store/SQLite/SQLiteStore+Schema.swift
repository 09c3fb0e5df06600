import GRDB
import PatchbayClock

extension SQLiteStore {
    public func migrationState() async throws -> MigrationState {
        let migrator = SQLiteMigrations.migrator(clock: clock)
        // Through the pool, as a page read is, rather than the lookup connection: the answer
        // says whether reads that queue for a connection get one.
        let applied = try await read { db in try migrator.appliedIdentifiers(db) }
        return MigrationState(known: migrator.migrations, applied: applied)
    }
}
