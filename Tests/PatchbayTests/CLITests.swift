import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayWire
import XCTest

/// The real `patchbay` executable: `plugins` lists refusals, and `keys create` works against
/// the same data directory while `serve` is running.
final class CLITests: XCTestCase {
    var patchbay: String { BuildProducts.directory + "/patchbay" }

    /// Runs the CLI; the output is stdout, plus stderr when `withErrors`. `environment` adds to
    /// the test's own. A command still running after a minute is stopped: a `serve` that should
    /// have refused its flags fails the test instead of hanging it.
    func run(_ arguments: [String], withErrors: Bool = false,
             environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: patchbay)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = withErrors ? pipe : FileHandle.nullDevice
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { [process] in
            if process.isRunning { process.terminate() }
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testPluginsListsEnabledAndDisabledWithReasonsAndFailsOnADisabledOne() throws {
        let broken = try BuildProducts.plugin("BrokenPluginWrongMajor")
        let (status, output) = try run(["plugins", "--plugin", broken], withErrors: true)
        XCTAssertEqual(status, 1, "a disabled plugin fails the command, for CI")
        XCTAssertTrue(output.contains("enabled   slack 1.0.0"), output)
        XCTAssertTrue(output.contains("disabled  libBrokenPluginWrongMajor.so: ABI major mismatch"), output)
        XCTAssertTrue(output.contains("Error: 1 of "), output)
        XCTAssertTrue(output.contains(" plugins disabled (--allow-disabled to exit 0 anyway)"), output)

        let (json, listed) = try run(["plugins", "--json", "--plugin", broken])
        XCTAssertEqual(json, 1)
        XCTAssertNoThrow(try WireCoding.decode(JSONValue.self, from: Data(listed.utf8)), "stdout stays plain JSON")

        let (allowed, _) = try run(["plugins", "--allow-disabled", "--plugin", broken])
        XCTAssertEqual(allowed, 0)
        let (shipped, all) = try run(["plugins"])
        XCTAssertEqual(shipped, 0, all)
    }

    func testPluginTestExitsNonZeroOnAFailureAndPrintsJSON() throws {
        let (passed, report) = try run(["plugin", "test", try BuildProducts.plugin("PatchbaySlack")])
        XCTAssertEqual(passed, 0, report)
        XCTAssertTrue(report.contains("Conformance of slack 1.0.0"), report)

        let (failed, json) = try run(["plugin", "test", "--json", try BuildProducts.plugin("BrokenPluginBadManifest")])
        XCTAssertEqual(failed, 1, json)
        let parsed = try WireCoding.decode(JSONValue.self, from: Data(json.utf8))
        XCTAssertEqual(parsed["passed"], false)
        XCTAssertTrue(parsed["checks"]?.arrayValue?.first?["notes"]?.arrayValue?.first?.stringValue?.contains("repeats the action") == true, json)

        let (missing, _) = try run(["plugin", "test", "/nonexistent/libNothing.so"])
        XCTAssertNotEqual(missing, 0)
    }

    func testPluginNewWritesAPackageAndRefusesBadNamesAndExistingDirectories() throws {
        let directory = NSTemporaryDirectory() + "patchbay-scaffold-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/acme-notes"
        let (status, output) = try run(["plugin", "new", "acme-notes", "--output", target, "--patchbay", "../patchbay"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("libPatchbayAcmeNotes.so"), output)
        let manifest = try String(contentsOfFile: target + "/Package.swift", encoding: .utf8)
        XCTAssertTrue(manifest.contains(#".library(name: "PatchbayAcmeNotes", type: .dynamic, targets: ["AcmeNotes"])"#), manifest)
        // Only the SDK package: the plugin never resolves the host's dependencies.
        XCTAssertTrue(manifest.contains(#".package(path: "../patchbay/SDK")"#), manifest)
        XCTAssertTrue(manifest.contains(#".product(name: "PatchbayTesting", package: "sdk")"#), manifest)
        let source = try String(contentsOfFile: target + "/Sources/AcmeNotes/AcmeNotes.swift", encoding: .utf8)
        XCTAssertTrue(source.contains(#"id: "acme_notes""#), source)
        XCTAssertTrue(source.contains("@_cdecl(\"pb_plugin_info\")"), source)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/Tests/AcmeNotesTests/ConformanceTests.swift"))

        let (again, refusal) = try run(["plugin", "new", "acme-notes", "--output", target, "--patchbay", "../patchbay"], withErrors: true)
        XCTAssertNotEqual(again, 0)
        XCTAssertTrue(refusal.contains("already exists"), refusal)
        for bad in ["9lives", "has space", "dots.in.name", ""] {
            let (code, message) = try run(["plugin", "new", bad, "--output", directory + "/x", "--patchbay", "../patchbay"], withErrors: true)
            XCTAssertNotEqual(code, 0, bad)
            XCTAssertTrue(message.contains("is not a plugin name"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/x"))
        let (viaURL, urlRefusal) = try run(["plugin", "new", "acme-notes", "--output", directory + "/y",
                                            "--patchbay", "https://github.com/example/patchbay.git"], withErrors: true)
        XCTAssertNotEqual(viaURL, 0)
        XCTAssertTrue(urlRefusal.contains("checkout's path"), urlRefusal)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/y"))
    }

    func testServeAndCreateAKeyWhileItRuns() async throws {
        let directory = NSTemporaryDirectory() + "patchbay-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: patchbay)
        server.arguments = ["serve", "--data-dir", directory, "--port", "0"]
        let logs = Pipe()
        server.standardError = logs
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        // The bound port is in the "patchbay is serving" log line.
        var url: String?
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while url == nil, Date() < deadline {
            let chunk = logs.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"url=http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                url = String(seen[range].dropFirst(4))
            }
        }
        let base = try XCTUnwrap(url, "serve did not report its URL: \(seen)")

        let (status, key) = try run(["keys", "create", "--data-dir", directory, "--account", "cli", "--scopes", "integrations:read"])
        XCTAssertEqual(status, 0)
        let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(trimmed.hasPrefix("pb_"))

        var request = HTTPClientRequest(url: base + "/v1/catalog")
        request.headers.add(name: "Authorization", value: "Bearer \(trimmed)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        XCTAssertEqual(response.status.code, 200)

        let (badStatus, _) = try run(["keys", "create", "--data-dir", directory, "--account", "cli", "--scopes", "root"])
        XCTAssertNotEqual(badStatus, 0, "an unknown scope is refused")

        // A key with its own budget is limited although the host sets no limit.
        let (limitedStatus, limitedKey) = try run(["keys", "create", "--data-dir", directory, "--account", "cli",
                                                   "--scopes", "integrations:read", "--rate-limit", "1"])
        XCTAssertEqual(limitedStatus, 0)
        var statuses: [UInt] = []
        for _ in 0..<2 {
            var limited = HTTPClientRequest(url: base + "/v1/catalog")
            limited.headers.add(name: "Authorization", value: "Bearer \(limitedKey.trimmingCharacters(in: .whitespacesAndNewlines))")
            statuses.append(try await HTTPClient.shared.execute(limited, timeout: .seconds(10)).status.code)
        }
        XCTAssertEqual(statuses, [200, 429])
        for bad in ["-1", "1000001", "many"] {
            let (status, message) = try run(["keys", "create", "--data-dir", directory, "--account", "cli", "--rate-limit", bad],
                                            withErrors: true)
            XCTAssertNotEqual(status, 0, bad)
            XCTAssertTrue(message.contains("rate"), message)
        }

        server.terminate()
        server.waitUntilExit()
        XCTAssertEqual(server.terminationReason, .exit, "SIGTERM is a graceful shutdown")
        // Its last step closes the database: the last connection to go folds the WAL into the file.
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/patchbay.sqlite-wal"), "the WAL outlived a graceful stop")
    }
}
