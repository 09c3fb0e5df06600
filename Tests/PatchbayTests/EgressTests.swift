import Foundation
import PatchbayEgress
import PatchbayFakes
import PatchbayWire
import XCTest

/// The host's HTTP to providers, against a real loopback server: credentials injected per
/// scheme, plugin-set auth stripped, allowed hosts enforced, secrets masked in records.
final class EgressTests: XCTestCase {
    var fakes: FakeUpstreams!
    var egress: Egress!

    override func setUp() async throws {
        fakes = try await FakeUpstreams.start()
        var settings = EgressSettings()
        settings.connectTimeout = .milliseconds(500)
        // The fakes, and the closed port some tests dial, are on loopback.
        try settings.addresses.allow("127.0.0.0/8")
        egress = Egress(settings: settings)
    }

    override func tearDown() async throws {
        try await egress.shutdown()
        await fakes.stop()
    }

    func target(_ auth: AuthScheme, credentials: [String: String], allowedHosts: [String] = []) -> EgressTarget {
        EgressTarget(baseURL: URL(string: fakes.baseURLs["slack"]!)!, allowedHosts: allowedHosts, auth: auth, credentials: credentials)
    }

    func lastRequest() throws -> RecordedRequest { try XCTUnwrap(fakes.slack.requests.last) }

    func testEachAuthSchemeIsInjectedByTheHost() async throws {
        _ = await egress.send(HTTPRequestMessage(method: "GET", path: "/auth.test"),
                              to: target(.bearer("token"), credentials: ["token": "xoxb-abc"]))
        XCTAssertEqual(try lastRequest().headers["authorization"], "Bearer xoxb-abc")

        _ = await egress.send(HTTPRequestMessage(method: "GET", path: "/auth.test"),
                              to: target(.header("X-Shopify-Access-Token", credential: "token"), credentials: ["token": "shpat_1"]))
        XCTAssertEqual(try lastRequest().headers["x-shopify-access-token"], "shpat_1")

        _ = await egress.send(HTTPRequestMessage(method: "GET", path: "/auth.test"),
                              to: target(AuthScheme(type: .basic, username: "user", password: "pass"),
                                         credentials: ["user": "alice", "pass": "s3cret"]))
        XCTAssertEqual(try lastRequest().headers["authorization"], "Basic " + Data("alice:s3cret".utf8).base64EncodedString())

        let records = Recorded()
        _ = await egress.send(HTTPRequestMessage(method: "GET", path: "/auth.test", query: ["q": "1"]),
                              to: target(AuthScheme(type: .query, credential: "key", param: "key"), credentials: ["key": "AIza-secret+/="]),
                              record: records.append)
        XCTAssertEqual(try lastRequest().query["key"], "AIza-secret+/=", "query credentials are encoded, '+' included")
        XCTAssertEqual(try lastRequest().query["q"], "1")
        XCTAssertEqual(records.all.count, 1)
        XCTAssertFalse(records.all[0].url.contains("AIza"), "recorded URLs mask the credential: \(records.all[0].url)")
    }

    func testAPluginCannotSetOrOverrideCredentials() async throws {
        _ = await egress.send(
            HTTPRequestMessage(method: "GET", path: "/auth.test",
                               headers: ["Authorization": "Bearer stolen", "X-Custom": "kept"]),
            to: target(.bearer("token"), credentials: ["token": "xoxb-real"]))
        XCTAssertEqual(try lastRequest().headers["authorization"], "Bearer xoxb-real")
        XCTAssertEqual(try lastRequest().headers["x-custom"], "kept")
    }

    func testHostsOutsideTheManifestAreRefusedBeforeAnyRequest() async throws {
        let before = fakes.slack.requests.count
        let refused = await egress.send(HTTPRequestMessage(method: "GET", path: "https://evil.example.com/steal"),
                                        to: target(.bearer("token"), credentials: ["token": "xoxb-real"], allowedHosts: ["slack.com"]))
        XCTAssertEqual(refused.error?.code, "host_not_allowed")
        XCTAssertEqual(fakes.slack.requests.count, before)

        // An absolute URL on the base URL's own host (a pagination link) is fine.
        let allowed = await egress.send(HTTPRequestMessage(method: "GET", path: fakes.baseURLs["slack"]! + "/auth.test"),
                                        to: target(.bearer("token"), credentials: ["token": FakeSlack.sandboxToken]))
        XCTAssertEqual(allowed.status, 200)
        XCTAssertNil(allowed.error)
    }

    func testBaseURLsResolveFromOverrideConfigAndTemplate() throws {
        var manifest = Manifest(id: "shop", name: "Shop", version: "1", category: "commerce", description: "d",
                                baseURL: "https://{shop}.myshopify.com/admin/api/{api_version}",
                                allowedHosts: ["*.myshopify.com"], auth: .header("X-Shopify-Access-Token", credential: "token"),
                                credentials: [CredentialField(name: "token", label: "Token", description: "")],
                                actions: [])
        let filled = try EgressTarget.resolve(manifest: manifest, config: ["shop": "acme", "api_version": "2024-10"],
                                              credentials: [:], hostOverride: nil)
        XCTAssertEqual(filled.baseURL.absoluteString, "https://acme.myshopify.com/admin/api/2024-10")
        XCTAssertTrue(filled.allows(host: "other.myshopify.com"))
        XCTAssertFalse(filled.allows(host: "myshopify.com.evil.com"))

        XCTAssertThrowsError(try EgressTarget.resolve(manifest: manifest, config: ["shop": "evil.com/x?", "api_version": "1"],
                                                      credentials: [:], hostOverride: nil))
        XCTAssertThrowsError(try EgressTarget.resolve(manifest: manifest, config: ["api_version": "1"], credentials: [:],
                                                      hostOverride: nil))

        manifest.baseURLConfigField = "base_url"
        let enterprise = try EgressTarget.resolve(manifest: manifest, config: ["base_url": "https://github.acme.internal/api/v3"],
                                                  credentials: [:], hostOverride: nil)
        XCTAssertEqual(enterprise.baseURL.host, "github.acme.internal")
        let overridden = try EgressTarget.resolve(manifest: manifest, config: [:], credentials: [:],
                                                  hostOverride: URL(string: "http://127.0.0.1:9/shop"))
        XCTAssertEqual(overridden.baseURL.absoluteString, "http://127.0.0.1:9/shop")
    }

    func testUnreachableUpstreamIsAConnectionFailureWithoutLeakingTheURL() async throws {
        let dead = EgressTarget(baseURL: URL(string: "http://127.0.0.1:1/api")!, allowedHosts: [],
                                auth: AuthScheme(type: .query, credential: "k", param: "k"), credentials: ["k": "very-secret-key"])
        let response = await egress.send(HTTPRequestMessage(method: "GET", path: "/x"), to: dead)
        XCTAssertEqual(response.error?.code, "connection_failed")
        XCTAssertEqual(response.error?.retryable, true)
        XCTAssertFalse(response.error?.message.contains("very-secret-key") ?? true)
    }
}

private final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [EgressExchange] = []

    @Sendable func append(_ exchange: EgressExchange) { lock.withLock { items.append(exchange) } }
    var all: [EgressExchange] { lock.withLock { items } }
}
