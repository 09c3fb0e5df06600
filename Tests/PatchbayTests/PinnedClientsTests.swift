import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import PatchbayEgress
import PatchbayFakes
import PatchbayWire
import XCTest

/// Each request goes to exactly the address its name was checked at, through a pooled client
/// per name, and a name whose answer turns inward is refused on the next lookup.
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

    func make(_ policy: AddressPolicy, answers: Answers, remember: Duration) -> PinnedClients {
        let gate = EgressGate(policy: policy, remember: remember) { answers[$0] }
        let clients = PinnedClients(gate: gate, shared: shared, configuration: HTTPClient.Configuration(), retireAfter: .seconds(1))
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
}
