import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// The real `patchbay` executable with every log level on: an OAuth connection, a refresh and
/// a vault rotation while it serves, after which neither its logs nor its database file hold
/// a secret. And a wrong master key stops `serve` with a clear message.
final class CredentialsCLITests: XCTestCase {
    var patchbay: String { BuildProducts.directory + "/patchbay" }
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "patchbay-cli-creds-" + UUID().uuidString
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
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

    func testNoSecretInLogsOrDatabaseAfterOAuthRefreshAndRotation() async throws {
        let fakes = try await FakeUpstreams.start()
        defer { Task { await fakes.stop() } }
        let fake = fakes.oauth.slack
        fake.setAccessTokenLifetime(10)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: patchbay)
        server.arguments = ["serve", "--data-dir", directory, "--port", "0", "--plugin", try BuildProducts.plugin("PatchbaySlack"),
                            "--plugins-dir", directory, "--upstream", "slack=" + (fakes.baseURLs["slack"] ?? ""),
                            "--oauth-endpoint", "slack=http://127.0.0.1:\(fakes.port)/slack_oauth"]
        server.environment = ProcessInfo.processInfo.environment.merging(["LOG_LEVEL": "trace"]) { _, new in new }
        let logs = Pipe()
        server.standardError = logs
        server.standardOutput = FileHandle.nullDevice
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let collected = LogCollector(logs.fileHandleForReading)
        let served = await collected.servingURL()
        let base = try XCTUnwrap(served, "serve did not report its URL: \(collected.text)")

        let (status, key, _) = try run(["keys", "create", "--data-dir", directory, "--account", "cli"])
        XCTAssertEqual(status, 0)
        let apiKey = key.trimmingCharacters(in: .whitespacesAndNewlines)
        let clientSecret = "cli-client-secret-\(UUID().uuidString)"
        fake.registerApp(clientID: "cli-client", secret: clientSecret, redirectURI: base + "/oauth/callback")

