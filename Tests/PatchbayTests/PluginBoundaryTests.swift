import Foundation
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// An isolated plugin sees only its call: its worker starts without the host's environment,
/// receives no secret an HTTP plugin does not need, and what it prints is redacted by the host.
final class PluginBoundaryTests: XCTestCase {
    var workerPath: String { BuildProducts.directory + "/patchbay-plugin-worker" }
    var scratch: String!

    override func setUp() {
        scratch = NSTemporaryDirectory() + "patchbay-boundary-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func testAWorkerStartsWithAnAllowListedEnvironment() throws {
        setenv("PATCHBAY_MASTER_KEY", "boundary-test-master-key", 1)
        setenv("PATCHBAY_BOUNDARY_PROBE", "set-in-the-host", 1)
        defer {
            unsetenv("PATCHBAY_MASTER_KEY")
            unsetenv("PATCHBAY_BOUNDARY_PROBE")
        }
        let registry = PluginRegistry(logger: CapturedLog().logger)
        let plugin = try BuildProducts.plugin("BrokenPluginCrashes")
        XCTAssertEqual(registry.load(path: plugin, isolation: .process(worker: workerPath)).state, .enabled)
        defer { registry.stopWorkers() }

        let worker = try XCTUnwrap(Self.children(of: getpid()).first { Self.commandLine($0).contains(plugin) },
                                   "the worker process is a child of this one")
        let environment = try XCTUnwrap(FileManager.default.contents(atPath: "/proc/\(worker)/environ"))
            .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertFalse(environment.contains { $0.hasPrefix("PATCHBAY_MASTER_KEY=") }, "\(environment)")
        XCTAssertFalse(environment.contains { $0.hasPrefix("PATCHBAY_BOUNDARY_PROBE=") }, "\(environment)")
        XCTAssertTrue(environment.contains { $0.hasPrefix("PATH=") }, "\(environment)")
        let names = Set(environment.map { String($0.prefix { $0 != "=" }) })
        XCTAssertTrue(names.allSatisfy { ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "LOG_LEVEL"].contains($0) || $0.hasPrefix("LC_") }, "\(names)")
    }

    func testASecretAWorkerPrintsIsRedactedBeforeTheHostLog() async throws {
        let log = CapturedLog()
        let registry = PluginRegistry(logger: log.logger)
        let plugin = try BuildProducts.plugin("BrokenPluginCrashes")
        XCTAssertEqual(registry.load(path: plugin, isolation: .process(worker: workerPath)).state, .enabled)
        defer { registry.stopWorkers() }
        let loaded = try XCTUnwrap(registry.plugin("broken-crashes"))

        // A plugin that gets raw credentials in its payload prints them all to stderr.
        let secret = "boundary-secret-\(UUID().uuidString)"
        let context = PluginCallContext(secrets: [secret]) { _ in .failure(PluginError(code: "offline", message: "offline")) }
        let reply = await loaded.call(.invoke, PluginCall(action: "ping", input: [:], credentials: ["password": secret]),
                                      context: context, timeout: .seconds(10))
        guard case .success = reply else { return XCTFail("\(reply)") }
        let deadline = Date().addingTimeInterval(5)
        while !log.text.contains("payload "), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        XCTAssertTrue(log.text.contains("payload "), "the worker's stderr reaches the host log: \(log.text)")
        XCTAssertTrue(log.text.contains(Redaction.mask), log.text)
        XCTAssertFalse(log.text.contains(secret), "the secret reached the host log: \(log.text)")
    }

    func testFramesToAndFromAWorkerCarryNoSecretForAnHTTPPluginCall() async throws {
        // The worker runs behind a script that records both directions of its frame stream.
        let toWorker = scratch + "/to-worker", fromWorker = scratch + "/from-worker", script = scratch + "/worker.sh"
        try """
            #!/bin/sh
            tee -a '\(toWorker)' | '\(workerPath)' "$@" | tee -a '\(fromWorker)'
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)

        let host = try await TestHost.start(plugins: [])
        do {
            let status = host.patchbay.registry.load(path: try BuildProducts.plugin("PatchbaySlack"), isolation: .process(worker: script))
            XCTAssertEqual(status.state, .enabled, status.reason ?? "")
            let key = try await host.key()
            let token = "xoxb-boundary-\(UUID().uuidString)"
            host.fakes.slack.addToken(token)
            let connection = try await host.connectSlack(key: key, token: token)
            let reply = try await host.request("POST", "/v1/connections/\(connection)/actions/auth_test/invoke", key: key,
                                               json: ["input": [:]])
            XCTAssertEqual(reply.status, 200, reply.body)

            for file in [toWorker, fromWorker] {
                let frames = try Self.frames(in: try XCTUnwrap(FileManager.default.contents(atPath: file)))
                XCTAssertFalse(frames.isEmpty, file)
                for frame in frames {
                    XCTAssertNil(frame["secrets"], "\(frame)")
                    let payload = (frame["payload"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
                    XCTAssertNil(payload.range(of: Data(token.utf8)), "a frame carries the token: \(String(decoding: payload, as: UTF8.self))")
                }
                XCTAssertTrue(frames.contains { $0["kind"] as? String == (file == toWorker ? "call" : "complete") }, "\(frames)")
            }
        } catch {
            host.patchbay.registry.stopWorkers()
            try await host.stop()
            throw error
        }
        host.patchbay.registry.stopWorkers()
        try await host.stop()
    }

    // MARK: Helpers

    /// The frames in a recorded stream: a 4-byte big-endian length, then JSON.
    static func frames(in data: Data) throws -> [[String: Any]] {
        var frames: [[String: Any]] = []
        var offset = data.startIndex
        while offset + 4 <= data.endIndex {
            let length = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let body = data[offset + 4..<min(offset + 4 + length, data.endIndex)]
            frames.append(try XCTUnwrap(JSONSerialization.jsonObject(with: body) as? [String: Any]))
            offset += 4 + length
        }
        return frames
    }

    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            // After "pid (comm)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent
        }
    }

    static func commandLine(_ pid: pid_t) -> String {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
