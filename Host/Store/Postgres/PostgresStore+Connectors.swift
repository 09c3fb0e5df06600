public import PatchbayModel
import PatchbayWire
import PostgresNIO

extension PostgresStore {
    public func insertConnector(_ connector: ConnectorRecord) async throws {
        let definition = try Self.text(connector.definition)
        try await write("""
            INSERT INTO connectors (id, account_id, namespace, name, definition, created_at, updated_at)
            VALUES (\(connector.id), \(connector.accountID), \(connector.namespace), \(connector.name), \(definition),
                \(connector.createdAt), \(connector.updatedAt))
            """)
    }

    public func connector(accountID: String, namespace: String, name: String) async throws -> ConnectorRecord? {
        try await rows("SELECT * FROM connectors WHERE account_id = \(accountID) AND namespace = \(namespace) AND name = \(name)")
            .first.map(Self.connector)
    }

    public func connectors(accountID: String) async throws -> [ConnectorRecord] {
        // COLLATE "C" orders as SQLite does (by bytes), whatever the database's collation.
        try await rows("SELECT * FROM connectors WHERE account_id = \(accountID) ORDER BY namespace COLLATE \"C\", name COLLATE \"C\"")
            .map(Self.connector)
    }

    public func updateConnector(_ connector: ConnectorRecord) async throws -> Bool {
        let definition = try Self.text(connector.definition)
        return !(try await write("""
            UPDATE connectors SET definition = \(definition), updated_at = \(connector.updatedAt)
            WHERE account_id = \(connector.accountID) AND namespace = \(connector.namespace) AND name = \(connector.name)
            RETURNING id
            """).isEmpty)
    }

    public func deleteConnector(accountID: String, namespace: String, name: String) async throws -> Bool {
        !(try await write("""
            DELETE FROM connectors WHERE account_id = \(accountID) AND namespace = \(namespace) AND name = \(name) RETURNING id
            """).isEmpty)
    }

    private static func connector(_ row: PostgresRandomAccessRow) throws -> ConnectorRecord {
        ConnectorRecord(id: try row.value("id"), accountID: try row.value("account_id"), namespace: try row.value("namespace"),
                        name: try row.value("name"), definition: try decode(JSONValue.self, try row.value("definition")),
                        createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }
}
