import Foundation
import PatchbayClock
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

// Unchecked because `lock` guards `items`, which the compiler cannot see.
private final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [EgressExchange] = []

    @Sendable func append(_ exchange: EgressExchange) { lock.withLock { items.append(exchange) } }
    var all: [EgressExchange] { lock.withLock { items } }
}

/// What the host does by itself when an upstream is throttling, slow or gone: retry only where
/// no side effect can repeat, and never hold a connection past the request's deadline or its call.
/// Backoff, `Retry-After` and the deadline run on a clock the tests move.
final class EgressRetryAndDeadlineTests: XCTestCase {
    var upstream: ScriptedUpstream!
    var clock: ManualClock!
    var egress: Egress!

    override func setUp() async throws {
        upstream = try ScriptedUpstream(fallback: .reply(status: 200, body: #"{"ok":true}"#))
        var settings = EgressSettings()
        settings.connectTimeout = .milliseconds(500)
        settings.requestTimeout = .seconds(30)
        // The scripted upstream is on loopback.
        try settings.addresses.allow("127.0.0.0/8")
        clock = ManualClock()
        egress = Egress(settings: settings, clock: clock)
    }

    override func tearDown() async throws {
        try await egress.shutdown()
        upstream.stop()
    }

    private func send(_ method: String) async -> HTTPResponseMessage {
        let target = EgressTarget(baseURL: URL(string: upstream.baseURL + "/api")!, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:])
        return await egress.send(HTTPRequestMessage(method: method, path: "/things", body: method == "GET" ? nil : "{}"), to: target)
    }

    /// Sends in a task of its own, and returns once `reached` holds of the attempts the call
    /// finished and the call is asleep on the clock: in a backoff when the attempts are done, on
    /// an attempt's deadline while one is in flight.
    private func sendUntilAsleep(_ method: String, reached: @escaping @Sendable ([EgressExchange]) -> Bool) async throws
        -> Task<HTTPResponseMessage, Never>
    {
        let attempts = Recorded()
        let target = EgressTarget(baseURL: URL(string: upstream.baseURL + "/api")!, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:])
        let call = Task { [egress] in
            await egress!.send(HTTPRequestMessage(method: method, path: "/things", body: method == "GET" ? nil : "{}"), to: target,
                               record: attempts.append)
        }
        let done = try await upstream.wait(for: .seconds(5)) { reached(attempts.all) }
        XCTAssertTrue(done)
        try await clock.sleepers(atLeast: 1)
        return call
    }

    func testAPostAnswered503WithoutRetryAfterIsSentExactlyOnce() async throws {
        upstream.enqueue(.reply(status: 503, body: "{}"))
        let response = await send("POST")
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(upstream.requests.map(\.method), ["POST"], "a POST the upstream may have acted on was sent again")
    }

    func testIdempotentRequestsAnswered503AreRetriedAfterTheBackoff() async throws {
        for method in ["GET", "PUT", "DELETE"] {
            upstream.enqueue(.reply(status: 503, body: "{}"))
            let before = upstream.requests.count
            let call = try await sendUntilAsleep(method) { $0.count == 1 }
            // Without Retry-After, the first retry waits 500 ms.
            clock.advance(by: .milliseconds(499))
            XCTAssertEqual(clock.sleeperCount, 1, "\(method) retried before its backoff")
            clock.advance(by: .milliseconds(1))
            let response = await call.value
            XCTAssertEqual(response.status, 200, method)
            XCTAssertEqual(upstream.requests.count - before, 2, method)
        }
    }

    func testRetryAfterIsWaitedOutBeforeTheRetry() async throws {
        upstream.enqueue(.reply(status: 429, headers: ["Retry-After": "3"], body: "{}"))
        let call = try await sendUntilAsleep("GET") { $0.count == 1 }
        clock.advance(by: .milliseconds(2_999))
        XCTAssertEqual(clock.sleeperCount, 1, "retried before Retry-After ran out")
        XCTAssertEqual(upstream.requests.count, 1)
        clock.advance(by: .milliseconds(1))
        let response = await call.value
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(upstream.requests.count, 2)
    }

    func testARetryAfterLongerThanTheHostWaitsGoesBackToTheCaller() async throws {
        upstream.enqueue(.reply(status: 429, headers: ["Retry-After": "11"], body: "{}"))
        let response = await send("GET")
        XCTAssertEqual(response.status, 429, "the host waits out at most 10 s itself")
        XCTAssertEqual(upstream.requests.count, 1)
    }

    func testAPostIsRetriedWhenTheAnswerSaysItWasNotProcessed() async throws {
        upstream.enqueue(.reply(status: 429, headers: ["Retry-After": "0"], body: "{}"))
        let throttled = await send("POST")
        XCTAssertEqual(throttled.status, 200)
        XCTAssertEqual(upstream.requests.count, 2, "a 429 means the request was not processed")

        upstream.enqueue(.reply(status: 503, headers: ["Retry-After": "0"], body: "{}"))
        let unavailable = await send("POST")
        XCTAssertEqual(unavailable.status, 200)
        XCTAssertEqual(upstream.requests.count, 4, "a 503 with Retry-After means the request was not processed")
    }

    func testTheDeadlineCoversABodyThatNeverFinishes() async throws {
        upstream.enqueue(.stallMidBody)
        let upstream = try XCTUnwrap(upstream)
        let call = try await sendUntilAsleep("GET") { _ in upstream.requests.count == 1 }
        clock.advance(by: .milliseconds(29_999))
        XCTAssertEqual(clock.sleeperCount, 1, "the attempt ended before its deadline")
        XCTAssertEqual(upstream.openConnections, 1)
        clock.advance(by: .milliseconds(1))
        let response = await call.value
        XCTAssertEqual(response.error?.code, "upstream_timeout")
        XCTAssertEqual(response.error?.retryable, true)
        let released = try await upstream.wait(for: .seconds(3)) { upstream.openConnections == 0 }
        XCTAssertTrue(released, "the connection outlived the deadline")
    }

    func testCancellingTheCallingTaskClosesTheConnectionAtOnce() async throws {
        var settings = EgressSettings()
        settings.requestTimeout = .seconds(120)
        try settings.addresses.allow("127.0.0.0/8")
        let patient = Egress(settings: settings)
        upstream.enqueue(.stallMidBody)
        let target = EgressTarget(baseURL: URL(string: upstream.baseURL)!, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:])
        let call = Task { await patient.send(HTTPRequestMessage(method: "GET", path: "/slow"), to: target) }
        let arrived = try await upstream.wait(for: .seconds(5)) { upstream.requests.count == 1 }
        XCTAssertTrue(arrived)
        call.cancel()
        let response = await call.value
        XCTAssertEqual(response.error?.code, "cancelled")
        let released = try await upstream.wait(for: .seconds(3)) { upstream.openConnections == 0 }
        XCTAssertTrue(released, "the cancelled request kept its connection")
        try await patient.shutdown()
    }
}
