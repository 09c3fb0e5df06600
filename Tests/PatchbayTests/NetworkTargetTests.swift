import Foundation
import PatchbayFakes
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// A connection's config and credentials cannot make the host reach loopback, private,
/// link-local or other special-purpose addresses: the fields that name a place to connect to
/// (the manifest's network targets) are checked when the connection is made or changed and
/// again on every call, and the Postgres provider connects only to the address the host checked.
final class NetworkTargetTests: XCTestCase {
    var host: TestHost?

    override func tearDown() async throws {
        try await host?.stop()
    }

    func start(_ plugin: String, allowEgress: [String] = [], reusing previous: TestHost? = nil) async throws -> (TestHost, String) {
        let started = try await TestHost.start(plugins: [plugin], reusing: previous, allowEgress: allowEgress, upstreamOverrides: false)
        host = started
        return (started, try await started.key())
    }

    func connectGitHub(_ host: TestHost, key: String, baseURL: String) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)], "config": ["base_url": .string(baseURL)],
        ])
    }

    func testAGitHubBaseURLToAnInwardAddressIsRefusedWhenTheConnectionIsMadeOrChanged() async throws {
        let (host, key) = try await start("PatchbayGitHub")
        let refused = [
            ("https://127.0.0.1/api/v3", "127.0.0.1 is loopback"),
            ("https://169.254.169.254/latest/meta-data", "169.254.169.254 is link-local"),
            ("https://10.1.2.3/api/v3", "10.1.2.3 is private"),
            ("https://[::1]:8443/api/v3", "::1 is loopback"),
            ("https://198.18.0.7/api/v3", "198.18.0.7 is benchmarking"),
            ("https://localhost:8443/api/v3", "localhost resolves to 127.0.0.1 (loopback)"),
        ]
        for (url, reason) in refused {
            let reply = try await connectGitHub(host, key: key, baseURL: url)
            XCTAssertEqual(reply.status, 400, "\(url): \(reply.body)")
            XCTAssertEqual(reply.errorCode, "validation_failed", url)
            XCTAssertEqual(reply.errorField, "config.base_url", url)
            XCTAssertTrue(reply.body.contains(reason), "\(url): \(reply.body)")
            XCTAssertTrue(reply.body.contains("--allow-egress"), "the message names the opt-in")
            XCTAssertFalse(reply.body.contains(FakeGitHub.sandboxToken))
        }
        // Also when the connection starts an OAuth flow instead of taking a token.
        try await host.configureOAuthApp("github", key: key, fake: host.fakes.oauth.github)
        let pending = try await host.request("POST", "/v1/connections", key: key,
                                             json: ["provider": "github", "config": ["base_url": "https://169.254.169.254/api"]])
        XCTAssertEqual(pending.status, 400, pending.body)
        XCTAssertEqual(pending.errorField, "config.base_url")

        let listed = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "nothing stored for a refused target")

        let made = try await connectGitHub(host, key: key, baseURL: "https://github.acme.invalid/api/v3")
        XCTAssertEqual(made.status, 201, "a name that does not resolve yet is checked on each call instead: \(made.body)")
        let id = try XCTUnwrap(made.json["id"]?.stringValue)
        let changed = try await host.request("PATCH", "/v1/connections/\(id)", key: key,
                                             json: ["config": ["base_url": "https://169.254.169.254/api"]])
        XCTAssertEqual(changed.status, 400, changed.body)
        XCTAssertEqual(changed.errorField, "config.base_url")
        let kept = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(kept.json["config"]?["base_url"], "https://github.acme.invalid/api/v3", kept.body)
    }

    /// A name that passed when the connection was made is resolved and checked again on each
    /// call: here the operator's opt-in is gone after a restart, and `localhost` resolves inward.
    func testAGitHubBaseURLIsCheckedAgainOnEveryCallBeforeTheTokenGoesAnywhere() async throws {
        let (allowed, key) = try await start("PatchbayGitHub", allowEgress: ["127.0.0.0/8"])
        let port = try XCTUnwrap(URL(string: try XCTUnwrap(allowed.fakes.baseURLs["github"]))?.port)
        let made = try await connectGitHub(allowed, key: key, baseURL: "https://localhost:\(port)/github/api")
        XCTAssertEqual(made.status, 201, made.body)
        let id = try XCTUnwrap(made.json["id"]?.stringValue)
        try await allowed.stopServer()

        let (host, _) = try await start("PatchbayGitHub", reusing: allowed)
        let before = host.fakes.github.requests.count
        let reply = try await host.request("POST", "/v1/connections/\(id)/actions/get_current_user/invoke", key: key,
                                           json: ["input": [:]])
        XCTAssertEqual(reply.status, 409, reply.body)
        XCTAssertEqual(reply.errorCode, "egress_refused", reply.body)
        XCTAssertEqual(reply.json["error"]?["retryable"], false)
        let message = reply.json["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("localhost resolves to 127.0.0.1 (loopback)"), message)
        XCTAssertFalse(reply.body.contains(FakeGitHub.sandboxToken))
        XCTAssertEqual(host.fakes.github.requests.count, before, "no request left the host")

        let executions = try await host.request("GET", "/v1/executions", key: key)
        let request = executions.json["data"]?.arrayValue?.first?["requests"]?.arrayValue?.first
        XCTAssertEqual(request?["error"], "egress_refused", executions.body)
        XCTAssertEqual(request?["status"], nil, "no HTTP exchange")
    }

    func testAPostgresConnectionStringToLoopbackNeedsTheOperatorsOptIn() async throws {
        let server = try PostgresServer.shared()
        let database = try server.makeDatabase()
        let (host, key) = try await start("PatchbayPostgres")
        for dsn in [server.connectionString(database: database), server.connectionString(database: database, host: "localhost"),
                    "postgres://pb:secret-password@169.254.169.254:5432/app"] {
            let reply = try await host.request("POST", "/v1/connections", key: key, json: [
                "provider": "postgres", "credentials": ["connection_string": .string(dsn)],
            ])
            XCTAssertEqual(reply.status, 400, reply.body)
            XCTAssertEqual(reply.errorField, "credentials.connection_string")
            XCTAssertFalse(reply.body.contains(PostgresServer.password) || reply.body.contains("secret-password"),
                           "the refusal names the host, never the string")
        }
        try await host.stop()
        self.host = nil

        let (allowed, allowedKey) = try await start("PatchbayPostgres", allowEgress: ["127.0.0.0/8"])
        let made = try await allowed.request("POST", "/v1/connections", key: allowedKey, json: [
            "provider": "postgres", "credentials": ["connection_string": .string(server.connectionString(database: database, host: "localhost"))],
        ])
        XCTAssertEqual(made.status, 201, made.body)
        let id = try XCTUnwrap(made.json["id"]?.stringValue)
        let check = try await allowed.request("POST", "/v1/connections/\(id)/test", key: allowedKey)
        XCTAssertEqual(check.json["success"], true, check.body)
        try await allowed.stopServer()

        // The opt-in is gone: the call is refused before the plugin sees the string.
        let (host2, _) = try await start("PatchbayPostgres", reusing: allowed)
        let reply = try await host2.request("POST", "/v1/connections/\(id)/actions/list_tables/invoke", key: allowedKey,
                                            json: ["input": [:]])
        XCTAssertEqual(reply.status, 409, reply.body)
        XCTAssertEqual(reply.errorCode, "egress_refused")
        XCTAssertEqual(reply.errorField, "credentials.connection_string")
        XCTAssertTrue(reply.body.contains("localhost resolves to 127.0.0.1 (loopback)"), reply.body)
        XCTAssertFalse(reply.body.contains(PostgresServer.password))
    }

    /// The provider connects to the address it is handed, never to a lookup of its own: a name
    /// nothing resolves works when the host checked an address for it, and without one the
    /// provider refuses to connect at all.
    func testThePostgresProviderConnectsOnlyToTheAddressTheHostChecked() async throws {
        let server = try PostgresServer.shared()
        let database = try server.makeDatabase()
        let (host, _) = try await start("PatchbayPostgres")
        let plugin = try XCTUnwrap(host.patchbay.registry.plugin("postgres"))
        let unresolvable = server.connectionString(database: database, host: "db.patchbay.invalid")

        let pinned = PluginCall(credentials: ["connection_string": unresolvable],
                                checkedAddresses: ["credentials.connection_string": "127.0.0.1"])
        guard case .success(let data) = await plugin.call(.check, pinned, context: .offline, timeout: .seconds(10)) else {
            return XCTFail("the check did not reach the checked address")
        }
        let result = try WireCoding.decode(CheckResult.self, from: data)
        XCTAssertTrue(result.ok, result.message)

        let unchecked = PluginCall(action: "list_tables", input: [:],
                                   credentials: ["connection_string": server.connectionString(database: database)])
        guard case .failure(let error) = await plugin.call(.invoke, unchecked, context: .offline, timeout: .seconds(10)) else {
            return XCTFail("the provider connected to an address the host did not check")
        }
        XCTAssertEqual(error.code, "egress_refused", error.message)
    }
}
