import Foundation
import GRDB
import PatchbayEgress
import PatchbayFakes
import PatchbayModel
@testable import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// A host whose data lives on a real, small file system that the test fills up: writes are
/// refused with 503 `storage_unavailable` and `Retry-After`, never a 500 and never a 2xx for
/// what was not stored; `/readyz` says why, while `/healthz` stays 200; writes resume by themselves once there is room;
/// and a call that went out before the disk filled still tells its caller what happened.
final class StorageFaultTests: XCTestCase {
    var disk: SmallFileSystem!
    var host: TestHost!
    var key: String!
    let log = CapturedLog()

    override func setUp() async throws {
        disk = try SmallFileSystem(megabytes: 8)
        var egress = TestHost.fastEgress
        egress.requestTimeout = .seconds(20)
        // The full disk is the SQLite file's; readiness watches its room, as `serve` does.
        host = try await TestHost.start(egress: egress, pluginTimeout: .seconds(30), dataDirectory: disk.path + "/data", log: log.logger,
                                        store: .sqlite, minimumFreeDisk: 1 << 20)
        key = try await host.key(scopes: [.integrationsRead, .integrationsWrite, .skillsWrite])
    }

    override func tearDown() async throws {
        disk?.free()
        try? await host?.stop()
        disk?.unmount()
    }

