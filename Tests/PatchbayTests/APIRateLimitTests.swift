import Foundation
import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// Each API key's request budget: past it, 429 `rate_limited` with `Retry-After` and the
/// `RateLimit` headers; the next window starts afresh; replicas on one database share the count.
/// The windows are counted by a clock the test moves, so no window ends mid-test by chance.
final class APIRateLimitTests: XCTestCase {
    var hosts: [TestHost] = []
    let clock = WallClock(start: 1_800_000_000_000 + 15_000)

    var limits: APIRateLimitSettings {
        var settings = APIRateLimitSettings(requests: 3, window: .seconds(60))
        let clock = clock
        settings.now = { clock.now }
        return settings
    }

    override func tearDown() async throws {
        // Replicas share the first host's data directory and fakes, which its `stop` removes.
        for replica in hosts.dropFirst() { try await replica.stopServer() }
        try await hosts.first?.stop()
    }

    func testABudgetSpentIs429WithHeadersUntilTheNextWindow() async throws {
        let host = try await TestHost.start(apiRateLimits: limits)
        hosts = [host]
        let key = try await host.key()
        let other = try await host.key(account: "globex")

        for remaining in [2, 1, 0] {
            let reply = try await host.request("GET", "/v1/connections", key: key)
            XCTAssertEqual(reply.status, 200, reply.body)
            XCTAssertEqual(reply.headers["ratelimit-policy"], #""per-key";q=3;w=60"#)
            XCTAssertEqual(reply.headers["ratelimit"], #""per-key";r=\#(remaining);t=45"#)
        }
        let refused = try await host.request("POST", "/v1/connections", key: key, json: ["provider": "slack"])
        XCTAssertEqual(refused.status, 429, refused.body)
        XCTAssertEqual(refused.errorCode, "rate_limited")
        XCTAssertEqual(refused.headers["retry-after"], "45")
        XCTAssertEqual(refused.headers["ratelimit"], #""per-key";r=0;t=45"#)
        XCTAssertEqual(refused.headers["ratelimit-policy"], #""per-key";q=3;w=60"#)

        // Another key has its own budget; routes without a key are not counted.
        let theirs = try await host.request("GET", "/v1/connections", key: other)
        XCTAssertEqual(theirs.status, 200, theirs.body)
        let health = try await host.request("GET", "/healthz")
        XCTAssertNil(health.headers["ratelimit"])

        clock.advance(by: 44_000)
        let stillOver = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(stillOver.status, 429)
        XCTAssertEqual(stillOver.headers["retry-after"], "1")
        clock.advance(by: 1_000)
        let nextWindow = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(nextWindow.status, 200, nextWindow.body)
        XCTAssertEqual(nextWindow.headers["ratelimit"], #""per-key";r=2;t=60"#)
        XCTAssertEqual(nextWindow.json["data"]?.arrayValue?.count, 0, "the refused create ran")
    }

    func testTwoReplicasShareTheCount() async throws {
        let first = try await TestHost.start(apiRateLimits: limits, store: .postgres)
        hosts = [first]
        let second = try await TestHost.start(reusing: first, apiRateLimits: limits)
        hosts.append(second)
        let key = try await first.key()

        let one = try await first.request("GET", "/v1/connections", key: key)
        let two = try await second.request("GET", "/v1/connections", key: key)
        let three = try await first.request("GET", "/v1/connections", key: key)
        XCTAssertEqual([one.status, two.status, three.status], [200, 200, 200])
        XCTAssertEqual(two.headers["ratelimit"], #""per-key";r=1;t=45"#, "the second replica did not see the first one's request")
        let refusedThere = try await second.request("GET", "/v1/connections", key: key)
        let refusedHere = try await first.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(refusedThere.status, 429, refusedThere.body)
        XCTAssertEqual(refusedHere.status, 429, refusedHere.body)
        XCTAssertEqual(refusedThere.headers["retry-after"], "45")
    }
}
