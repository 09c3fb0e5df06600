import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// The real `patchbay-sandbox` and `patchbay` executables through the README's OAuth
/// walkthrough with the host on a port other than 8080, then the sandbox revoking the app so
/// the connection needs authorizing again and an agent pulls the host's event about it.
final class SandboxCLITests: XCTestCase {
    var sandbox: Process?
    var server: Process?
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "patchbay-sandbox-cli-" + UUID().uuidString
    }

    override func tearDown() {
        for process in [server, sandbox].compactMap({ $0 }) where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts the sandbox on a free port and returns its banner.
    func startSandbox(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/patchbay-sandbox")
        process.arguments = ["--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        sandbox = process
        var banner = ""
        while !banner.contains("Press Ctrl-C") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        return banner
    }

    /// The value of `export NAME=value` in the banner.
    func exported(_ name: String, in banner: String) throws -> String {
        let line = try XCTUnwrap(banner.split(separator: "\n").first { $0.contains("export \(name)=") }, banner)
        return String(line.split(separator: "=", maxSplits: 1)[1])
    }

    func call(_ method: HTTPMethod, _ url: String, key: String? = nil, _ body: JSONValue? = nil) async throws -> (Int, JSONValue) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(body))) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let data = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? WireCoding.decode(JSONValue.self, from: Data(buffer: data))) ?? .null)
    }

    func testTheOAuthWalkthroughOnAnotherPortAndARevokedAppRaisingNeedsReauth() async throws {
        let port = try PostgresServer.freePort()
        let host = "http://127.0.0.1:\(port)"
        let banner = try startSandbox(["--host-url", host, "--token-lifetime", "60"])
        XCTAssertTrue(banner.contains("redirect URI \(host)/oauth/callback"), banner)
        let sandboxBase = try XCTUnwrap(banner.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression).map { String(banner[$0]) })

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/patchbay")
        process.arguments = ["serve", "--data-dir", directory, "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PATCHBAY_UPSTREAMS": try exported("PATCHBAY_UPSTREAMS", in: banner),
            "PATCHBAY_OAUTH_ENDPOINTS": try exported("PATCHBAY_OAUTH_ENDPOINTS", in: banner),
        ]) { _, new in new }
        let logs = Pipe()
        process.standardError = logs
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        server = process
        let collected = LogCollector(logs.fileHandleForReading)
        let served = await collected.servingURL()
        XCTAssertEqual(served, host, collected.text)

        let keys = Process()
        keys.executableURL = process.executableURL
        keys.arguments = ["keys", "create", "--data-dir", directory, "--account", "acme",
                          "--scopes", "integrations:read,integrations:write,skills:write"]
        let out = Pipe()
        keys.standardOutput = out
        keys.standardError = FileHandle.nullDevice
        try keys.run()
        let key = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        keys.waitUntilExit()

        // The README's steps, with this host's address.
        let (saved, app) = try await call(.PUT, host + "/v1/oauth-apps/slack", key: key, [
            "client_id": .string(FakeOAuthServers.sandboxClientID), "client_secret": .string(FakeOAuthServers.sandboxClientSecret),
            "redirect_uri": .string(host + "/oauth/callback"),
        ])
        XCTAssertEqual(saved, 200, "\(app)")
        let (created, pending) = try await call(.POST, host + "/v1/connections", key: key, ["provider": "slack"])
        XCTAssertEqual(created, 201, "\(pending)")
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(pending["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let connection = try XCTUnwrap(done.json["id"]?.stringValue)

        let (_, agent) = try await call(.POST, host + "/v1/agents", key: key, ["name": "ops-bot"])
        let agentID = try XCTUnwrap(agent["id"]?.stringValue, "\(agent)")
        let (subscribed, subscription) = try await call(.POST, host + "/v1/webhooks/subscriptions", key: key, [
            "agent_id": .string(agentID), "provider": "slack", "events": ["patchbay.connection.*"],
        ])
        XCTAssertEqual(subscribed, 201, "\(subscription)")

        let (revoked, _) = try await call(.POST, sandboxBase + "/slack_oauth/_sandbox/revoke")
        XCTAssertEqual(revoked, 200)
        let (refused, error) = try await call(.POST, host + "/v1/connections/\(connection)/actions/auth_test/invoke", key: key,
                                              ["input": [:]])
        XCTAssertEqual(refused, 409, "\(error)")
        XCTAssertEqual(error["error"]?["code"], "needs_reauth")

        let (pulled, events) = try await call(.GET, host + "/v1/agents/\(agentID)/events?wait=10", key: key)
        XCTAssertEqual(pulled, 200)
        XCTAssertEqual(events["data"]?.arrayValue?.map { $0["type"] }, ["patchbay.connection.needs_reauth"], "\(events)")
        XCTAssertEqual(events["data"]?.arrayValue?.first?["connection_id"]?.stringValue, connection)
    }

    func testTheSandboxRefusesAHostURLThatIsNotABaseURL() throws {
        for bad in ["127.0.0.1:9090", "ftp://127.0.0.1:9090", "http://127.0.0.1:9090/oauth/callback"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BuildProducts.directory + "/patchbay-sandbox")
            process.arguments = ["--port", "0", "--host-url", bad]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 64, bad)
            XCTAssertTrue(message.hasPrefix("Error: --host-url must be the host's base URL"), message)
        }
    }
}
