import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayClock
@testable import PatchbayEgress
import PatchbayFakes
import PatchbayWire
import XCTest

/// Each request goes to exactly the address its name was checked at, through a pooled client
/// per name, and a name whose answer turns inward is refused on the next lookup. How long a
/// verdict is remembered and when a client left behind is shut down run on the host's clock.
final class PinnedClientsTests: XCTestCase {
    var fakes: FakeUpstreams!
    var shared: HTTPClient!
    var pinned: PinnedClients?

    /// What the resolver answers now; the test changes it as DNS would.
    /// Unchecked because `lock` guards `answers`, which the compiler cannot see.
    final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [String: [IPAddress]] = [:]
        subscript(host: String) -> [IPAddress]? {
            get { lock.withLock { answers[host] } }
            set { lock.withLock { answers[host] = newValue } }
        }
    }

    override func setUp() async throws {
        fakes = try await FakeUpstreams.start()
        shared = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    override func tearDown() async throws {
        await pinned?.shutdown()
        try await shared.shutdown()
        await fakes.stop()
    }

    func make(_ policy: AddressPolicy, answers: Answers, remember: Duration, clock: any HostClock = SystemClock()) -> PinnedClients {
        let gate = EgressGate(policy: policy, remember: remember, clock: clock) { answers[$0] }
        let clients = PinnedClients(gate: gate, shared: shared, configuration: HTTPClient.Configuration(), retireAfter: .seconds(1),
                                    clock: clock)
        pinned = clients
        return clients
    }

    func testANameNoResolverKnowsReachesTheAddressItWasCheckedAt() async throws {
        var policy = AddressPolicy()
        try policy.allow("127.0.0.0/8")
        let answers = Answers()
        answers["slack.pinned.test"] = [IPAddress("127.0.0.1")!]
        let clients = make(policy, answers: answers, remember: .seconds(30))
        let port = try XCTUnwrap(URL(string: try XCTUnwrap(fakes.baseURLs["slack"]))?.port)
        let url = try XCTUnwrap(URL(string: "http://slack.pinned.test:\(port)/slack/api/auth.test"))

        let client = try await clients.client(for: url).get()
        XCTAssertFalse(client === shared, "a name gets a client pinned to its checked address")
        let before = fakes.slack.requests.count
        let response = try await client.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        XCTAssertEqual(response.status.code, 200)
        XCTAssertEqual(fakes.slack.requests.count, before + 1, "the request reached the checked address, not a lookup of its own")

        let again = try await clients.client(for: url).get()
        XCTAssertTrue(again === client, "the name keeps its client, and so its connection pool")
        let literal = try await clients.client(for: try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/"))).get()
        XCTAssertTrue(literal === shared, "a literal address that passes is connected to as written")
    }

    func testANameThatTurnsInwardIsRefusedOnTheNextLookup() async throws {
        let answers = Answers()
        answers["api.rebinding.test"] = [IPAddress("93.184.215.14")!]
        let clients = make(AddressPolicy(), answers: answers, remember: .zero)
        let url = try XCTUnwrap(URL(string: "https://api.rebinding.test/v1/user"))
        _ = try await clients.client(for: url).get()

        answers["api.rebinding.test"] = [IPAddress("169.254.169.254")!]
        switch await clients.client(for: url) {
        case .success:
            XCTFail("the inward answer was used")
        case .failure(let error):
            XCTAssertEqual(error.code, "egress_refused")
            XCTAssertEqual(error.message, "the host will not connect to api.rebinding.test: api.rebinding.test resolves to "
                           + "169.254.169.254 (link-local); an operator can allow it with --allow-egress")
            XCTAssertFalse(error.retryable)
        }

        answers["api.rebinding.test"] = nil
        guard case .failure(let unresolved) = await clients.client(for: url) else { return XCTFail("an unresolvable name passed") }
        XCTAssertEqual(unresolved.code, "connection_failed")
        XCTAssertTrue(unresolved.retryable)
    }

    func testAMovedNameGetsANewClient() async throws {
        let answers = Answers()
        answers["moving.test"] = [IPAddress("93.184.215.14")!]
        let clients = make(AddressPolicy(), answers: answers, remember: .zero)
        let url = try XCTUnwrap(URL(string: "https://moving.test/"))
        let first = try await clients.client(for: url).get()
        answers["moving.test"] = [IPAddress("93.184.215.15")!]
        let second = try await clients.client(for: url).get()
        XCTAssertFalse(first === second, "a client never connects a name to an address it was not checked at")
    }

    func testAVerdictIsRememberedForExactlyItsLifetimeOnTheHostsClock() async throws {
        let clock = ManualClock()
        let answers = Answers()
        answers["cached.test"] = [IPAddress("93.184.215.14")!]
        let gate = EgressGate(policy: AddressPolicy(), remember: .seconds(30), clock: clock) { answers[$0] }
        let first = try await gate.vet(host: "cached.test", port: 443)
        XCTAssertEqual(first, .pinned(IPAddress("93.184.215.14")!))

        answers["cached.test"] = [IPAddress("169.254.169.254")!]
        clock.advance(by: .seconds(30) - .milliseconds(1))
        let remembered = try await gate.vet(host: "cached.test", port: 443)
        XCTAssertEqual(remembered, first, "the verdict was forgotten before its lifetime ran out")
        clock.advance(by: .milliseconds(1))
        do {
            let verdict = try await gate.vet(host: "cached.test", port: 443)
            XCTFail("the expired verdict was still used: \(verdict)")
        } catch AddressRefusal.refused(let host, let address, _) {
            XCTAssertEqual(host, "cached.test")
            XCTAssertEqual(address, IPAddress("169.254.169.254")!, "the name was looked up again once its verdict expired")
        }
    }

    func testAClientLeftBehindIsShutDownOnceItsWaitRunsOutOnTheHostsClock() async throws {
        let clock = ManualClock()
        var policy = AddressPolicy()
        try policy.allow("127.0.0.0/8")
        let answers = Answers()
        answers["leaving.pinned.test"] = [IPAddress("127.0.0.1")!]
        let clients = make(policy, answers: answers, remember: .zero, clock: clock)
        let port = try XCTUnwrap(URL(string: try XCTUnwrap(fakes.baseURLs["slack"]))?.port)
        let url = try XCTUnwrap(URL(string: "http://leaving.pinned.test:\(port)/slack/api/auth.test"))
        let left = try await clients.client(for: url).get()
        answers["leaving.pinned.test"] = [IPAddress("127.0.0.2")!]
        let replacement = try await clients.client(for: url).get()
        XCTAssertFalse(left === replacement)

        // Requests that picked the old client may still be under way until the wait runs out.
        try await clock.sleeper(dueIn: .seconds(1))
        clock.advance(by: .milliseconds(999))
        let late = try await left.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
        _ = try await late.body.collect(upTo: 1 << 20)
        XCTAssertEqual(late.status.code, 200, "the client was shut down before its wait ran out")

        clock.advance(by: .milliseconds(1))
        let limit = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < limit {
            do {
                let response = try await left.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
            } catch let error as HTTPClientError where error == .alreadyShutdown || error == .cancelled {
                // Refused by a client already shut down, or cut off by its shutdown.
                return
            } catch ChannelError.ioOnClosedChannel {
                // Cut off by its shutdown while the request was being written.
                return
            }
            await Task.yield()
        }
        XCTFail("the client left behind was still open after its wait ran out")
    }
}
