import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PatchbayClock
import PatchbayFakes
import PatchbayModel
@testable import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// No call stays `running` after its host is gone: the real `patchbay serve` killed with
/// SIGKILL mid-call and started again reports the call interrupted, outcome unknown, and does
/// not send it again; an instance on another machine is taken for gone once its heartbeat is
/// stale, and not before.
final class HostInstanceTests: XCTestCase {
    var directory: String!
    var fakes: FakeUpstreams!
    var served: ServedHost!

    override func setUp() async throws {
        directory = NSTemporaryDirectory() + "patchbay-instances-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        served = ServedHost(directory: directory)
        fakes = try await FakeUpstreams.start()
    }

    override func tearDown() async throws {
        served.kill()
        await fakes.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func serve(log: String) throws -> String {
        try served.start(log: log, arguments: ["--upstream", fakes.upstreamsSetting])
    }

    func call(_ base: String, _ method: HTTPMethod, _ path: String, key: String, json: JSONValue? = nil,
              timeout: TimeAmount = .seconds(10)) async throws -> JSONValue {
        try await ServedHost.call(base, method, path, key: key, json: json, timeout: timeout)
    }

    func testACallCutOffBySigkillIsInterruptedAfterTheRestartAndNotSentAgain() async throws {
        let first = try serve(log: directory + "/serve-1.log")
        let key = try served.adminKey(account: "crash")
        let connection = try await call(first, .POST, "/v1/connections", key: key,
                                        json: ["provider": "slack", "credentials": ["bot_token": .string(FakeSlack.sandboxToken)]])
        let connectionID = try XCTUnwrap(connection["id"]?.stringValue, "\(connection)")

        // Slack holds its answer; the host is killed while the call waits for it.
        let gate = fakes.slack.holdNext()
        defer { gate.release() }
        let inFlight = Task {
            try? await ServedHost.call(first, .POST, "/v1/connections/\(connectionID)/actions/post_message/invoke", key: key,
                                 json: ["input": ["channel": "#general", "text": "cut off"]], timeout: .seconds(60))
        }
        try await eventually("Slack to have the request") { gate.isHolding }
        // The execution is stored as running before the request goes out.
        let running = try await call(first, .GET, "/v1/executions?status=running", key: key)["data"]?.arrayValue ?? []
        let id = try XCTUnwrap(running.first?["id"]?.stringValue, "the call never showed up as running")
        XCTAssertTrue(fakes.slack.requests.contains { $0.path.hasSuffix("chat.postMessage") }, "the call reached the upstream")
        served.kill()
        inFlight.cancel()
        let sentBefore = fakes.slack.requests.filter { $0.path.hasSuffix("chat.postMessage") }.count

        let second = try serve(log: directory + "/serve-2.log")
        let execution = try await call(second, .GET, "/v1/executions/\(id)", key: key)
        XCTAssertEqual(execution["status"], "interrupted", "\(execution)")
        XCTAssertEqual(execution["error"]?["code"], "outcome_unknown")
        XCTAssertTrue(execution["error"]?["message"]?.stringValue?.contains("may or may not have acted") == true, "\(execution)")
        XCTAssertNotNil(execution["finished_at"]?.stringValue)
        let listed = try await call(second, .GET, "/v1/executions?status=interrupted", key: key)["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.compactMap { $0["id"]?.stringValue }, [id])
        let stillRunning = try await call(second, .GET, "/v1/executions?status=running", key: key)["data"]?.arrayValue ?? []
        XCTAssertTrue(stillRunning.isEmpty, "\(stillRunning)")

        // A call through the restarted host reaches Slack after anything its start-up would
        // have sent again; only that one is new.
        let later = try await call(second, .POST, "/v1/connections/\(connectionID)/actions/post_message/invoke", key: key,
                                   json: ["input": ["channel": "#general", "text": "after the restart"]])
        XCTAssertEqual(later["status"], "succeeded", "\(later)")
        XCTAssertEqual(fakes.slack.requests.filter { $0.path.hasSuffix("chat.postMessage") }.count, sentBefore + 1, "never sent again")
        XCTAssertEqual(fakes.slack.postedMessages.filter { $0.text == "cut off" }.count, 1)
        let log = try String(contentsOfFile: directory + "/serve-2.log", encoding: .utf8)
        XCTAssertTrue(log.contains("marked interrupted"), log)
    }

    /// Instances elsewhere (another machine) are judged by their heartbeat alone.
    func testAKilledHostNotYetReapedCountsAsGone() throws {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        XCTAssertEqual(posix_spawn(&pid, "/bin/true", nil, nil, argv, nil), 0)
        defer { var status: Int32 = 0; waitpid(pid, &status, 0) }
        // Not waited for yet: once it has exited it is a zombie, which kill(pid, 0) still finds.
        let deadline = Date().addingTimeInterval(10)
        func state() -> Character? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let end = stat.range(of: ") ", options: .backwards) else { return nil }
            return stat[end.upperBound...].first
        }
        while state() != "Z", Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(state(), "Z")
        XCTAssertEqual(kill(pid, 0), 0, "a zombie still answers kill(pid, 0)")
        XCTAssertFalse(HostInstance.isRunning(pid: Int(pid)))
        XCTAssertTrue(HostInstance.isRunning(pid: Int(getpid())))
    }

    func testAnInstanceElsewhereIsGoneOnlyOnceItsHeartbeatIsStale() async throws {
        let path = directory + "/patchbay.sqlite"
        let clock = ManualClock()
        let crashed = try SQLiteStore(path: path, clock: clock)
        try await crashed.insertAccount(Account(id: "acct_1", name: "one", createdAt: 1))
        try await crashed.insertConnection(ConnectionRecord(id: "conn_1", accountID: "acct_1", provider: "slack", label: "s", config: [:],
                                                            status: .active, sealedCredentials: nil, createdAt: 1, updatedAt: 1))
        try await crashed.insertExecution(ExecutionRecord(id: "exec_1", accountID: "acct_1", connectionID: "conn_1", provider: "slack",
                                                          action: "post_message", status: .running, startedAt: clock.wallMillis),
                                          durability: .onDisk)
        let now = clock.wallMillis
        var elsewhere = HostInstanceRecord(id: crashed.instanceID, machine: "another-machine", pid: Int(getpid()), startedAt: now,
                                           heartbeatAt: now - 5_000)
        try await crashed.saveHostInstance(elsewhere)

        var settings = HostSettings()
        settings.instanceTimeout = .seconds(30)
        let survivor = HostInstance(store: try SQLiteStore(path: path, clock: clock), settings: settings, clock: clock,
                                    logger: Logger(label: "test"))
        await survivor.start()
        let fresh = try await crashed.execution(id: "exec_1", accountID: "acct_1")
        XCTAssertEqual(fresh?.status, .running, "a heartbeat 5 s old is not stale")

        elsewhere.heartbeatAt = now - 31_000
        try await crashed.saveHostInstance(elsewhere)
        try await survivor.beat()
        let stale = try await crashed.execution(id: "exec_1", accountID: "acct_1")
        XCTAssertEqual(stale?.status, .interrupted)
        XCTAssertEqual(stale?.errorCode, ExecutionRecord.outcomeUnknown)
        let instances = try await crashed.hostInstances()
        XCTAssertEqual(instances.map(\.id), [survivor.id])
    }
}
