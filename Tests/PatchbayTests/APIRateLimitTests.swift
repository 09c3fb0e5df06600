import Foundation
import PatchbayClock
import PatchbayModel
import PatchbayServices
import PatchbayWire
import XCTest

/// Each API key's request budget: past it, 429 `rate_limited` with `Retry-After` and the
/// `RateLimit` headers; the next window starts afresh; replicas on one database share the count.
/// The windows are counted by a clock the test moves, so no window ends mid-test by chance.
final class APIRateLimitTests: XCTestCase {
    var hosts: [TestHost] = []
    let clock = ManualClock(wallMillis: 1_800_000_000_000 + 15_000)

    var limits: APIRateLimitSettings {
        APIRateLimitSettings(requests: 3, window: .seconds(60))
    }

    override func tearDown() async throws {
        // Replicas share the first host's data directory and fakes, which its `stop` removes.
        for replica in hosts.dropFirst() { try await replica.stopServer() }
        try await hosts.first?.stop()
    }

    func testABudgetSpentIs429WithHeadersUntilTheNextWindow() async throws {
        let host = try await TestHost.start(apiRateLimits: limits, clock: clock)
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

        clock.advance(by: .seconds(44))
        let stillOver = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(stillOver.status, 429)
        XCTAssertEqual(stillOver.headers["retry-after"], "1")
        clock.advance(by: .seconds(1))
        let nextWindow = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(nextWindow.status, 200, nextWindow.body)
        XCTAssertEqual(nextWindow.headers["ratelimit"], #""per-key";r=2;t=60"#)
        XCTAssertEqual(nextWindow.json["data"]?.arrayValue?.count, 0, "the refused create ran")
    }

    func testTwoReplicasShareTheCount() async throws {
        let first = try await TestHost.start(apiRateLimits: limits, store: .postgres, clock: clock)
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

    func testAKeyWithItsOwnLowBudgetIsRefusedWhileAnotherKeyOfTheAccountIsNot() async throws {
        let host = try await TestHost.start(apiRateLimits: limits, clock: clock)
        hosts = [host]
        let low = try await host.patchbay.apiKeys.create(accountName: "acme", scopes: [.integrationsRead], rateLimit: 1).key
        let other = try await host.key()

        let first = try await host.request("GET", "/v1/connections", key: low)
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(first.headers["ratelimit-policy"], #""per-key";q=1;w=60"#)
        XCTAssertEqual(first.headers["ratelimit"], #""per-key";r=0;t=45"#)
        let refused = try await host.request("GET", "/v1/connections", key: low)
        XCTAssertEqual(refused.status, 429, refused.body)
        XCTAssertEqual(refused.errorCode, "rate_limited")
        XCTAssertEqual(refused.headers["retry-after"], "45")
        XCTAssertEqual(refused.headers["ratelimit-policy"], #""per-key";q=1;w=60"#)
        XCTAssertEqual(refused.headers["ratelimit"], #""per-key";r=0;t=45"#)

        // The account's other key has the host's budget, untouched by the first key's requests.
        let theirs = try await host.request("GET", "/v1/connections", key: other)
        XCTAssertEqual(theirs.status, 200, theirs.body)
        XCTAssertEqual(theirs.headers["ratelimit-policy"], #""per-key";q=3;w=60"#)
        XCTAssertEqual(theirs.headers["ratelimit"], #""per-key";r=2;t=45"#)
    }

    /// With the host's limit off, a key's own budget still holds; it is set at creation,
    /// changed by `PATCH` from the key's next request, given back to the host by 0, and audited.
    func testAKeysBudgetIsSetAtCreationChangedByPatchAndAudited() async throws {
        var off = limits
        off.requests = 0
        let host = try await TestHost.start(apiRateLimits: off, clock: clock)
        hosts = [host]
        let admin = try await host.key(scopes: [.admin])

        for bad: JSONValue in [-1, 1_000_001, "5", 2.5] {
            let refused = try await host.request("POST", "/v1/api-keys", key: admin, json: ["scopes": ["integrations:read"], "rate_limit": bad])
            XCTAssertEqual(refused.status, 400, "\(bad): \(refused.body)")
            XCTAssertEqual(refused.errorCode, "validation_failed")
        }
        let created = try await host.request("POST", "/v1/api-keys", key: admin, json: ["scopes": ["integrations:read"], "rate_limit": 2])
        XCTAssertEqual(created.status, 201, created.body)
        XCTAssertEqual(created.json["rate_limit"], 2)
        let key = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)

        let statuses = try await [host.request("GET", "/v1/connections", key: key).status,
                                  host.request("GET", "/v1/connections", key: key).status,
                                  host.request("GET", "/v1/connections", key: key).status]
        XCTAssertEqual(statuses, [200, 200, 429])
        let unlimited = try await host.request("GET", "/v1/api-keys", key: admin)
        XCTAssertNil(unlimited.headers["ratelimit"], "the host's limit is off, and the admin key has none of its own")
        let listed = unlimited.json["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.first { $0["id"]?.stringValue == id }?["rate_limit"], 2)
        XCTAssertEqual(listed.first { $0["id"]?.stringValue != id }?["rate_limit"], .null)

        // Bad changes: wrong types, out of range, unknown fields, unknown or another account's keys, no admin scope.
        let foreign = try await host.patchbay.apiKeys.create(accountName: "globex", scopes: [.integrationsRead]).record.id
        let path = "/v1/api-keys/\(id)"
        let badChanges: [(String, JSONValue, Int)] = [
            (path, ["rate_limit": "10"], 400), (path, ["rate_limit": -3], 400), (path, [:], 400),
            (path, ["rate_limit": 5, "scopes": ["admin"]], 400),
            ("/v1/api-keys/key_unknown", ["rate_limit": 5], 404), ("/v1/api-keys/\(foreign)", ["rate_limit": 5], 404),
        ]
        for (path, body, status) in badChanges {
            let refused = try await host.request("PATCH", path, key: admin, json: body)
            XCTAssertEqual(refused.status, status, "\(path) \(body): \(refused.body)")
        }
        let notMalformed = try await host.request("PATCH", "/v1/api-keys/\(id)", key: admin, body: "{\"rate_limit\": ")
        XCTAssertEqual(notMalformed.status, 400, notMalformed.body)
        let byNonAdmin = try await host.request("PATCH", "/v1/api-keys/\(id)", key: key, json: ["rate_limit": 100])
        XCTAssertEqual(byNonAdmin.status, 429, "the key itself is over its budget before its scope is checked")

        let raised = try await host.request("PATCH", "/v1/api-keys/\(id)", key: admin, json: ["rate_limit": 5])
        XCTAssertEqual(raised.status, 200, raised.body)
        XCTAssertEqual(raised.json["rate_limit"], 5)
        // The window's count goes on (4 requests so far, the refused ones included): one is left.
        let again = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(again.status, 200, again.body)
        XCTAssertEqual(again.headers["ratelimit-policy"], #""per-key";q=5;w=60"#)
        XCTAssertEqual(again.headers["ratelimit"], #""per-key";r=0;t=45"#)
        let raisedKeyPatch = try await host.request("PATCH", "/v1/api-keys/\(id)", key: key, json: ["rate_limit": 100])
        XCTAssertEqual(raisedKeyPatch.status, 429)

        // Each change a millisecond after the last, so the audit log has an order to list them in.
        clock.advance(by: .milliseconds(1))
        let reset = try await host.request("PATCH", "/v1/api-keys/\(id)", key: admin, json: ["rate_limit": 0])
        XCTAssertEqual(reset.status, 200, reset.body)
        XCTAssertEqual(reset.json["rate_limit"], .null)
        let free = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(free.status, 200, free.body)
        XCTAssertNil(free.headers["ratelimit"])
        let byKeyWithoutAdmin = try await host.request("PATCH", "/v1/api-keys/\(id)", key: key, json: ["rate_limit": 100])
        XCTAssertEqual(byKeyWithoutAdmin.status, 403, byKeyWithoutAdmin.body)
        let nulled = try await host.request("PATCH", "/v1/api-keys/\(id)", key: admin, json: ["rate_limit": .null])
        XCTAssertEqual(nulled.status, 400, "0 is how a key gets the host's limit back: \(nulled.body)")
        clock.advance(by: .milliseconds(1))
        let resetAgain = try await host.request("PATCH", "/v1/api-keys/\(id)", key: admin, json: ["rate_limit": 0])
        XCTAssertEqual(resetAgain.status, 200, resetAgain.body)

        let audit = try await host.request("GET", "/v1/audit?action=api_key.updated&target=\(id)", key: admin)
        XCTAssertEqual(audit.status, 200, audit.body)
        let changes = audit.json["data"]?.arrayValue?.compactMap { $0["changes"]?["rate_limit"] }
        XCTAssertEqual(changes, [["from": .null, "to": .null], ["from": 5, "to": .null], ["from": 2, "to": 5]], "newest first")
        let creation = try await host.request("GET", "/v1/audit?action=api_key.created&target=\(id)", key: admin)
        XCTAssertEqual(creation.json["data"]?.arrayValue?.first?["changes"]?["rate_limit"], 2)
    }

    func testAKeysOwnBudgetHoldsAcrossReplicasAndAChangeReachesThem() async throws {
        // Each replica hears the other through PostgreSQL's LISTEN/NOTIFY, as `serve` replicas do.
        // Both run on the test's clock, so the verified keys' lifetime never runs out by itself.
        let first = try await TestHost.start(apiRateLimits: limits, storeNotifier: true, store: .postgres, clock: clock)
        hosts = [first]
        let second = try await TestHost.start(reusing: first, apiRateLimits: limits, storeNotifier: true)
        hosts.append(second)
        let issued = try await first.patchbay.apiKeys.create(accountName: "acme", scopes: [.integrationsRead], rateLimit: 2)
        let other = try await first.key()
        let admin = try await first.key(scopes: [.admin])

        let one = try await first.request("GET", "/v1/connections", key: issued.key)
        let two = try await second.request("GET", "/v1/connections", key: issued.key)
        XCTAssertEqual([one.status, two.status], [200, 200])
        XCTAssertEqual(two.headers["ratelimit"], #""per-key";r=0;t=45"#, "the second replica did not see the first one's request")
        XCTAssertEqual(two.headers["ratelimit-policy"], #""per-key";q=2;w=60"#)
        let refused = try await first.request("GET", "/v1/connections", key: issued.key)
        XCTAssertEqual(refused.status, 429, refused.body)
        XCTAssertEqual(refused.headers["retry-after"], "45")
        let theirs = try await second.request("GET", "/v1/connections", key: other)
        XCTAssertEqual(theirs.status, 200, theirs.body)
        XCTAssertEqual(theirs.headers["ratelimit-policy"], #""per-key";q=3;w=60"#)

        // A change made on one replica reaches the other, which had the key's old budget in hand,
        // through the notifier: the clock that would expire its verified key does not move.
        let raised = try await first.request("PATCH", "/v1/api-keys/\(issued.record.id)", key: admin, json: ["rate_limit": 100])
        XCTAssertEqual(raised.status, 200, raised.body)
        try await eventually("the raised limit to reach the other replica") {
            (try? await second.request("GET", "/v1/connections", key: issued.key))?.status == 200
        }
        let reached = try await second.request("GET", "/v1/connections", key: issued.key)
        XCTAssertEqual(reached.headers["ratelimit-policy"], #""per-key";q=100;w=60"#)
    }
}
