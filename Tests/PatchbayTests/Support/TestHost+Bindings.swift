import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// Connections with a discovered schema, for bindings: a fresh database on the test server,
/// or the fake Google spreadsheet.
extension TestHost {
    /// `sql`, when given, runs on the fresh database before it is connected.
    func connectPostgres(key: String, discover: Bool = true, sql: String? = nil) async throws -> String {
        let server = try PostgresServer.shared()
        let database = try server.makeDatabase()
        if let sql { _ = try server.psql(database, sql) }
        let reply = try await request("POST", "/v1/connections", key: key, json: [
            "provider": "postgres", "credentials": ["connection_string": .string(server.connectionString(database: database))],
        ])
        let id = try XCTUnwrap(reply.json["id"]?.stringValue, reply.body)
        if discover { try await discoverSchema(key: key, connection: id) }
        return id
    }

    func connectSheets(key: String) async throws -> String {
        let reply = try await request("POST", "/v1/connections", key: key, json: [
            "provider": "google_sheets", "credentials": ["access_token": .string(FakeGoogleSheets.sandboxToken)],
            "config": ["spreadsheet_id": .string(FakeGoogleSheets.spreadsheetID)],
        ])
        let id = try XCTUnwrap(reply.json["id"]?.stringValue, reply.body)
        try await discoverSchema(key: key, connection: id)
        return id
    }

    func bind(key: String, agent: String, _ body: JSONValue) async throws -> Reply {
        try await request("POST", "/v1/agents/\(agent)/bindings", key: key, json: body)
    }

    func autoMap(key: String, agent: String, connection: String, goal: String) async throws -> Reply {
        try await request("POST", "/v1/agents/\(agent)/bindings/auto-map", key: key,
                          json: ["connection_id": .string(connection), "goal": .string(goal)])
    }

    private func discoverSchema(key: String, connection: String) async throws {
        let discovered = try await request("POST", "/v1/connections/\(connection)/discover", key: key)
        XCTAssertEqual(discovered.status, 200, discovered.body)
    }
}
