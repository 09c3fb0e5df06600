import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayFakes
import PatchbayWire
import XCTest

/// The fake Slack Web API must answer like the real one, or provider tests against it prove nothing.
final class FakeSlackTests: XCTestCase {
    private var upstreams: FakeUpstreams!

    override func setUp() async throws {
        upstreams = try await FakeUpstreams.start(port: 0)
    }

    override func tearDown() async throws {
        await upstreams?.stop()
        upstreams = nil
    }

    // MARK: Auth

    func testAMissingAuthorizationHeaderIsNotAuthedWithStatus200() async throws {
        let reply = try await call("auth.test", token: nil)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body["ok"], false)
        XCTAssertEqual(reply.body["error"]?.stringValue, "not_authed")
    }

    func testAnUnknownTokenIsInvalidAuth() async throws {
        let reply = try await call("auth.test", token: "xoxb-not-a-real-token")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body["ok"], false)
        XCTAssertEqual(reply.body["error"]?.stringValue, "invalid_auth")
    }

    func testARevokedTokenStopsWorkingAndAnAddedOneStarts() async throws {
        upstreams.slack.addToken("xoxb-second")
        let added = try await call("auth.test", token: "xoxb-second")
        XCTAssertEqual(added.body["ok"], true)
        upstreams.slack.revokeToken("xoxb-second")
        let revoked = try await call("auth.test", token: "xoxb-second")
        XCTAssertEqual(revoked.body["error"]?.stringValue, "invalid_auth")
    }

    func testAuthTestIdentifiesTheSandboxBot() async throws {
        let reply = try await call("auth.test")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body["ok"], true)
        XCTAssertEqual(reply.body["url"]?.stringValue, "https://sandbox-co.slack.com/")
        XCTAssertEqual(reply.body["team"]?.stringValue, "Sandbox Co")
        XCTAssertEqual(reply.body["user"]?.stringValue, "patchbay-bot")
        XCTAssertEqual(reply.body["team_id"]?.stringValue, "T0SANDBOX")
        XCTAssertEqual(reply.body["user_id"]?.stringValue, "U0BOT")
    }

    func testAnUnknownMethodIs404() async throws {
        let reply = try await call("chat.notAThing")
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.body["ok"], false)
        XCTAssertEqual(reply.body["error"]?.stringValue, "unknown_method")
    }

    // MARK: Pagination

    func testConversationsListPagesReachEveryChannelExactlyOnce() async throws {
        var seen: [String] = []
        var cursor = ""
        var pages = 0
        repeat {
            var query = ["types": "public_channel,private_channel", "limit": "2"]
            if !cursor.isEmpty { query["cursor"] = cursor }
            let reply = try await call("conversations.list", query: query)
            XCTAssertEqual(reply.body["ok"], true, "\(reply.body)")
            let channels = try XCTUnwrap(reply.body["channels"]?.arrayValue)
            XCTAssertLessThanOrEqual(channels.count, 2)
            seen += channels.compactMap { $0["id"]?.stringValue }
            cursor = try XCTUnwrap(reply.body["response_metadata"]?["next_cursor"]?.stringValue)
            pages += 1
            XCTAssertLessThan(pages, 20, "pagination does not end")
        } while !cursor.isEmpty && pages < 20

        let all = upstreams.slack.channels.map(\.id)
        XCTAssertEqual(all.count, 7)
        XCTAssertEqual(seen.count, all.count, "a channel was repeated or skipped: \(seen)")
        XCTAssertEqual(Set(seen), Set(all))
        XCTAssertEqual(pages, 4)
        XCTAssertEqual(cursor, "", "the last page ends with an empty next_cursor")
    }

    func testConversationsListDefaultsToPublicChannelsAndCanDropArchivedOnes() async throws {
        let reply = try await call("conversations.list")
        let channels = try XCTUnwrap(reply.body["channels"]?.arrayValue)
        XCTAssertEqual(channels.count, 6)
        XCTAssertTrue(channels.allSatisfy { $0["is_private"] == false })
        XCTAssertEqual(reply.body["response_metadata"]?["next_cursor"]?.stringValue, "")

        let active = try await call("conversations.list", query: ["exclude_archived": "true"])
        let ids = try XCTUnwrap(active.body["channels"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        XCTAssertEqual(ids.count, 5)
        XCTAssertFalse(ids.contains("C0LAUNCH2023"))
    }

    func testAnInvalidCursorIsRefused() async throws {
        let reply = try await call("conversations.list", query: ["cursor": "not-a-cursor"])
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body["ok"], false)
        XCTAssertEqual(reply.body["error"]?.stringValue, "invalid_cursor")

        // A users.list cursor is not a conversations.list cursor.
        let users = try await call("users.list", query: ["limit": "5"])
        let userCursor = try XCTUnwrap(users.body["response_metadata"]?["next_cursor"]?.stringValue)
        XCTAssertFalse(userCursor.isEmpty)
        let mixed = try await call("conversations.list", query: ["cursor": userCursor])
        XCTAssertEqual(mixed.body["error"]?.stringValue, "invalid_cursor")
    }

    func testUsersListPagesReachEveryMemberExactlyOnce() async throws {
        var seen: [String] = []
        var cursor = ""
        var pages = 0
        repeat {
            var query = ["limit": "5"]
            if !cursor.isEmpty { query["cursor"] = cursor }
            let reply = try await call("users.list", query: query)
            XCTAssertEqual(reply.body["ok"], true, "\(reply.body)")
            seen += try XCTUnwrap(reply.body["members"]?.arrayValue).compactMap { $0["id"]?.stringValue }
            cursor = try XCTUnwrap(reply.body["response_metadata"]?["next_cursor"]?.stringValue)
            pages += 1
        } while !cursor.isEmpty && pages < 20
        XCTAssertEqual(seen.count, 12)
        XCTAssertEqual(Set(seen).count, 12)
        XCTAssertEqual(pages, 3)
    }

    // MARK: Behaviour controls

    func testThrottleNextAnswers429WithRetryAfterThenRecovers() async throws {
        upstreams.slack.throttleNext(1, retryAfter: 7)
        let throttled = try await call("auth.test")
        XCTAssertEqual(throttled.status, 429)
        XCTAssertEqual(throttled.headers.first(name: "retry-after"), "7")
        XCTAssertEqual(throttled.body["ok"], false)
        XCTAssertEqual(throttled.body["error"]?.stringValue, "ratelimited")

        let retried = try await call("auth.test")
        XCTAssertEqual(retried.status, 200)
        XCTAssertEqual(retried.body["ok"], true)
    }

    func testFailNextAnswersTheChosenError() async throws {
        upstreams.slack.failNext(1, error: "fatal_error")
        let failed = try await call("auth.test")
        XCTAssertEqual(failed.status, 200)
        XCTAssertEqual(failed.body["error"]?.stringValue, "fatal_error")
        let next = try await call("auth.test")
        XCTAssertEqual(next.body["ok"], true)
    }

    func testDelayNextHoldsTheAnswerBack() async throws {
        upstreams.slack.delayNext(1, seconds: 0.5)
        let start = Date()
        let slow = try await call("auth.test")
        XCTAssertEqual(slow.body["ok"], true)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.45)

        let quick = Date()
        _ = try await call("auth.test")
        XCTAssertLessThan(Date().timeIntervalSince(quick), 0.45)
    }

    func testStopDoesNotWaitForeverOnAStalledAnswer() async throws {
        upstreams.slack.delayNext(1, seconds: 60)
        let slack = upstreams.slack
        let before = slack.requests.count
        let base = try XCTUnwrap(upstreams.baseURLs["slack"])
        let stalled = Task { try? await FakeSlackTests.call(base, "auth.test") }
        try await eventually("the stalled request reached the fake") { slack.requests.count > before }
        let start = Date()
        await upstreams.stop()
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        _ = await stalled.value
    }

    func testStartingOnATakenPortFails() async throws {
        do {
            let second = try await FakeUpstreams.start(port: upstreams.port)
            await second.stop()
            XCTFail("a second server started on port \(upstreams.port)")
        } catch {}
    }

    func testRequestsAreRecordedWithLowercasedHeaders() async throws {
        _ = try await call("conversations.list", query: ["limit": "3"])
        let recorded = try XCTUnwrap(upstreams.slack.requests.last)
        XCTAssertEqual(recorded.method, "GET")
        XCTAssertEqual(recorded.path, "/slack/api/conversations.list")
        XCTAssertEqual(recorded.query["limit"], "3")
        XCTAssertEqual(recorded.headers["authorization"], "Bearer \(FakeSlack.sandboxToken)")
        upstreams.slack.reset()
        XCTAssertTrue(upstreams.slack.requests.isEmpty)
    }

    // MARK: chat.postMessage

    func testPostingToAnUnknownChannelIsChannelNotFound() async throws {
        let reply = try await call("chat.postMessage", json: ["channel": "C0NOPE", "text": "hello"])
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body["ok"], false)
        XCTAssertEqual(reply.body["error"]?.stringValue, "channel_not_found")
        XCTAssertTrue(upstreams.slack.postedMessages.isEmpty)
    }

    func testPostingIsRefusedWhereSlackRefusesIt() async throws {
        let archived = try await call("chat.postMessage", json: ["channel": "#launch-2023", "text": "hi"])
        XCTAssertEqual(archived.body["error"]?.stringValue, "is_archived")
        let empty = try await call("chat.postMessage", json: ["channel": "general", "text": ""])
        XCTAssertEqual(empty.body["error"]?.stringValue, "no_text")
        XCTAssertTrue(upstreams.slack.postedMessages.isEmpty)
    }

    func testAPostedMessageIsAnsweredAndRecorded() async throws {
        let reply = try await call("chat.postMessage", json: ["channel": "#general", "text": "Deploy finished"])
        XCTAssertEqual(reply.body["ok"], true, "\(reply.body)")
        XCTAssertEqual(reply.body["channel"]?.stringValue, "C0GENERAL")
        let ts = try XCTUnwrap(reply.body["ts"]?.stringValue)
        XCTAssertNotNil(ts.range(of: #"^[0-9]+\.[0-9]{6}$"#, options: .regularExpression), ts)
        XCTAssertEqual(reply.body["message"]?["type"]?.stringValue, "message")
        XCTAssertEqual(reply.body["message"]?["text"]?.stringValue, "Deploy finished")
        XCTAssertEqual(reply.body["message"]?["user"]?.stringValue, "U0BOT")
        XCTAssertEqual(reply.body["message"]?["ts"]?.stringValue, ts)

        // A form-encoded threaded reply, addressed by id.
        let threaded = try await call("chat.postMessage", form: "channel=C0GENERAL&text=Details+here&thread_ts=\(ts)")
        XCTAssertEqual(threaded.body["ok"], true, "\(threaded.body)")
        let replyTS = try XCTUnwrap(threaded.body["ts"]?.stringValue)
        XCTAssertGreaterThan(Double(replyTS) ?? 0, Double(ts) ?? 0)

        let posted = upstreams.slack.postedMessages
        XCTAssertEqual(posted.count, 2)
        XCTAssertEqual(posted.first?.channel, "C0GENERAL")
        XCTAssertEqual(posted.first?.text, "Deploy finished")
        XCTAssertEqual(posted.first?.ts, ts)
        XCTAssertNil(posted.first?.threadTS)
        XCTAssertEqual(posted.last?.text, "Details here")
        XCTAssertEqual(posted.last?.threadTS, ts)
    }

    // MARK: Helpers

    private struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: JSONValue
    }

    /// Calls a Web API method on this test's fake Slack.
    private func call(_ method: String, query: [String: String] = [:], token: String? = FakeSlack.sandboxToken,
                      json: JSONValue? = nil, form: String? = nil) async throws -> Reply {
        try await Self.call(try XCTUnwrap(upstreams.baseURLs["slack"]), method, query: query, token: token, json: json, form: form)
    }

    /// Calls a Web API method on the fake at `base`: GET with `query`, or POST with a JSON or form
    /// body. Static, so a task of its own captures no test case.
    private static func call(
        _ base: String,
        _ method: String,
        query: [String: String] = [:],
        token: String? = FakeSlack.sandboxToken,
        json: JSONValue? = nil,
        form: String? = nil
    ) async throws -> Reply {
        var components = try XCTUnwrap(URLComponents(string: "\(base)/\(method)"))
        if !query.isEmpty {
            components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            // A cursor is base64 and may end in "=", and "+" would read as a space: encode both.
            components.percentEncodedQuery = components.percentEncodedQuery?
                .replacingOccurrences(of: "+", with: "%2B")
        }
        var request = HTTPClientRequest(url: try XCTUnwrap(components.string))
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(json)))
        } else if let form {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let body = try WireCoding.decode(JSONValue.self, from: Data(bytes.readableBytesView))
        return Reply(status: Int(response.status.code), headers: response.headers, body: body)
    }
}
