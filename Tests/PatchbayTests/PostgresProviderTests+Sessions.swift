import Foundation
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// The database sessions the Postgres plugin keeps between one connection's calls: reused by
/// that connection only, dropped when its credentials or checked address change, closed when idle.
extension PostgresProviderTests {
    /// The server process behind the session that ran the call.
    func backendPID(on connection: String? = nil) async throws -> Int64 {
        let reply = try await invoke("run_query", ["sql": "SELECT pg_backend_pid() AS pid"], on: connection)
        XCTAssertEqual(reply.status, 200, reply.body)
        return try XCTUnwrap(rows(reply.json["output"] ?? .null).first?["pid"]?.intValue.map(Int64.init))
    }

    /// Whether the server still has a session for `pid`, asked over psql's own socket.
    func serverHasSession(_ pid: Int64) throws -> Bool {
        try server.psql(database, "SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)") == "1"
    }

    /// Waits until the server has ended the session `pid` (a close reaches it a moment later).
    func expectClosed(_ pid: Int64, _ why: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (server, database) = (self.server!, self.database!)
        try await eventually(why, file: file, line: line) {
            (try? server.psql(database, "SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)")) == "0"
        }
    }

    /// Waits until the server has exactly `count` sessions on the test's database besides psql's own.
    func expectSessions(_ count: Int, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (server, database) = (self.server!, self.database!)
        try await eventually("\(count) sessions on the database", file: file, line: line) {
            let sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            return (try? server.psql(database, sql)) == String(count)
        }
    }

    func testCallsOnOneConnectionReuseOneServerSession() async throws {
        let first = try await backendPID()
        let selected = try await output("select_rows", ["table": "customers", "limit": 1])
        XCTAssertEqual(selected["count"], 1)
        let second = try await backendPID()
        XCTAssertEqual(first, second, "the second call ran on the session the first one opened")
        try await expectSessions(1)

        // A failed statement is rolled back and the session kept: the next call works on it.
        let failed = try await invoke("run_query", ["sql": "SELECT 1 / 0"])
        XCTAssertEqual(failed.errorCode, "division_by_zero", failed.body)
        let afterFailure = try await backendPID()
        XCTAssertEqual(afterFailure, first)
        let selectedAgain = try await output("select_rows", ["table": "customers", "limit": 1])
        XCTAssertEqual(selectedAgain["count"], 1)
    }

    func testWhatAnAgentsSQLChangesInTheSessionDoesNotReachTheNextCall() async throws {
        let changed = try await invoke("run_query", [
            "sql": "SELECT set_config('search_path', 'pg_catalog', false) AS path, set_config('statement_timeout', '0', false) AS timeout",
        ])
        XCTAssertEqual(changed.status, 200, changed.body)
        let pid = try await backendPID()
        let reply = try await invoke("run_query", ["sql": "SELECT current_setting('search_path') AS path, current_setting('statement_timeout') AS timeout"])
        let settings = rows(reply.json["output"] ?? .null).first
        XCTAssertEqual(settings?["path"], "\"$user\", public", reply.body)
        XCTAssertEqual(settings?["timeout"], "5s", "the connection's statement timeout is back: \(reply.body)")
        let after = try await backendPID()
        XCTAssertEqual(after, pid, "the session was reset and kept, not replaced")
    }

    func testAnotherConnectionWithTheSameStringGetsItsOwnSession() async throws {
        let other = try await connect()
        let mine = try await backendPID()
        let theirs = try await backendPID(on: other)
        XCTAssertNotEqual(mine, theirs)
        let mineAgain = try await backendPID()
        let theirsAgain = try await backendPID(on: other)
        XCTAssertEqual(mineAgain, mine)
        XCTAssertEqual(theirsAgain, theirs)
        try await expectSessions(2)
    }

    func testChangingTheCredentialsClosesTheKeptSession() async throws {
        let before = try await backendPID()
        let patched = try await request("PATCH", "/v1/connections/\(connection!)", [
            "credentials": ["connection_string": .string(server.connectionString(database: database, sslMode: "require"))],
        ])
        XCTAssertEqual(patched.status, 200, patched.body)
        let after = try await backendPID()
        XCTAssertNotEqual(after, before, "the new credentials opened a new session")
        try await expectClosed(before, "the session of the old credentials to close")
        XCTAssertTrue(try serverHasSession(after))
        let again = try await backendPID()
        XCTAssertEqual(again, after)

        // A wrong password fails at once, whatever session the old string had.
        _ = try await request("PATCH", "/v1/connections/\(connection!)", [
            "credentials": ["connection_string": .string(server.connectionString(database: database, password: "not-the-password"))],
        ])
        let refused = try await invoke("list_tables", [:])
        XCTAssertEqual(refused.errorCode, "invalid_credentials", refused.body)
    }

