import Logging
import PatchbayClock
import PatchbayModel
import PostgresNIO

/// The PostgreSQL schema, as migrations applied in order and never edited once shipped: a
/// change is a new migration appended to `all`. Each area's tables are in a file of their own
/// (`PostgresMigrations+Webhooks.swift`, …); SQLite's history of rebuilt tables does not
/// repeat here, since this schema starts from SQLite's current shape.
///
/// Upgrading replicas one at a time means a migration must leave the schema usable by the
/// previous release: add tables, columns with defaults and indexes; drop or rename only in a
/// later release, once no replica reads the old shape.
enum PostgresMigrations {
    struct Migration {
        let name: String
        /// One statement each: the extended protocol runs one statement per query.
        let statements: [String]
    }

    static let all: [Migration] = [core, webhooks, credentials, agents, hostInstances, mcpSessions, connectors, rateBudgets,
                                    idempotencyKeys, audit, apiRequestCounts, mcpServers, inboxFunction,
                                    mcpServersAuthorization, apiKeyRateLimit, webhookEventTrace, inboxNotify, inboxCommit,
                                    webhookRoutes]

    static var names: [String] { all.map(\.name) }

    /// Any advisory lock key works as long as nothing else in the database uses it: the bytes
    /// of "patchbay" read as an integer.
    static let lockKey: Int64 = 0x7061_7463_6862_6179

    /// Applies what the database lacks, in one transaction under an advisory lock, so replicas
    /// that start together take turns and each finds the schema complete.
    static func migrate(_ store: PostgresStore) async throws {
        try await store.transaction { connection in
            try await connection.rows("SELECT pg_advisory_xact_lock(\(lockKey))", logger: store.logger)
            try await connection.rows(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)",
                logger: store.logger)
            let applied = Set(try await connection.rows("SELECT name FROM schema_migrations", logger: store.logger)
                .map { try $0.value("name", as: String.self) })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.rows(PostgresQuery(unsafeSQL: statement), logger: store.logger)
                }
                try await connection.rows(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), \(store.clock.wallMillis))",
                    logger: store.logger)
                store.logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
            }
        }
    }

    static func applied(_ store: PostgresStore) async throws -> Set<String> {
        Set(try await store.rows("SELECT name FROM schema_migrations").map { try $0.value("name", as: String.self) })
    }
}
