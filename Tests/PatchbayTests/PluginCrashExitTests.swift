import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import PatchbayWire
import XCTest

/// A plugin loaded into the host process that crashes ends the host at once, with one line
/// naming the plugin and a distinct status, so a supervisor restarts it quickly; nobody waits
/// on a hanging host while a backtrace prints.
final class PluginCrashExitTests: XCTestCase {
    var patchbay: String { BuildProducts.directory + "/patchbay" }
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "patchbay-crash-exit-" + UUID().uuidString
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory!)
    }

    func testAnInProcessPluginCrashEndsTheHostAtOnceWithOneLineNamingIt() async throws {
        let keys = Process()
        keys.executableURL = URL(fileURLWithPath: patchbay)
        keys.arguments = ["keys", "create", "--data-dir", directory!, "--account", "crash"]
        let keyOutput = Pipe()
        keys.standardOutput = keyOutput
        try keys.run()
        let apiKey = String(decoding: keyOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        keys.waitUntilExit()
        XCTAssertEqual(keys.terminationStatus, 0)

        let plugin = try BuildProducts.plugin("BrokenPluginCrashes")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: patchbay)
        server.arguments = ["serve", "--data-dir", directory!, "--port", "0", "--plugins-dir", directory!, "--plugin", plugin]
        let logs = Pipe()
        server.standardError = logs
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let collected = LogCollector(logs.fileHandleForReading)
        let served = await collected.servingURL()
        let base = try XCTUnwrap(served, "serve did not report its URL: \(collected.text)")

        func call(_ path: String, _ body: JSONValue) async throws -> (Int, JSONValue) {
            var request = HTTPClientRequest(url: base + path)
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
            request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(body)))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
            let data = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), (try? WireCoding.decode(JSONValue.self, from: Data(buffer: data))) ?? .null)
        }
        let (created, connection) = try await call("/v1/connections", ["provider": "broken-crashes"])
        XCTAssertEqual(created, 201, "\(connection)")
        let id = try XCTUnwrap(connection["id"]?.stringValue)
        let (pinged, _) = try await call("/v1/connections/\(id)/actions/ping/invoke", ["input": [:]])
        XCTAssertEqual(pinged, 200)

        let crashedAt = Date()
        _ = try? await call("/v1/connections/\(id)/actions/crash/invoke", ["input": [:]])
        while server.isRunning, Date().timeIntervalSince(crashedAt) < 10 { try await Task.sleep(for: .milliseconds(20)) }
        let elapsed = Date().timeIntervalSince(crashedAt)
        XCTAssertFalse(server.isRunning, "the host still runs \(elapsed) s after the crash")
        server.waitUntilExit()
        XCTAssertLessThan(elapsed, 3, "the host took \(elapsed) s to end")
        XCTAssertEqual(server.terminationReason, .exit)
        XCTAssertEqual(server.terminationStatus, 70)

        let text = collected.finish()
        let lines = text.split(separator: "\n").filter { $0.contains("crashed the host") }
        XCTAssertEqual(lines.count, 1, text)
        XCTAssertTrue(lines.first?.contains("plugin broken-crashes") == true, text)
        XCTAssertTrue(lines.first?.contains("SIGSEGV") == true, text)
        XCTAssertFalse(text.contains("Program crashed"), "no backtrace: \(text)")
    }
}