        func call(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> (Int, JSONValue) {
            var request = HTTPClientRequest(url: base + path)
            request.method = .init(rawValue: method)
            request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
            if let body { request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(body))) }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let data = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), (try? WireCoding.decode(JSONValue.self, from: Data(buffer: data))) ?? .null)
        }
        let (saved, savedBody) = try await call("PUT", "/v1/oauth-apps/slack", ["client_id": "cli-client", "client_secret": .string(clientSecret),
                                                                        "redirect_uri": .string(base + "/oauth/callback")])
        XCTAssertEqual(saved, 200, "\(savedBody)")
        let (created, connection) = try await call("POST", "/v1/connections", ["provider": "slack"])
        XCTAssertEqual(created, 201)
        let id = try XCTUnwrap(connection["id"]?.stringValue)
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(connection["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)

        // The token expires within the refresh window: the call refreshes first.
        let (invoked, _) = try await call("POST", "/v1/connections/\(id)/actions/auth_test/invoke", ["input": [:]])
        XCTAssertEqual(invoked, 200)
        XCTAssertEqual(fake.refreshCount, 1)

        let rotated = try run(["vault", "rotate", "--data-dir", directory])
        XCTAssertEqual(rotated.status, 0, rotated.errors)
        XCTAssertTrue(rotated.output.contains("re-encrypted"), rotated.output)
        let (afterRotation, _) = try await call("POST", "/v1/connections/\(id)/actions/auth_test/invoke", ["input": [:]])
        XCTAssertEqual(afterRotation, 200)
        XCTAssertEqual(fake.refreshCount, 2, "the refreshed token also expired soon; the rotated refresh token still works")

        server.terminate()
        server.waitUntilExit()
        let logText = collected.finish()
        XCTAssertTrue(logText.contains("refreshed an access token"), "the logs are on at trace level")
        let secrets = fake.issuedTokens + [clientSecret, String(apiKey.split(separator: "_")[2])]
        XCTAssertGreaterThanOrEqual(fake.issuedTokens.count, 6)
        for secret in secrets {
            XCTAssertFalse(logText.contains(secret), "the logs hold a secret")
        }
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal"] {
            guard let bytes = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            for secret in secrets {
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(file) holds a secret in plaintext")
            }
        }
    }

    func testServeRefusesAWrongMasterKeyWithAClearMessage() throws {
        let first = try run(["keys", "create", "--data-dir", directory, "--account", "cli"])
        XCTAssertEqual(first.status, 0)
        // The vault is made with a key from the environment, so the data dir has no key file.
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let rotated = try run(["vault", "rotate", "--data-dir", directory], environment: ["PATCHBAY_MASTER_KEY": key])
        XCTAssertEqual(rotated.status, 0, rotated.errors)

        let wrong = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let refused = try run(["serve", "--data-dir", directory, "--port", "0"], environment: ["PATCHBAY_MASTER_KEY": wrong])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.errors.contains("the master key does not open this database"), refused.errors)

        let missing = try run(["serve", "--data-dir", directory, "--port", "0"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.errors.contains("no master key"), missing.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/master.key"))
    }

    func testVaultCommandsNameTheDataDirAndNeverCreateAVault() throws {
        for command in [["status"], ["rotate"], ["retire", "k000000000000"]] {
            let result = try run(["vault"] + command + ["--data-dir", directory])
            XCTAssertNotEqual(result.status, 0, "\(command): \(result.output)")
            XCTAssertTrue(result.output.contains("data dir \(directory!)"), "\(command): \(result.output) vs \(directory!)")
            XCTAssertTrue(result.errors.contains("no vault in \(directory!)"), "\(command): \(result.errors)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "\(command) created the data dir")
        }

        // A database without a key file (and no key in the environment) is no vault either.
        XCTAssertEqual(try run(["keys", "create", "--data-dir", directory, "--account", "cli"]).status, 0)
        let keyless = try run(["vault", "rotate", "--data-dir", directory])
        XCTAssertNotEqual(keyless.status, 0)
        XCTAssertTrue(keyless.errors.contains("master.key does not exist"), keyless.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/master.key"))
    }

    func testStatusShowsTheOldKeyUntilRetiredAndRetireRefusesAnUnknownID() throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: patchbay)
        server.arguments = ["serve", "--data-dir", directory, "--port", "0", "--plugins-dir", directory]
        server.standardError = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A first `serve` makes the vault (key file and canary); it is stopped once they exist.
        try server.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !(FileManager.default.fileExists(atPath: directory + "/master.key")
                                   && (try? run(["vault", "status", "--data-dir", directory]).output.contains("1 secret(s)")) == true) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        server.terminate()
        server.waitUntilExit()

        let status = try run(["vault", "status", "--data-dir", directory])
        XCTAssertEqual(status.status, 0, status.errors)
        let old = try XCTUnwrap(status.output.split(separator: "\n").first { $0.contains("[active]") }?.split(separator: " ").first)
        XCTAssertTrue(status.output.contains("vault_canary=1"), status.output)

        let unknown = try run(["vault", "retire", "k000000000000", "--data-dir", directory])
        XCTAssertNotEqual(unknown.status, 0, unknown.output)
        XCTAssertTrue(unknown.errors.contains("no key k000000000000"), unknown.errors)
        XCTAssertFalse(unknown.output.contains("retired k000000000000"), unknown.output)

        XCTAssertEqual(try run(["vault", "rotate", "--data-dir", directory]).status, 0)
        let rotated = try run(["vault", "status", "--data-dir", directory])
        XCTAssertTrue(rotated.output.contains("\(old)  0 secret(s)"), "the old key stays listed until retired: \(rotated.output)")

        let retired = try run(["vault", "retire", String(old), "--data-dir", directory])
        XCTAssertEqual(retired.status, 0, retired.errors)
        XCTAssertTrue(retired.output.contains("retired \(old)"), retired.output)
        let after = try run(["vault", "status", "--data-dir", directory])
        XCTAssertTrue(after.output.contains("\(old) [retired]"), after.output)
    }
}

/// Reads a process's log output as it comes.
/// Unchecked because `lock` guards `buffer`, which the compiler cannot see; `handle` is read only
/// by the reading thread.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    private let handle: FileHandle
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        self.handle = handle
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { buffer += String(decoding: chunk, as: UTF8.self) }
            }
            done.signal()
        }
    }

    var text: String { lock.withLock { buffer } }

    /// The URL from the "patchbay is serving" line, waiting for it up to 20 seconds.
    func servingURL() async -> String? {
        for _ in 0..<200 {
            // Other lines carry URLs too (`base_url=` of upstream overrides): match only the serving line's.
            if let line = text.split(separator: "\n").first(where: { $0.contains("patchbay is serving") }),
               let range = line.range(of: #" url=http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                return String(line[range].dropFirst(5))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Everything logged, once the process has closed its end.
    func finish() -> String {
        _ = done.wait(timeout: .now() + 10)
        return text
    }
}
