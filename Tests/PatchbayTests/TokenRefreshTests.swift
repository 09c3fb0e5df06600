import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Refresh that never races and never loses a token: proactive before expiry, once after a
/// 401, single-flight through the store's lease (also across two hosts on one database),
/// rotated refresh tokens kept across a restart, and `needs_reauth` when the provider says no.
/// Waiters for another's refresh are woken by the notifier, not by polling the store.
final class TokenRefreshTests: XCTestCase {
    var host: TestHost!
    var key: String!
    /// The host's and its fakes': waiters for a refresh are seen asleep on it, and leases and
    /// expiries move only when a test moves it.
    let clock = ManualClock()

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGoogleSheets"], countingStore: true, clock: clock)
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func invoke(_ id: String) async throws -> TestHost.Reply {
        try await Self.invoke(id, on: host, key: key)
    }

    /// Static, so concurrent calls capture no test case.
    static func invoke(_ id: String, on target: TestHost, key: String) async throws -> TestHost.Reply {
        try await target.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
    }

    func testFiftyConcurrentCallsOnAnExpiringTokenRefreshOnceAcrossTwoHosts() async throws {
        let key = try XCTUnwrap(self.key) // a local, so the concurrent calls capture no test case
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let id = try await host.connectWithOAuth("slack", key: key, fake: fake)
        let expiring = try XCTUnwrap(fake.lastAccessToken)
        fake.setAccessTokenLifetime(43_200)

        // The token endpoint holds the refresh until every call waits for it.
        let refresh = fake.holdNext()
        defer { refresh.release() }

        // A second host (a replica) on the same database: the lock has to be in the store.
        let replica = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGoogleSheets"], reusing: host, countingStore: true)
        let stores = try [host!, replica].map { try XCTUnwrap($0.patchbay.store as? CountingStore) }
        let leaseTries = { stores.map { $0.calls["acquireRefreshLease"] ?? 0 }.reduce(0, +) }
        let waiting = { stores.map { $0.refreshLeaseOwners.count }.reduce(0, +) }
        // Each call over a connection of its own, 25 to each host: all fifty are in flight at once.
        let calls = Task { [host] in
            async let first = host!.invokeAtOnce(id, "auth_test", key: key, inputs: Array(repeating: "{}", count: 25))
            async let second = replica.invokeAtOnce(id, "auth_test", key: key, inputs: Array(repeating: "{}", count: 25))
            return try await (first + second).map(\.status)
        }
        let arrived = await refresh.waitUntilHolding(1, timeout: .seconds(30))
        XCTAssertTrue(arrived, "no refresh reached the token endpoint")
        // A call waits for another's refresh after failing to take the lease once; each call
        // tries it under an owner of its own, then sleeps on the clock until its recheck is
        // due a second later, unless the notifier wakes it first.
        try await eventually("every call to wait for the one refresh", within: .seconds(30)) {
            waiting() >= 50 && clock.sleepersDueIn.count(where: { $0 == .seconds(1) }) == 49
        }
        refresh.release()
        let statuses = try await calls.value
        try await replica.stopServer()
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 50, "\(statuses)")
        XCTAssertEqual(fake.refreshCount, 1, "exactly one refresh for fifty calls")
        XCTAssertEqual(fake.requests.count(where: { $0.body.contains("grant_type=refresh_token") }), 1, "one refresh reached the provider")
        // The clock never moved, so no recheck came due: woken by the notifier, a waiter reads
        // the new token and tries the lease no more. Polling the store would have tried it
        // again and again while the refresh was held.
        XCTAssertEqual(leaseTries(), 50, "waiters wait on the notifier, not on the store")
        let fresh = try XCTUnwrap(fake.lastAccessToken)
        XCTAssertNotEqual(fresh, expiring)
        let authorizations = host.fakes.slack.requests.suffix(50).compactMap { $0.headers["authorization"] }
        XCTAssertEqual(Set(authorizations), ["Bearer \(fresh)"], "every call used the refreshed token")
    }

    func testA401RefreshesOnceAndRetriesTheRequest() async throws {
        let fake = host.fakes.oauth.google
        let config: JSONValue = ["spreadsheet_id": .string(FakeGoogleSheets.spreadsheetID)]
        let id = try await host.connectWithOAuth("google_sheets", key: key, fake: fake, config: config)
        // The token is revoked upstream before its announced expiry.
        host.fakes.google.revokeToken(try XCTUnwrap(fake.lastAccessToken))

        let check = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(check.json["success"], true, check.body)
        XCTAssertEqual(fake.refreshCount, 1)
        XCTAssertTrue(fake.requests.last?.body.contains("grant_type=refresh_token") == true)
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertNotEqual(auth.json["refreshed_at"], .null)

        // Google keeps its refresh token: the stored one still works for the next 401.
        host.fakes.google.revokeToken(try XCTUnwrap(fake.lastAccessToken))
        let again = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(again.json["success"], true, again.body)
        XCTAssertEqual(fake.refreshCount, 2)
    }

    func testARefusedRefreshMarksNeedsReauthAndReauthorizingClearsIt() async throws {
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let id = try await host.connectWithOAuth("slack", key: key, fake: fake)
        fake.revokeRefreshTokens()

        let refused = try await invoke(id)
        XCTAssertEqual(refused.status, 409, refused.body)
        XCTAssertEqual(refused.errorCode, "needs_reauth")
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(auth.json["status"], "needs_reauth")
        XCTAssertTrue(auth.json["reason"]?.stringValue?.contains("invalid_refresh_token") == true, auth.body)
        let listed = try await host.request("GET", "/v1/connections?status=needs_reauth", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 1)

        // No more attempts against the provider until someone re-authorizes.
        let attempts = fake.requests.count
        let again = try await invoke(id)
        XCTAssertEqual(again.errorCode, "needs_reauth")
        XCTAssertEqual(fake.requests.count, attempts)

        fake.setAccessTokenLifetime(43_200)
        let reauth = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(reauth.json["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let works = try await invoke(id)
        XCTAssertEqual(works.status, 200, works.body)
        let cleared = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(cleared.json["reason"], .null)
    }

    func testReplacedCredentialsTakeEffectOnTheNextCallAndClearNeedsReauth() async throws {
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let id = try await host.connectWithOAuth("slack", key: key, fake: fake)
        fake.revokeRefreshTokens()
        _ = try await invoke(id)

        let patched = try await host.request("PATCH", "/v1/connections/\(id)", key: key,
                                             json: ["credentials": ["bot_token": .string(FakeSlack.sandboxToken)]])
        XCTAssertEqual(patched.json["status"], "active", patched.body)
        let works = try await invoke(id)
        XCTAssertEqual(works.status, 200, works.body)
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(FakeSlack.sandboxToken)")
    }

    func testRemovingTheOAuthAppStopsRefreshWithAClearReason() async throws {
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let id = try await host.connectWithOAuth("slack", key: key, fake: fake)
        let removed = try await host.request("DELETE", "/v1/oauth-apps/slack", key: key)
        XCTAssertEqual(removed.status, 200)
        let again = try await host.request("DELETE", "/v1/oauth-apps/slack", key: key)
        XCTAssertEqual(again.status, 404)

        let refused = try await invoke(id)
        XCTAssertEqual(refused.errorCode, "needs_reauth", refused.body)
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertTrue(auth.json["reason"]?.stringValue?.contains("OAuth app was removed") == true, auth.body)
        XCTAssertEqual(fake.refreshCount, 0)
        let reauth = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        XCTAssertEqual(reauth.status, 400)
        XCTAssertEqual(reauth.errorCode, "oauth_app_not_configured")
    }

    func testARotatedRefreshTokenSurvivesAHostRestart() async throws {
        let fake = host.fakes.oauth.slack
        fake.setAccessTokenLifetime(10)
        let id = try await host.connectWithOAuth("slack", key: key, fake: fake)
        let first = try await invoke(id)
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(fake.refreshCount, 1, "the first refresh rotated the refresh token")

        try await host.stopServer()
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGoogleSheets"], reusing: host)

        // The old refresh token is dead at the provider; only the stored rotated one works.
        let second = try await invoke(id)
        XCTAssertEqual(second.status, 200, second.body)
        XCTAssertEqual(fake.refreshCount, 2)
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(auth.json["status"], "active")
    }
}
