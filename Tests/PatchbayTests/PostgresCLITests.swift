import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import XCTest

/// The real `patchbay` executable on the tests' PostgreSQL: `serve` and `keys create` share a
/// database through `--database-url` (or `PATCHBAY_DATABASE_URL`), a database that refuses the
/// login stops the host at once, and no password reaches a log line or an error.
final class PostgresCLITests: XCTestCase {
    var patchbay: String { BuildProducts.directory + "/patchbay" }
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "patchbay-cli-pg-" + UUID().uuidString
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + ".log")
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: patchbay)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    func get(_ url: String, key: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    func testServeAndKeysCreateShareThePostgresDatabase() async throws {
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let url = server.connectionString(database: database)
        let served = ServedHost(directory: directory)
        let base = try served.start(log: directory + ".log", arguments: ["--database-url", url])
        defer { served.kill() }

        // The key is made by another process, through the environment variable, while serve runs.
        let created = try run(["keys", "create", "--data-dir", directory, "--account", "pg", "--scopes", "integrations:read"],
                              environment: ["PATCHBAY_DATABASE_URL": url])
        XCTAssertEqual(created.status, 0, created.errors)
        let key = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(key.hasPrefix("pb_"), created.output)
        XCTAssertTrue(created.errors.contains("postgres://pb@127.0.0.1:\(server.port)/\(database)"), created.errors)

        let connections = try await get(base + "/v1/connections", key: key)
        XCTAssertEqual(connections.status, 200, connections.body)
        let ready = try await get(base + "/readyz")
        XCTAssertEqual(ready.status, 200, ready.body)

        let stored = try server.psql(database, "SELECT count(*) FROM api_keys")
        XCTAssertEqual(stored, "1", "the key is not in PostgreSQL")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/patchbay.sqlite"), "a SQLite database was made too")
        let log = try String(contentsOfFile: directory + ".log", encoding: .utf8)
        XCTAssertTrue(log.contains("store=postgres://pb@127.0.0.1:\(server.port)/\(database)"), log)
        XCTAssertFalse(log.contains(PostgresServer.password), "the log shows the database password")
        XCTAssertFalse(created.errors.contains(PostgresServer.password))
    }

    func testAWrongPasswordStopsServeAtOnceWithoutShowingIt() throws {
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let wrong = "Wr0ng-pass-" + UUID().uuidString.prefix(8)
        let url = server.connectionString(database: database, password: wrong) + "&connect_timeout=5"
        let started = ContinuousClock.now
        let result = try run(["serve", "--data-dir", directory, "--port", "0", "--database-url", url])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(30))
        let errors = result.errors
        XCTAssertTrue(errors.contains("127.0.0.1:\(server.port)/\(database)"), errors)
        XCTAssertTrue(errors.contains("password authentication failed"), errors)
        XCTAssertFalse(errors.contains(wrong), "the error shows the password: \(errors)")
        XCTAssertFalse(result.output.contains(wrong))
    }

    func testAURLThatDoesNotParseIsRefusedWithoutShowingIt() throws {
        for (url, reason) in [("postgres://pb:hunter2-secret@/patchbay", "names no host"),
                              ("postgres://pb:hunter2-secret@db/patchbay?pool_size=0", "pool_size"),
                              ("mysql://pb:hunter2-secret@db/patchbay", "not a postgres:// URL")] {
            let result = try run(["serve", "--data-dir", directory, "--port", "0"], environment: ["PATCHBAY_DATABASE_URL": url])
            XCTAssertNotEqual(result.status, 0, url)
            XCTAssertTrue(result.errors.contains("PATCHBAY_DATABASE_URL") && result.errors.contains(reason), result.errors)
            XCTAssertFalse(result.errors.contains("hunter2"), result.errors)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "the data dir was made for a URL that does not parse")
        }
    }

    /// A database migrated by a newer build: serve starts, and `/readyz` says why it is not ready.
    func testServeOnADatabaseWithNewerMigrationsIsNotReady() async throws {
        let server = try PostgresServer.shared()
        let database = try server.makeEmptyDatabase()
        let url = server.connectionString(database: database)
        let first = try run(["keys", "create", "--data-dir", directory, "--account", "pg", "--database-url", url])
        XCTAssertEqual(first.status, 0, first.errors)
        try server.psql(database, "INSERT INTO schema_migrations (name, applied_at) VALUES ('v99_from_the_future', 1)")

        let served = ServedHost(directory: directory)
        let base = try served.start(log: directory + ".log", arguments: ["--database-url", url])
        defer { served.kill() }
        let ready = try await get(base + "/readyz")
        XCTAssertEqual(ready.status, 503, ready.body)
        XCTAssertTrue(ready.body.contains("v99_from_the_future"), ready.body)
    }
}