    func testASessionIdleLongerThanTheTimeoutIsClosed() async throws {
        let brief = try await connect(config: ["pool_idle_timeout_ms": 300])
        let first = try await backendPID(on: brief)
        try await expectClosed(first, "the idle session to close")
        let second = try await backendPID(on: brief)
        XCTAssertNotEqual(second, first)

        let perCall = try await connect(config: ["pool_idle_timeout_ms": 0])
        let one = try await backendPID(on: perCall)
        let two = try await backendPID(on: perCall)
        XCTAssertNotEqual(one, two, "a timeout of 0 opens a session per call")

        for bad: JSONValue in [-1, "60000", 3_600_001] {
            let reply = try await request("POST", "/v1/connections", [
                "provider": "postgres", "config": ["pool_idle_timeout_ms": bad],
                "credentials": ["connection_string": .string(server.connectionString(database: database))],
            ])
            XCTAssertEqual(reply.status, 400, reply.body)
            XCTAssertEqual(reply.errorField, "config.pool_idle_timeout_ms", reply.body)
        }
    }

    func testCallsAtOnceOpenSessionsOfTheirOwnAndAtMostPoolMaxIdleAreKept() async throws {
        let small = try await connect(config: ["pool_max_idle": 1])
        let slow: JSONValue = ["sql": "SELECT pg_backend_pid() AS pid, pg_sleep(0.5)::text AS slept"]
        // The two calls run on locals, and their bodies are noted once both are back.
        let (calling, callKey, path) = (try XCTUnwrap(host), try XCTUnwrap(key), "/v1/connections/\(small)/actions/run_query/invoke")
        async let first = calling.request("POST", path, key: callKey, json: ["input": slow])
        async let second = calling.request("POST", path, key: callKey, json: ["input": slow])
        let replies = try await [first, second]
        bodies += replies.map(\.body)
        let pids = replies.compactMap { rows($0.json["output"] ?? .null).first?["pid"]?.intValue }
        XCTAssertEqual(Set(pids).count, 2, "two calls at once, two sessions: \(pids)")
        try await expectSessions(1)
        let next = try await backendPID(on: small)
        XCTAssertTrue(pids.contains(Int(next)), "the kept one serves the next call")

        let reply = try await request("POST", "/v1/connections", [
            "provider": "postgres", "config": ["pool_max_idle": 0],
            "credentials": ["connection_string": .string(server.connectionString(database: database))],
        ])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.errorField, "config.pool_max_idle", reply.body)
    }

    /// Called directly with the host's call payload: a kept session is never used for another
    /// checked address (the server listens on 127.0.0.1 only, so a reuse would have answered),
    /// nor without one.
    func testAKeptSessionIsNeverUsedForAnotherCheckedAddress() async throws {
        let plugin = try XCTUnwrap(host.patchbay.registry.plugin("postgres"))
        let string = server.connectionString(database: database, host: "db.patchbay.invalid")
        func call(_ address: String?) async -> PluginReply {
            let payload = PluginCall(action: "run_query", input: ["sql": "SELECT pg_backend_pid() AS pid"],
                                     credentials: ["connection_string": string],
                                     checkedAddresses: address.map { ["credentials.connection_string": $0] }, connectionID: "conn_direct")
            return await plugin.call(.invoke, payload, context: .offline, timeout: .seconds(10))
        }
        guard case .success(let first) = await call("127.0.0.1") else { return XCTFail("the checked address did not answer") }
        let pid = try XCTUnwrap(try WireCoding.decode(JSONValue.self, from: first)["rows"]?.arrayValue?.first?["pid"]?.intValue)
        XCTAssertTrue(try serverHasSession(Int64(pid)))

        guard case .failure(let elsewhere) = await call("127.0.0.2") else {
            return XCTFail("a session kept for 127.0.0.1 answered a call checked for 127.0.0.2")
        }
        XCTAssertEqual(elsewhere.code, "connection_failed", elsewhere.message)
        guard case .failure(let unchecked) = await call(nil) else { return XCTFail("a kept session answered a call with no checked address") }
        XCTAssertEqual(unchecked.code, "egress_refused", unchecked.message)
        try await expectClosed(Int64(pid), "the session kept under the first address to close")
    }
}