    func createAgent(_ name: String) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/agents", key: key,
                               json: ["name": .string(name), "description": .string(String(repeating: "d", count: 1500))])
    }

    func testAFullDiskAnswers503UntilThereIsRoomAgain() async throws {
        let first = try await createAgent("before")
        XCTAssertEqual(first.status, 201, first.body)

        disk.fill()
        var refusal: TestHost.Reply?
        for index in 0..<2000 {
            let reply = try await createAgent("agent-\(index)")
            if reply.status == 503 {
                refusal = reply
                break
            }
            XCTAssertEqual(reply.status, 201, "a write on a full disk must be stored or refused with 503: \(reply.body)")
        }
        let refused = try XCTUnwrap(refusal, "the full disk never refused a write")
        XCTAssertEqual(refused.errorCode, "storage_unavailable", refused.body)
        XCTAssertNotNil(refused.headers["retry-after"], "a 503 says when to try again")
        XCTAssertTrue(refused.json["error"]?["message"]?.stringValue?.contains("disk full") == true, refused.body)
        XCTAssertTrue(log.text.contains("storage unavailable"), log.text)
        XCTAssertTrue(log.text.contains("disk full"), "the log names the cause: \(log.text)")

        let failing = try await host.request("GET", "/readyz")
        XCTAssertEqual(failing.status, 503, failing.body)
        XCTAssertEqual(failing.json["status"], "not_ready")
        XCTAssertTrue(failing.json["checks"]?["disk"]?["detail"]?.stringValue?.hasPrefix("0 MB free") == true, failing.body)
        // The store's own check holds the last write's fault until a write succeeds: a small
        // background write can still fit in pages the database files hold, so on its own it
        // may pass again while the disk is full. The disk check does not depend on that.
        let failed = Set(failing.json["failing"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        XCTAssertEqual(failed.subtracting(["store"]), ["disk"], failing.body)
        if failed.contains("store") {
            XCTAssertTrue(failing.json["checks"]?["store"]?["detail"]?.stringValue?.contains("disk full") == true, failing.body)
        }
        let live = try await host.request("GET", "/healthz")
        XCTAssertEqual(live.status, 200, "a full disk does not make the process dead: \(live.body)")

        disk.free()
        let healthy = try await host.request("GET", "/readyz")
        XCTAssertEqual(healthy.status, 200, healthy.body)
        let after = try await createAgent("after")
        XCTAssertEqual(after.status, 201, after.body)
    }

    /// The upstream acted, then the disk filled before the outcome was written: the caller gets
    /// the outcome with the execution id and `record_incomplete`, not a bare 500 that invites
    /// a second, duplicate call.
    func testAnOutcomeThatCannotBeRecordedStillReachesTheCaller() async throws {
        let (id, answer) = try await callWhileTheDiskFills()
        XCTAssertEqual(answer.status, 200, answer.body)
        XCTAssertEqual(answer.json["id"]?.stringValue, id)
        XCTAssertEqual(answer.json["status"], "succeeded")
        XCTAssertEqual(answer.json["output"]?["channel"], "C0GENERAL")
        XCTAssertEqual(answer.json["record_incomplete"], true, answer.body)
        XCTAssertNotNil(answer.json["warning"]?.stringValue)
        XCTAssertEqual(host.fakes.slack.postedMessages.filter { $0.text == "sent once" }.count, 1)
        let unrecorded = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(unrecorded.json["status"], "running", "the store did not take the outcome")
        XCTAssertTrue(log.text.contains("could not record an execution's outcome"), log.text)
        XCTAssertTrue(log.text.contains("execution_id=\(id)"), log.text)

        // Once there is room, the next heartbeat writes the outcome the store refused.
        disk.free()
        try await host.patchbay.instance.beat()
        let recorded = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(recorded.json["status"], "succeeded", recorded.body)
        XCTAssertEqual(recorded.json["output"]?["channel"], "C0GENERAL")
    }

    /// A refusal by the provider keeps its own status and code, with the same flag.
    func testAFailureThatCannotBeRecordedKeepsItsStatusAndSaysSo() async throws {
        host.fakes.slack.failNext(1, error: "channel_not_found")
        let (id, answer) = try await callWhileTheDiskFills()
        XCTAssertEqual(answer.status, 422, answer.body)
        XCTAssertEqual(answer.errorCode, "channel_not_found")
        XCTAssertEqual(answer.json["error"]?["execution_id"]?.stringValue, id)
        XCTAssertEqual(answer.json["error"]?["record_incomplete"], true, answer.body)
        XCTAssertNotNil(answer.json["error"]?["warning"]?.stringValue)
    }

    /// Posts a Slack message whose answer Slack holds back; once Slack has the request, fills
    /// the file system and then the database's log, so that recording the outcome has nowhere
    /// to go, and only then lets Slack answer. Returns the execution id and the caller's reply.
    private func callWhileTheDiskFills() async throws -> (String, TestHost.Reply) {
        let connection = try await host.connectSlack(key: key)
        let gate = host.fakes.slack.holdNext()
        defer { gate.release() }
        let key = self.key!
        let host = self.host!
        let call = Task {
            try await host.request("POST", "/v1/connections/\(connection)/actions/post_message/invoke", key: key,
                                   json: ["input": ["channel": "#general", "text": "sent once"]])
        }
        try await eventually("Slack to have the request") { gate.isHolding }
        // The execution is stored as running before the request goes out.
        let running = try await host.request("GET", "/v1/executions?status=running", key: key).json["data"]?.arrayValue ?? []
        let id = try XCTUnwrap(running.first?["id"]?.stringValue, "the call is not listed as running")
        let ballast = try DatabaseQueue(path: host.dataDirectory + "/patchbay.sqlite", configuration: busyWaiting)
        try await ballast.write { db in try db.execute(sql: "CREATE TABLE IF NOT EXISTS test_ballast (b BLOB)") }
        disk.fill()
        try fillDatabaseLog(ballast)
        gate.release()
        return (id, try await call.value)
    }

    private var busyWaiting: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// Writes blobs through a connection of the test's own until SQLite reports the disk full,
    /// then ever smaller ones, so that not even one more page fits: the host's next write fails
    /// however small it is.
    private func fillDatabaseLog(_ queue: DatabaseQueue) throws {
        for size in [65536, 4096, 1] {
            var full = false
            for _ in 0..<10_000 where !full {
                do {
                    try queue.write { db in try db.execute(sql: "INSERT INTO test_ballast VALUES (zeroblob(\(size)))") }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR {
                    full = true
                }
            }
            guard full else { return XCTFail("the database log never filled up") }
        }
    }

    /// SQLite reports a file system that became read-only, or one out of space while a file
    /// grows, as a plain I/O error; the cause is read from the file system itself.
    func testStorageFaultsAreNamedByTheirCause() throws {
        let path = disk.path + "/data/patchbay.sqlite"
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_FULL), path: path)?.cause, .diskFull)
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_READONLY), path: path)?.cause, .readOnly)
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_IOERR), path: path)?.cause, .ioError)
        XCTAssertNil(StorageFault(DatabaseError(resultCode: .SQLITE_CONSTRAINT), path: path))

        disk.fill()
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_IOERR), path: path)?.cause, .diskFull)
        disk.free()
        let readOnly = try SmallFileSystem(megabytes: 1)
        defer { readOnly.unmount() }
        try readOnly.remount(readOnly: true)
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_IOERR), path: readOnly.path + "/patchbay.sqlite")?.cause, .readOnly)
        XCTAssertEqual(StorageFault(DatabaseError(resultCode: .SQLITE_CANTOPEN), path: readOnly.path + "/patchbay.sqlite")?.cause, .readOnly)
    }
}
