import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayClock
import PatchbayEgress
import PatchbayFakes
import PatchbayModel
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// The GitHub provider end to end: HTTP API → services → dlopened plugin → host egress →
/// fake GitHub, plus direct plugin calls where the host's API does not reach (error details,
/// webhook parsing).
final class GitHubProviderTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var connection: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbayGitHub"])
        key = try await host.key()
        connection = try await connect(token: FakeGitHub.sandboxToken)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func connect(token: String, config: JSONValue = [:]) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key,
                                           json: ["provider": "github", "credentials": ["token": .string(token)], "config": config])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect github: \(reply.status) \(reply.body)")
        }
        return id
    }

    func invoke(_ action: String, _ input: JSONValue, on connection: String? = nil) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection ?? self.connection!)/actions/\(action)/invoke",
                               key: key, json: ["input": input])
    }

    /// Calls the loaded plugin directly, with HTTP through the host's real egress to the fake
    /// and the sandbox token injected, for what the HTTP API does not show (error details) or
    /// would refuse before the plugin runs (input the schema forbids).
    func callPlugin(_ method: PluginMethod, _ call: PluginCall) async throws -> PluginReply {
        let plugin = try XCTUnwrap(host.patchbay.registry.plugin("github"))
        let base = try XCTUnwrap(URL(string: try XCTUnwrap(host.fakes.baseURLs["github"])))
        let target = EgressTarget(baseURL: base, allowedHosts: [], auth: .bearer("token"),
                                  credentials: ["token": FakeGitHub.sandboxToken])
        let egress = host.patchbay.egress
        let context = PluginCallContext(secrets: [FakeGitHub.sandboxToken]) { await egress.send($0, to: target) }
        return await plugin.call(method, call, context: context, timeout: .seconds(10))
    }

    /// A request straight to the fake, to read what it answers (headers included).
    func fakeGET(_ url: String, token: String?) async throws -> TestHost.Reply {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return TestHost.Reply(status: Int(response.status.code), headers: headers, body: String(buffer: body))
    }

    func pluginError(_ reply: PluginReply, file: StaticString = #filePath, line: UInt = #line) -> PluginError? {
        guard case .failure(let error) = reply else {
            XCTFail("expected the plugin to fail", file: file, line: line)
            return nil
        }
        return error
    }

    // MARK: Manifest, check and auth

    func testCatalogEntryAndCheckUseTheTokenAndGitHubsHeaders() async throws {
        let entry = try await host.request("GET", "/v1/catalog/github", key: key)
        XCTAssertEqual(entry.status, 200, entry.body)
        XCTAssertEqual(entry.json["auth_type"], "bearer")
        XCTAssertEqual(entry.json["category"], "developer")
        XCTAssertEqual(entry.json["supports_discovery"], true)
        XCTAssertEqual(entry.json["webhook_scheme"], "github_sha256")
        XCTAssertEqual(Set(entry.json["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []),
                       ["get_current_user", "list_repositories", "list_issues", "get_issue", "create_issue",
                        "list_pull_requests", "create_pull_request", "add_comment"])

        let manifest = try XCTUnwrap(host.patchbay.registry.plugin("github")?.manifest)
        XCTAssertEqual(manifest.baseURLConfigField, "base_url")
        XCTAssertEqual(manifest.allowedHosts, ["api.github.com"])
        XCTAssertEqual(manifest.credentials.map(\.name), ["token", "webhook_secret"])
        XCTAssertEqual(manifest.credentials.last?.required, false)
        XCTAssertEqual(Set(manifest.packs.map(\.id)), ["issue-triage", "pr-helper"])
        XCTAssertEqual(manifest.webhooks?.testVector?.secret, "It's a Secret to Everybody")
        XCTAssertEqual(manifest.webhooks?.testVector?.headers["x-hub-signature-256"],
                       "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")

        let check = try await host.request("POST", "/v1/connections/\(connection!)/test", key: key)
        XCTAssertEqual(check.json["success"], true, check.body)
        XCTAssertEqual(check.json["message"], "Connected to github.com as octo-sandbox")
        let sent = try XCTUnwrap(host.fakes.github.requests.last)
        XCTAssertEqual(sent.method, "GET")
        XCTAssertEqual(sent.path, "/github/api/user")
        XCTAssertEqual(sent.headers["authorization"], "Bearer \(FakeGitHub.sandboxToken)")
        XCTAssertEqual(sent.headers["accept"], "application/vnd.github+json")
        XCTAssertEqual(sent.headers["x-github-api-version"], "2022-11-28")
    }

    func testAWrongTokenFailsTheCheckAndIsUnauthorized() async throws {
        let wrong = try await connect(token: "ghp_NotARealToken000000000000000000000000")
        let check = try await host.request("POST", "/v1/connections/\(wrong)/test", key: key)
        XCTAssertEqual(check.json["success"], false)
        XCTAssertTrue(check.json["message"]?.stringValue?.contains("Bad credentials") == true, check.body)

        let reply = try await invoke("get_current_user", [:], on: wrong)
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "unauthorized")
        XCTAssertEqual(reply.json["error"]?["retryable"], false)

        let refused = try await host.request("POST", "/v1/connections", key: key,
                                             json: ["provider": "github", "credentials": ["token": "hunter2"]])
        XCTAssertEqual(refused.status, 400, "a value that is no GitHub token is refused at connect time")
        XCTAssertEqual(refused.errorField, "credentials.token")
    }

    func testEnterpriseBaseURLIsConnectionConfig() async throws {
        _ = try await connect(token: FakeGitHub.sandboxToken, config: ["base_url": "https://github.acme.com/api/v3"])
        let insecure = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "github", "credentials": ["token": .string(FakeGitHub.sandboxToken)],
            "config": ["base_url": "http://github.acme.com/api/v3"],
        ])
        XCTAssertEqual(insecure.status, 400, insecure.body)
        XCTAssertEqual(insecure.errorField, "config.base_url")
    }

    // MARK: Reading

    func testCurrentUserIsTheTokensAccount() async throws {
        let reply = try await invoke("get_current_user", [:])
        XCTAssertEqual(reply.status, 200, reply.body)
        let viewer = try XCTUnwrap(host.fakes.github.accounts.first { $0.login == FakeGitHub.viewerLogin })
        XCTAssertEqual(reply.json["output"]?["login"], .string(viewer.login))
        XCTAssertEqual(reply.json["output"]?["id"]?.intValue, viewer.id)
        XCTAssertEqual(reply.json["output"]?["name"], viewer.name.map(JSONValue.string))
    }

    func testListRepositoriesFollowsTheLinkHeaderAcrossPages() async throws {
        let mine = host.fakes.github.repositories
            .filter { $0.owner == FakeGitHub.viewerLogin || $0.members.contains(FakeGitHub.viewerLogin) }
            .map(\.fullName).sorted { $0.lowercased() < $1.lowercased() }
        XCTAssertEqual(mine.count, 5)
        host.fakes.github.reset()

        let all = try await invoke("list_repositories", ["per_page": 2])
        XCTAssertEqual(all.status, 200, all.body)
        XCTAssertEqual(all.json["output"]?["repositories"]?.arrayValue?.compactMap { $0["full_name"]?.stringValue }, mine)
        XCTAssertEqual(all.json["output"]?["next_page"], .null)
        let pages = host.fakes.github.requests.filter { $0.path == "/github/api/user/repos" }
        XCTAssertEqual(pages.map { $0.query["page"] }, ["1", "2", "3"])
        XCTAssertEqual(Set(pages.map { $0.query["per_page"] }), ["2"])
        XCTAssertTrue(pages.allSatisfy { $0.headers["authorization"] == "Bearer \(FakeGitHub.sandboxToken)" },
                      "the token goes along to the pages the link header points at")

        // A limit that cuts page 2 short: that page is offered again so nothing is skipped.
        let limited = try await invoke("list_repositories", ["per_page": 2, "limit": 3])
        XCTAssertEqual(limited.json["output"]?["repositories"]?.arrayValue?.count, 3)
        XCTAssertEqual(limited.json["output"]?["next_page"], 2)

        let second = try await invoke("list_repositories", ["per_page": 2, "page": 2, "limit": 2])
        XCTAssertEqual(second.json["output"]?["repositories"]?.arrayValue?.compactMap { $0["full_name"]?.stringValue },
                       Array(mine[2..<4]))
        XCTAssertEqual(second.json["output"]?["next_page"], 3)

        let privateOnly = try await invoke("list_repositories", ["visibility": "private"])
        XCTAssertEqual(privateOnly.json["output"]?["repositories"]?.arrayValue?.allSatisfy { $0["private"] == true }, true)
        XCTAssertEqual(privateOnly.json["output"]?["repositories"]?.arrayValue?.count, 2)
    }

    func testListIssuesLeavesOutPullRequestsAndFilters() async throws {
        let widgets = host.fakes.github.issues.filter { $0.repository == "octo-sandbox/widgets" }
        let plainIssues = widgets.filter { !$0.isPullRequest }
        XCTAssertGreaterThan(widgets.count, plainIssues.count, "the seed mixes pull requests in")

        let all = try await invoke("list_issues", ["owner": "octo-sandbox", "repo": "widgets", "state": "all", "per_page": 2])
        XCTAssertEqual(all.status, 200, all.body)
        let numbers = all.json["output"]?["issues"]?.arrayValue?.compactMap { $0["number"]?.intValue }
        XCTAssertEqual(numbers, plainIssues.sorted { $0.createdAt > $1.createdAt }.map(\.number), "newest first, no pull requests")
        XCTAssertEqual(all.json["output"]?["issues"]?.arrayValue?.contains { $0["is_pull_request"] == true }, false)
        XCTAssertGreaterThan(host.fakes.github.requests.filter { $0.path.hasSuffix("/widgets/issues") }.count, 1)

        let bugs = try await invoke("list_issues", ["owner": "octo-sandbox", "repo": "widgets", "state": "all", "labels": ["bug"]])
        XCTAssertEqual(bugs.json["output"]?["issues"]?.arrayValue?.compactMap { $0["number"]?.intValue }, [4, 1])
        XCTAssertEqual(host.fakes.github.requests.last?.query["labels"], "bug")

        let open = try await invoke("list_issues", ["owner": "octo-sandbox", "repo": "widgets", "assignee": "none"])
        XCTAssertEqual(open.json["output"]?["issues"]?.arrayValue?.compactMap { $0["number"]?.intValue }, [6, 3])
        let first = try XCTUnwrap(open.json["output"]?["issues"]?.arrayValue?.last)
        XCTAssertEqual(first["repository"], "octo-sandbox/widgets")
        XCTAssertEqual(first["labels"], ["documentation", "good first issue"])
        XCTAssertEqual(first["body"], .null)
    }

    func testGetIssueAndRepositoriesThatCannotBeSeen() async throws {
        let issue = try await invoke("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 1])
        XCTAssertEqual(issue.status, 200, issue.body)
        XCTAssertEqual(issue.json["output"]?["title"], "Crash on empty input")
        XCTAssertEqual(issue.json["output"]?["assignees"], ["octo-sandbox"])
        XCTAssertEqual(issue.json["output"]?["user"], "mona")
        let pull = try await invoke("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 2])
        XCTAssertEqual(pull.json["output"]?["is_pull_request"], true)

        for (owner, repo) in [("octo-sandbox", "nope"), ("someone-else", "secret")] {
            let reply = try await invoke("list_issues", ["owner": .string(owner), "repo": .string(repo)])
            XCTAssertEqual(reply.status, 422, reply.body)
            XCTAssertEqual(reply.errorCode, "not_found", "\(owner)/\(repo)")
        }
        let missing = try await invoke("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 999])
        XCTAssertEqual(missing.errorCode, "not_found")
    }

    // MARK: Writing

    func testCreateIssueSendsTheFieldsAndAnswersTheNewIssue() async throws {
        let reply = try await invoke("create_issue", ["owner": "octo-sandbox", "repo": "widgets", "title": "Export fails",
                                                      "body": "Steps: …", "labels": ["bug", "export"], "assignees": ["mona"]])
        XCTAssertEqual(reply.status, 200, reply.body)
        let created = try XCTUnwrap(host.fakes.github.issues.last)
        XCTAssertEqual(created.title, "Export fails")
        XCTAssertEqual(created.labels, ["bug", "export"])
        XCTAssertEqual(created.user, FakeGitHub.viewerLogin)
        XCTAssertEqual(reply.json["output"]?["number"]?.intValue, created.number)
        XCTAssertEqual(reply.json["output"]?["state"], "open")
        XCTAssertEqual(reply.json["output"]?["assignees"], ["mona"])
        XCTAssertEqual(reply.json["requests"]?.arrayValue?.compactMap { $0["status"]?.intValue }, [201])
        let sent = try XCTUnwrap(host.fakes.github.requests.last)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.path, "/github/api/repos/octo-sandbox/widgets/issues")
        let body = try WireCoding.decode(JSONValue.self, from: Data(sent.body.utf8))
        XCTAssertEqual(body, ["title": "Export fails", "body": "Steps: …", "labels": ["bug", "export"], "assignees": ["mona"]])
    }

    func testCreateIssueRefusalsCarryGitHubsCodeAndField() async throws {
        let seeded = host.fakes.github.issues.count
        let stranger = try await invoke("create_issue", ["owner": "octo-sandbox", "repo": "widgets", "title": "x",
                                                         "assignees": ["someone-else"]])
        XCTAssertEqual(stranger.status, 422, stranger.body)
        XCTAssertEqual(stranger.errorCode, "validation_failed")
        XCTAssertEqual(stranger.errorField, "input.assignees")

        let disabled = try await invoke("create_issue", ["owner": "octo-sandbox", "repo": "docs", "title": "x"])
        XCTAssertEqual(disabled.status, 422, disabled.body)
        XCTAssertEqual(disabled.errorCode, "issues_disabled")
        let archived = try await invoke("create_issue", ["owner": "octo-sandbox", "repo": "archive-2019", "title": "x"])
        XCTAssertEqual(archived.errorCode, "forbidden")
        XCTAssertEqual(host.fakes.github.issues.count, seeded, "nothing was created")

        // The host's schema requires a title, so GitHub's own check is reached by calling the plugin directly.
        let reply = try await callPlugin(.invoke, PluginCall(action: "create_issue", input: ["owner": "octo-sandbox", "repo": "widgets"]))
        let error = try XCTUnwrap(pluginError(reply))
        XCTAssertEqual(error.code, "validation_failed")
        XCTAssertEqual(error.field, "title")
        XCTAssertEqual(error.upstreamStatus, 422)
        XCTAssertEqual(error.details?["errors"], [["resource": "Issue", "field": "title", "code": "missing_field"]])
        XCTAssertNotNil(error.details?["documentation_url"]?.stringValue)
    }

    func testPullRequestsAndComments() async throws {
        let created = try await invoke("create_pull_request", ["owner": "octo-sandbox", "repo": "widgets", "title": "Tidy up",
                                                               "head": "fix/empty-input", "base": "main", "draft": true])
        XCTAssertEqual(created.status, 200, created.body)
        XCTAssertEqual(created.json["output"]?["draft"], true)
        XCTAssertEqual(created.json["output"]?["head"], "fix/empty-input")
        XCTAssertEqual(created.json["output"]?["merged"], false)
        XCTAssertEqual(created.json["output"]?["repository"], "octo-sandbox/widgets")
        let number = try XCTUnwrap(created.json["output"]?["number"]?.intValue)

        let duplicate = try await invoke("create_pull_request", ["owner": "octo-sandbox", "repo": "widgets", "title": "Again",
                                                                 "head": "feature/csv", "base": "main"])
        XCTAssertEqual(duplicate.errorCode, "validation_failed")
        XCTAssertTrue(duplicate.json["error"]?["message"]?.stringValue?.contains("already exists") == true, duplicate.body)
        let noBranch = try await invoke("create_pull_request", ["owner": "octo-sandbox", "repo": "widgets", "title": "x",
                                                                "head": "nowhere", "base": "main"])
        XCTAssertEqual(noBranch.errorField, "input.head")

        let open = try await invoke("list_pull_requests", ["owner": "octo-sandbox", "repo": "widgets"])
        XCTAssertEqual(open.json["output"]?["pull_requests"]?.arrayValue?.compactMap { $0["number"]?.intValue }, [number, 7, 2])
        let merged = try await invoke("list_pull_requests", ["owner": "octo-sandbox", "repo": "widgets", "state": "closed"])
        XCTAssertEqual(merged.json["output"]?["pull_requests"]?.arrayValue?.first?["merged"], true)

        let comment = try await invoke("add_comment", ["owner": "octo-sandbox", "repo": "widgets", "number": 1, "body": "On it."])
        XCTAssertEqual(comment.status, 200, comment.body)
        XCTAssertEqual(comment.json["output"]?["issue_number"], 1)
        XCTAssertEqual(comment.json["output"]?["repository"], "octo-sandbox/widgets")
        XCTAssertEqual(comment.json["output"]?["user"], "octo-sandbox")
        XCTAssertEqual(host.fakes.github.comments.last?.body, "On it.")
        XCTAssertEqual(host.fakes.github.requests.last?.path, "/github/api/repos/octo-sandbox/widgets/issues/1/comments")
        let reread = try await invoke("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 1])
        XCTAssertEqual(reread.json["output"]?["comments"], 3)
    }

    func testBadInputIsRefusedBeforeGitHubIsCalled() async throws {
        host.fakes.github.reset()
        let cases: [(String, JSONValue, String, String)] = [
            ("list_issues", ["owner": "bad owner!", "repo": "widgets"], "validation_failed", "input.owner"),
            ("list_issues", ["owner": "octo-sandbox", "repo": "wid/gets"], "validation_failed", "input.repo"),
            ("list_issues", ["owner": "octo-sandbox", "repo": "widgets", "per_page": 101], "validation_failed", "input.per_page"),
            ("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 0], "validation_failed", "input.number"),
            ("create_issue", ["owner": "octo-sandbox", "repo": "widgets", "title": ""], "validation_failed", "input.title"),
            ("get_issue", ["owner": "octo-sandbox", "repo": "..", "number": 1], "invalid_input", "input.repo"),
        ]
        for (action, input, code, field) in cases {
            let reply = try await invoke(action, input)
            XCTAssertEqual(reply.status, 400, "\(input): \(reply.body)")
            XCTAssertEqual(reply.errorCode, code, "\(input)")
            XCTAssertEqual(reply.errorField, field, "\(input)")
        }
        XCTAssertEqual(host.fakes.github.requests.count, 0, "invalid input must never reach GitHub")
    }

    // MARK: Rate limits

    func testA429IsRetriedAfterRetryAfterThenSucceeds() async throws {
        // On a clock only the test moves: the retry waits for exactly Retry-After of the host's time.
        // The clock is a minute ahead of the fake's, so the window reset the fake reports with
        // its 429 (a second after its now) has passed and Retry-After alone holds the retry back.
        let clock = ManualClock(wallMillis: SystemClock().wallMillis + 60_000)
        try await host.stop()
        host = try await TestHost.start(plugins: ["PatchbayGitHub"], clock: clock)
        key = try await host.key()
        connection = try await connect(token: FakeGitHub.sandboxToken)
        try await host.invokeThroughOneRetryAfter(connection, "get_current_user", key: key, clock: clock, upstream: host.fakes.github)
    }

    func testASpentRateLimitIsRateLimitedWithTheResetTime() async throws {
        // 403 with x-ratelimit-remaining: 0 is not retried by the host; the plugin must see it as a rate limit.
        host.fakes.github.throttleNext(1, retryAfter: 30, status: 403)
        let reply = try await invoke("list_repositories", [:])
        XCTAssertEqual(reply.status, 429, reply.body)
        XCTAssertEqual(reply.errorCode, "rate_limited")
        XCTAssertEqual(reply.json["error"]?["retryable"], true)
        let executionID = try XCTUnwrap(reply.json["error"]?["execution_id"]?.stringValue)
        let execution = try await host.request("GET", "/v1/executions/\(executionID)", key: key)
        XCTAssertEqual(execution.json["requests"]?.arrayValue?.compactMap { $0["status"]?.intValue }, [403],
                       "a 403 is not retried")
        XCTAssertEqual(execution.json["error"]?["code"], "rate_limited")

        host.fakes.github.throttleNext(1, retryAfter: 60)
        let before = Int(Date().timeIntervalSince1970)
        let direct = try await callPlugin(.invoke, PluginCall(action: "get_current_user", input: [:]))
        let error = try XCTUnwrap(pluginError(direct))
        XCTAssertEqual(error.code, "rate_limited")
        XCTAssertEqual(error.upstreamStatus, 429)
        XCTAssertTrue(error.retryable)
        XCTAssertEqual(error.details?["retry_after_seconds"]?.doubleValue, 60)
        let reset = try XCTUnwrap(error.details?["reset_epoch"]?.intValue)
        XCTAssertTrue((before + 59...before + 62).contains(reset), "reset \(reset) is about a minute away")
        XCTAssertNotNil(error.details?["reset_at"]?.stringValue)
    }

    func testEveryAnswerCarriesRateLimitHeaders() async throws {
        let reply = try await invoke("get_current_user", [:])
        XCTAssertEqual(reply.status, 200)
        let response = try await fakeGET(try XCTUnwrap(host.fakes.baseURLs["github"]) + "/user",
                                               token: FakeGitHub.sandboxToken)
        XCTAssertEqual(response.headers["x-ratelimit-limit"], "5000")
        XCTAssertEqual(response.headers["x-ratelimit-remaining"], "4998", "two requests used so far")
        XCTAssertEqual(response.headers["x-ratelimit-used"], "2")
        XCTAssertNotNil(response.headers["x-ratelimit-reset"].flatMap(Int.init))
        let unknown = try await fakeGET(try XCTUnwrap(host.fakes.baseURLs["github"]) + "/nothing/here", token: nil)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.json["message"], "Not Found")
        XCTAssertEqual(unknown.headers["x-ratelimit-limit"], "60", "anonymous callers get 60 an hour")
        let bad = try await fakeGET(try XCTUnwrap(host.fakes.baseURLs["github"]) + "/user", token: "ghp_nope")
        XCTAssertEqual(bad.status, 401)
        XCTAssertEqual(bad.json["message"], "Bad credentials")
        XCTAssertNotNil(bad.json["documentation_url"]?.stringValue)
    }

    // MARK: Discovery

    func testDiscoveryDescribesExactlyWhatTheActionsReturn() async throws {
        host.fakes.github.reset()
        let reply = try await host.request("POST", "/v1/connections/\(connection!)/discover", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(host.fakes.github.requests.map(\.path), ["/github/api/user"], "discovery confirms the connection")
        let schema = try WireCoding.decode(DiscoveredSchema.self, from: Data(reply.body.utf8))
        XCTAssertEqual(schema.objects.map(\.name), ["user", "repository", "issue", "pull_request", "comment"])

        let repositories = try await output("list_repositories", ["limit": 1])
        let pulls = try await output("list_pull_requests", ["owner": "octo-sandbox", "repo": "widgets", "state": "all"])
        let samples: [String: JSONValue] = [
            "user": try await output("get_current_user", [:]),
            "repository": repositories["repositories"]?.arrayValue?.first ?? .null,
            "issue": try await output("get_issue", ["owner": "octo-sandbox", "repo": "widgets", "number": 3]),
            "pull_request": pulls["pull_requests"]?.arrayValue?.first ?? .null,
            "comment": try await output("add_comment", ["owner": "octo-sandbox", "repo": "widgets", "number": 1, "body": "Hi"]),
        ]
        for object in schema.objects {
            let sample = try XCTUnwrap(samples[object.name]?.objectValue, object.name)
            XCTAssertEqual(Set(object.fields.map(\.name)), Set(sample.keys), "\(object.name): fields differ from the action's output")
            XCTAssertEqual(object.fields.filter(\.primaryKey).count, 1, object.name)
            for field in object.fields {
                let value = try XCTUnwrap(sample[field.name], "\(object.name).\(field.name)")
                if value.isNull {
                    XCTAssertTrue(field.nullable, "\(object.name).\(field.name) is null but not nullable")
                } else {
                    XCTAssertEqual(value.schemaTypeName, field.type, "\(object.name).\(field.name)")
                }
            }
        }
        let fields = Dictionary(uniqueKeysWithValues: schema.objects.map { ($0.name, Set($0.fields.map(\.name))) })
        for relationship in schema.relationships {
            XCTAssertTrue(Set(relationship.fromFields).isSubset(of: fields[relationship.from] ?? []), "\(relationship)")
            XCTAssertTrue(Set(relationship.toFields).isSubset(of: fields[relationship.to] ?? []), "\(relationship)")
        }
        XCTAssertTrue(schema.relationships.contains {
            $0.from == "issue" && $0.to == "repository" && $0.cardinality == .manyToOne
        })
        let actions = Set(try XCTUnwrap(host.patchbay.registry.plugin("github")).manifest.actions.map(\.name))
        XCTAssertTrue(schema.operations.allSatisfy { actions.contains($0.action) && fields[$0.object] != nil })

        let object = try await host.request("GET", "/v1/connections/\(connection!)/schema/objects/issue", key: key)
        XCTAssertEqual(object.json["operations"]?.arrayValue?.compactMap { $0["action"]?.stringValue },
                       ["list_issues", "get_issue", "create_issue"])
    }

    func output(_ action: String, _ input: JSONValue) async throws -> JSONValue {
        let reply = try await invoke(action, input)
        XCTAssertEqual(reply.status, 200, "\(action): \(reply.body)")
        return reply.json["output"] ?? .null
    }

    // MARK: Webhooks

    func testWebhookDeliveriesBecomeKeyedEvents() async throws {
        func parse(_ headers: [String: String], _ body: String) async throws -> PluginReply {
            try await callPlugin(.parseWebhook, PluginCall(webhook: InboundWebhook(headers: headers, body: body)))
        }
        let opened = try await parse(["x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "x-github-event": "issues"],
                                     #"{"action":"opened","issue":{"number":7}}"#)
        guard case .success(let data) = opened else { return XCTFail("\(opened)") }
        let events = try WireCoding.decode([WebhookEvent].self, from: data)
        XCTAssertEqual(events, [.withBodyAsPayload(id: "72d3162e-cc78-11e3-81ab-4c9367dc0958", type: "issues", key: "github.issues.opened")],
                       "a JSON body is the payload, stored as it came")

        let cases: [([String: String], String, String)] = [
            (["x-github-delivery": "d1", "x-github-event": "ping"], #"{"zen":"Design for failure.","hook_id":1}"#, "github.ping"),
            (["x-github-delivery": "d2", "x-github-event": "push"], #"{"ref":"refs/heads/main"}"#, "github.push"),
            // Only the body's own `action` names the event's, not one deeper in it, nor one that is not text.
            (["x-github-delivery": "d5", "x-github-event": "issues"], #" {"issue":{"action":"inner"},"n":[{"action":"x"}]} "#, "github.issues"),
            (["x-github-delivery": "d6", "x-github-event": "issues"], #"{"action":7}"#, "github.issues"),
            (["x-github-delivery": "d7", "x-github-event": "issues"], #"{"issue":{"a":"\u00e9"},"action":"l\u0061beled"}"#,
             "github.issues.labeled"),
            (["x-github-delivery": "d3", "x-github-event": "pull_request"],
             "payload=%7B%22action%22%3A%22closed%22%2C%22number%22%3A2%7D", "github.pull_request.closed"),
        ]
        for (headers, body, key) in cases {
            guard case .success(let data) = try await parse(headers, body) else { return XCTFail(key) }
            let events = try WireCoding.decode([WebhookEvent].self, from: data)
            XCTAssertEqual(events.map(\.key), [key])
            XCTAssertEqual(events.first?.id, headers["x-github-delivery"])
            if body.hasPrefix("payload=") {
                XCTAssertEqual(events.first?.payload, ["action": "closed", "number": 2], "a form's field is sent as JSON")
                XCTAssertEqual(events.first?.payloadIsBody, false)
            }
        }

        let noDelivery = try await parse(["x-github-event": "issues"], "{}")
        XCTAssertEqual(pluginError(noDelivery)?.code, "invalid_webhook")
        let notJSON = try await parse(["x-github-delivery": "d4", "x-github-event": "issues"], "Hello, World!")
        XCTAssertEqual(pluginError(notJSON)?.code, "invalid_webhook")
        // The body is read whole, by the JSON rules the host stores it under, though only its `action` is kept.
        for body in [#"["action"]"#, #"{"action":"opened","action":"closed"}"#, #"{"action":"opened","issue":{"number":07}}"#,
                     #"{"action":"opened"} {}"#] {
            let refused = try await parse(["x-github-delivery": "d8", "x-github-event": "issues"], body)
            XCTAssertEqual(pluginError(refused)?.code, "invalid_webhook", body)
        }
    }
}
