import Foundation
import PatchbayClock
import PatchbayEgress
import PatchbayFakes
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// Providers' rate limits as budgets, against the fakes' documented limits: the host paces
/// calls from what each provider's manifest says its signals are, before the provider refuses
/// them, and refuses at once a call that would wait past its deadline, saying how long.
final class RateBudgetTests: XCTestCase {
    var host: TestHost!
    var replica: TestHost?

    override func tearDown() async throws {
        try await replica?.stopServer()
        try await host?.stop()
    }

    private func connect(_ provider: String, on host: TestHost, key: String, credentials: JSONValue, config: JSONValue = [:]) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key,
                                           json: ["provider": .string(provider), "credentials": credentials, "config": config])
        XCTAssertEqual(reply.status, 201, reply.body)
        return try XCTUnwrap(reply.json["id"]?.stringValue)
    }

    func testABurstOf200ShopifyCallsMeetsNo429AndEachIsDoneOrRefusedFast() async throws {
        // The host and the fake Shopify on one clock that moves only when the test moves it: the
        // bucket leaks only as the test advances, and a call answered before that did not wait.
        let clock = ManualClock()
        let deadline = Duration.seconds(6)
        // A request's own timeout past the call's deadline: every sleeper due before the
        // deadline is then a call the budget holds back.
        var egress = TestHost.fastEgress
        egress.requestTimeout = deadline + .seconds(1)
        host = try await TestHost.start(plugins: ["PatchbayShopify"], egress: egress, pluginTimeout: deadline, clock: clock)
        let key = try await host.key()
        let connection = try await connect("shopify", on: host, key: key, credentials: ["access_token": .string(FakeShopify.sandboxToken)],
                                           config: ["shop": "acme", "api_version": "2024-10"])
        let shopify = host.fakes.shopify
        let before = shopify.requests.count

        let calls = 200
        let answered = LockedSet()
        let running = try XCTUnwrap(host)
        let started = clock.now
        let burst = Task {
            try await running.invokeAtOnceTimed(connection, "get_shop", key: key, inputs: Array(repeating: "{}", count: calls),
                                                clock: clock, answered: answered)
        }
        defer { burst.cancel() }
        let held = { clock.sleepersDueIn.filter { clock.now + $0 < started + deadline } }
        // Every call answered or held: each held one asleep on its wait, beside the one sleeper
        // that watches the plugin calls' deadlines, and nothing else in flight.
        let settled = {
            let waiting = held().count
            return answered.count + waiting == calls && clock.sleeperCount == waiting + (waiting > 0 ? 1 : 0)
        }
        // Then the clock moves to the end of the next wait, which lets one call go: at most
        // one move per call.
        for _ in 0..<calls {
            try await eventually("every call answered or held by the budget") { settled() }
            guard settled() else { return }
            guard let next = held().min() else { break }
            clock.advance(by: next)
        }
        let replies = try await burst.value

        XCTAssertEqual(shopify.throttledCount, 0, "the host let calls through that the bucket had no room for")
        let done = replies.filter { $0.reply.status == 200 }
        let refused = replies.filter { $0.reply.status != 200 }
        // 36 at once fill the bucket but a tenth; at 2 a second, a few more fit before the deadline.
        XCTAssertGreaterThanOrEqual(done.count, 36)
        XCTAssertLessThan(done.count, 70, "more calls went through than the bucket drains in \(deadline)")
        XCTAssertEqual(shopify.requests.count - before, done.count, "a refused call reached the provider")
        for (reply, elapsed) in refused {
            XCTAssertEqual(reply.status, 429, reply.body)
            XCTAssertEqual(reply.errorCode, "rate_limited", reply.body)
            XCTAssertEqual(reply.json["error"]?["retryable"], true)
            let message = reply.json["error"]?["message"]?.stringValue ?? ""
            XCTAssertTrue(message.contains("leaky bucket is full") && message.contains("only in") && message.contains("not sent"), message)
            XCTAssertEqual(elapsed, .zero, "a call the budget could not fit waited instead of being refused: \(message)")
        }
        let waits = refused.compactMap { Self.seconds(in: $0.reply.json["error"]?["message"]?.stringValue ?? "") }
        XCTAssertEqual(waits.count, refused.count)
        // Refused calls take no room, so each would have waited for the first room past the deadline.
        XCTAssertGreaterThan(waits.min() ?? 0, 3, "a call was refused that fitted before its deadline: \(waits.sorted().prefix(3))")
        // Past those let through at once, the bucket leaks room for one call every 500 ms: the
        // k-th call paced is answered no sooner than k × 500 ms on the clock.
        let atOnce = done.filter { $0.elapsed == .zero }.count
        let paced = done.map(\.elapsed).filter { $0 > .zero }.sorted()
        XCTAssertFalse(paced.isEmpty, "the calls past the first \(atOnce) were not paced")
        for (index, elapsed) in paced.enumerated() {
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(500) * (index + 1), "call \(atOnce + index + 1) went before the bucket had room")
        }
    }

    func testASpentGitHubWindowIsWaitedOutOrRefusedWithoutCallingAndReplicasShareIt() async throws {
        // The host's clock, and its fakes', move only when the test moves them: a call that
        // waited on the budget would never answer.
        let clock = ManualClock()
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], pluginTimeout: .seconds(10), clock: clock)
        let key = try await host.key()
        let connection = try await connect("github", on: host, key: key, credentials: ["token": .string(FakeGitHub.sandboxToken)])
        let github = host.fakes.github
        func invoke(_ host: TestHost) async throws -> TestHost.Reply {
            try await host.request("POST", "/v1/connections/\(connection)/actions/get_current_user/invoke", key: key, json: ["input": [:]])
        }

        // The provider says the window is spent for a minute: nothing more is sent until then.
        github.throttleNext(1, retryAfter: 60, status: 403)
        let spent = try await invoke(host)
        XCTAssertEqual(spent.errorCode, "rate_limited", spent.body)
        let sent = github.requests.count
        let started = clock.now
        let refused = try await invoke(host)
        // Refused at once: answered on a clock that never moved, with nothing left waiting on it.
        XCTAssertEqual(clock.now, started)
        XCTAssertEqual(clock.sleeperCount, 0, "a call is still waiting on the spent window")
        XCTAssertEqual(refused.status, 429, refused.body)
        XCTAssertEqual(refused.errorCode, "rate_limited")
        XCTAssertEqual(refused.headers["retry-after"], "60", "\(refused.headers)")
        let message = refused.json["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("github would accept this call only in") && message.contains("not sent"), message)
        XCTAssertEqual(github.requests.count, sent, "the host called a provider whose window was spent")

        // Another replica on the same store learns it from the store, and refuses too.
        replica = try await TestHost.start(plugins: ["PatchbayGitHub"], pluginTimeout: .seconds(10), reusing: host)
        let elsewhere = try await invoke(replica!)
        XCTAssertEqual(elsewhere.errorCode, "rate_limited", elsewhere.body)
        XCTAssertEqual(github.requests.count, sent, "the other replica called a provider whose window was spent")
    }

    func testASpentWindowThatResetsBeforeTheDeadlineIsWaitedOut() async throws {
        let clock = ManualClock()
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], pluginTimeout: .seconds(10), clock: clock)
        let key = try await host.key()
        let connection = try await connect("github", on: host, key: key, credentials: ["token": .string(FakeGitHub.sandboxToken)])
        let github = host.fakes.github
        github.throttleNext(1, retryAfter: 2, status: 403)
        let spent = try await host.request("POST", "/v1/connections/\(connection)/actions/get_current_user/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(spent.errorCode, "rate_limited", spent.body)
        let sent = github.requests.count

        let running = try XCTUnwrap(host)
        let call = Task {
            try await running.request("POST", "/v1/connections/\(connection)/actions/get_current_user/invoke", key: key, json: ["input": [:]])
        }
        // The call waits on the clock for the window's reset, which the fake put two seconds
        // away on the same clock, as Retry-After: 2 says; beside it sleeps the plugin call's
        // 10 s deadline.
        try await clock.sleeper(dueIn: .seconds(2))
        XCTAssertEqual(clock.sleepersDueIn, [.seconds(2), .seconds(10)], "the call does not wait for the window alone")
        clock.advance(by: .milliseconds(1_999))
        XCTAssertEqual(clock.sleeperCount, 2, "the call stopped waiting before the window reset")
        XCTAssertEqual(github.requests.count, sent, "the call was sent before the window reset")
        clock.advance(by: .milliseconds(1))
        let paced = try await call.value
        XCTAssertEqual(paced.status, 200, paced.body)
        XCTAssertEqual(github.requests.count, sent + 1)
        XCTAssertEqual(paced.json["requests"]?.arrayValue?.compactMap { $0["status"]?.intValue }, [200], "the provider refused it after all")
    }

    func testASlack429PausesTheConnectionAndNotAnother() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack"], pluginTimeout: .seconds(5))
        let key = try await host.key()
        let throttled = try await host.connectSlack(key: key)
        let other = try await host.connectSlack(key: key)
        let slack = host.fakes.slack
        slack.throttleNext(1, retryAfter: 30)
        let first = try await host.request("POST", "/v1/connections/\(throttled)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(first.errorCode, "rate_limited", first.body)

        let sent = slack.requests.count
        let paused = try await host.request("POST", "/v1/connections/\(throttled)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(paused.status, 429, paused.body)
        XCTAssertTrue(paused.json["error"]?["message"]?.stringValue?.contains("asked to wait (Retry-After)") ?? false, paused.body)
        XCTAssertEqual(slack.requests.count, sent, "a paused connection's call reached Slack")
        let unaffected = try await host.request("POST", "/v1/connections/\(other)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(unaffected.status, 200, "one connection's pause held up another's: \(unaffected.body)")
    }

    /// Google Sheets declares `app` scope (a Cloud project's quota): the budget is the
    /// account's for the provider, so a quota error on one of its connections pauses its other
    /// connections to Sheets, and not another account's.
    func testAGoogleQuotaErrorPausesTheAccountsOtherConnectionsAndNotAnotherAccounts() async throws {
        host = try await TestHost.start(plugins: ["PatchbayGoogleSheets"], pluginTimeout: .seconds(5))
        let key = try await host.key()
        let otherKey = try await host.key(account: "globex")
        let throttled = try await host.connectSheets(key: key)
        let sibling = try await host.connectSheets(key: key)
        let otherAccounts = try await host.connectSheets(key: otherKey)
        let sheets = host.fakes.google
        let read: JSONValue = ["input": ["range": "Orders"]]
        sheets.throttleNext(1, retryAfter: 30)
        let first = try await host.request("POST", "/v1/connections/\(throttled)/actions/read_range/invoke", key: key, json: read)
        XCTAssertEqual(first.errorCode, "rate_limited", first.body)

        let sent = sheets.requests.count
        let paused = try await host.request("POST", "/v1/connections/\(sibling)/actions/read_range/invoke", key: key, json: read)
        XCTAssertEqual(paused.status, 429, paused.body)
        XCTAssertTrue(paused.json["error"]?["message"]?.stringValue?.contains("asked to wait (Retry-After)") ?? false, paused.body)
        XCTAssertEqual(sheets.requests.count, sent, "a call of the paused app budget reached Google")
        let unaffected = try await host.request("POST", "/v1/connections/\(otherAccounts)/actions/read_range/invoke", key: otherKey, json: read)
        XCTAssertEqual(unaffected.status, 200, "one account's quota pause held up another account's call: \(unaffected.body)")
    }

    /// `… only in 12.5 s …` as 12.5.
    static func seconds(in message: String) -> Double? {
        guard let range = message.range(of: "only in ") else { return nil }
        return Double(message[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}
