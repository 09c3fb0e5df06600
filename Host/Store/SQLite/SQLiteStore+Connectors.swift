import GRDB
public import PatchbayModel
import PatchbayWire

extension SQLiteStore {
    public func insertConnector(_ connector: ConnectorRecord) async throws {
        let definition = try Self.text(connector.definition)
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO connectors (id, account_id, namespace, name, definition, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [connector.id, connector.accountID, connector.namespace, connector.name, definition,
                                         connector.createdAt, connector.updatedAt])
        }
    }

    public func connector(accountID: String, namespace: String, name: String) async throws -> ConnectorRecord? {
        try lookup { db in
            try Self.first(db.cachedStatement(sql: "SELECT * FROM connectors WHERE account_id = ? AND namespace = ? AND name = ?"),
                           [accountID, namespace, name], Self.connector)
        }
    }

    public func connectors(accountID: String) async throws -> [ConnectorRecord] {
        try await read { db in
            try Self.all(db.cachedStatement(sql: "SELECT * FROM connectors WHERE account_id = ? ORDER BY namespace, name"),
                         [accountID], Self.connector)
        }
    }

    public func updateConnector(_ connector: ConnectorRecord) async throws -> Bool {
        let definition = try Self.text(connector.definition)
        return try await write { db in
            try db.cachedStatement(sql: """
                UPDATE connectors SET definition = ?, updated_at = ? WHERE account_id = ? AND namespace = ? AND name = ?
                """).execute(arguments: [definition, connector.updatedAt, connector.accountID, connector.namespace, connector.name])
            return db.changesCount > 0
        }
    }

    public func deleteConnector(accountID: String, namespace: String, name: String) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM connectors WHERE account_id = ? AND namespace = ? AND name = ?")
                .execute(arguments: [accountID, namespace, name])
            return db.changesCount > 0
        }
    }

    private static func connector(_ row: some StoredRow) throws -> ConnectorRecord {
        ConnectorRecord(id: row["id"], accountID: row["account_id"], namespace: row["namespace"], name: row["name"],
                        definition: try decode(JSONValue.self, row["definition"]),
                        createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
