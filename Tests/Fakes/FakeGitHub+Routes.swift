import Foundation
public import Hummingbird
import PatchbayClock
import PatchbayWire

extension FakeGitHub {
    /// The largest body the fake reads; GitHub's own limits are far above what tests send.
    static let maximumBodySize = 1024 * 1024

    /// Serves the REST API below `<prefix>/api/`. Every path goes through one dispatcher so an
    /// unknown one gets GitHub's JSON 404 and the rate-limit headers, like any other answer.
    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let api = router.group(RouterPath(prefix)).group(RouterPath(apiPath))
        let root = "/\(prefix)/\(apiPath)"
        for method in [HTTPRequest.Method.get, .post, .patch, .put, .delete] {
            api.on("**", method: method) { request, _ in try await self.respond(to: request, root: root) }
        }
    }

    func respond(to request: Request, root: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodySize)
        let recorded = RecordedRequest(request, body: body)
        // HTTP/1.1 clients always send Host; it carries the port the links must point at.
        let api = "http://\(request.head.authority ?? FakeUpstreams.host)\(root)"
        let (response, hold) = lock.withLock { () -> (Response, FakeHold) in
            requestSerial += 1
            let requestID = "FAKE:" + String(requestSerial, radix: 16, uppercase: true)
            let (reply, rate, hold) = answer(recorded, root: root, api: api)
            return (reply.response(rate: rate, requestID: requestID), hold)
        }
        await hold.wait()
        return response
    }

    /// Decides the answer to one request and the rate-limit window to report with it.
    /// Called with the lock held.
    private func answer(_ request: RecordedRequest, root: String, api: String) -> (GitHubReply, GitHubRateLimit, FakeHold) {
        let draw = controls.record(request)
        let viewer: String?
        do {
            viewer = try authenticate(request.headers["authorization"])
        } catch {
            return (.failure(.badCredentials), rateLimit(for: nil, counting: false), draw.hold)
        }
        if let retryAfter = draw.throttleRetryAfter {
            return (throttled(viewer: viewer, retryAfter: retryAfter, status: draw.throttleStatus), spentRateLimit(for: viewer, resetIn: retryAfter), draw.hold)
        }
        let rate = rateLimit(for: viewer, counting: true)
        guard rate.used <= rate.limit else {
            return (throttled(viewer: viewer, retryAfter: nil), rate, draw.hold)
        }
        if let version = request.headers["x-github-api-version"], version != Self.apiVersion {
            let error = GitHubAPIError(status: 400, message: "API version \(version) is not supported.",
                                       documentationURL: GitHubAPIError.docs + "/about-the-rest-api/api-versions")
            return (.failure(error), rate, draw.hold)
        }
        let relative = request.path.hasPrefix(root) ? String(request.path.dropFirst(root.count)) : request.path
        let segments = relative.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        let call = GitHubCall(method: request.method, segments: segments, query: request.query, body: request.body,
                              viewer: viewer, api: api)
        do {
            return (try route(call), rate, draw.hold)
        } catch let error as GitHubAPIError {
            return (.failure(error), rate, draw.hold)
        } catch {
            return (.failure(GitHubAPIError(status: 500, message: "Server Error", documentationURL: GitHubAPIError.docs)),
                    rate, draw.hold)
        }
    }

    /// Runs a known endpoint; anything else is GitHub's JSON 404. Called with the lock held.
    private func route(_ call: GitHubCall) throws -> GitHubReply {
        switch (call.method, call.segments.count, call.segments.first) {
        case ("GET", 1, "user"):
            return try currentUser(call)
        case ("GET", 2, "user") where call.segments[1] == "repos":
            return try listRepositories(call)
        case (_, 4..., "repos"):
            let repository = try visibleRepository(owner: call.segments[1], name: call.segments[2], viewer: call.viewer)
            return try routeRepository(call, repository, Array(call.segments.dropFirst(3)))
        default:
            throw GitHubAPIError.notFound()
        }
    }

    private func routeRepository(_ call: GitHubCall, _ repository: GitHubRepository, _ rest: [String]) throws -> GitHubReply {
        switch (call.method, rest.count, rest[0]) {
        case ("GET", 1, "issues"): return try listIssues(call, repository)
        case ("POST", 1, "issues"): return try createIssue(call, repository)
        case ("GET", 2, "issues"): return try getIssue(call, repository, number: rest[1])
        case ("GET", 3, "issues") where rest[2] == "comments": return try listComments(call, repository, number: rest[1])
        case ("POST", 3, "issues") where rest[2] == "comments": return try createComment(call, repository, number: rest[1])
        case ("GET", 1, "pulls"): return try listPulls(call, repository)
        case ("POST", 1, "pulls"): return try createPull(call, repository)
        default: throw GitHubAPIError.notFound()
        }
    }

    /// GitHub takes `Authorization: Bearer <token>` or the older `token <token>`. No header is
    /// an anonymous caller; an unknown token is 401 `Bad credentials` on every endpoint.
    /// Called with the lock held.
    private func authenticate(_ header: String?) throws -> String? {
        guard let header else { return nil }
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { throw GitHubAPIError.badCredentials }
        guard let login = controls.grant(for: parts[1].trimmingCharacters(in: .whitespaces)) else { throw GitHubAPIError.badCredentials }
        return login
    }

    /// The caller's window, counting this request when `counting`. Called with the lock held.
    private func rateLimit(for viewer: String?, counting: Bool) -> GitHubRateLimit {
        let key = viewer ?? "anonymous"
        if counting { rateUsed[key, default: 0] += 1 }
        return GitHubRateLimit(limit: viewer == nil ? 60 : 5000, used: rateUsed[key, default: 0], reset: rateWindowReset)
    }

    private func spentRateLimit(for viewer: String?, resetIn seconds: Int) -> GitHubRateLimit {
        let limit = viewer == nil ? 60 : 5000
        return GitHubRateLimit(limit: limit, used: limit, reset: Int(clock.wallMillis / 1000) + seconds)
    }

    /// GitHub's answer once the limit is spent: 403. With `retryAfter` (a queued throttle) it
    /// carries `Retry-After` and the queued `status`. Called with the lock held.
    private func throttled(viewer: String?, retryAfter: Int?, status: Int = 403) -> GitHubReply {
        let who = viewer.flatMap { login in accountList.first { $0.login == login } }.map { "user ID \($0.id)" } ?? "127.0.0.1"
        let error = GitHubAPIError(status: status,
                                   message: "API rate limit exceeded for \(who).",
                                   documentationURL: GitHubAPIError.docs + "/overview/rate-limits-for-the-rest-api")
        var reply = GitHubReply.failure(error)
        if let retryAfter { reply.headers.append(("retry-after", String(retryAfter))) }
        return reply
    }

    /// The repository `owner/name` if it exists and `viewer` may see it; 404 otherwise, as
    /// GitHub hides private repositories. Called with the lock held.
    func visibleRepository(owner: String, name: String, viewer: String?) throws -> GitHubRepository {
        guard let repository = repositoryList.first(where: {
            $0.owner.lowercased() == owner.lowercased() && $0.name.lowercased() == name.lowercased()
        }), repository.isVisible(to: viewer) else {
            throw GitHubAPIError.notFound("/repos/repos#get-a-repository")
        }
        return repository
    }

    /// The short user object for `login`, as embedded in other objects. Called with the lock held.
    func accountJSON(_ api: String) -> (String) -> JSONValue {
        let accounts = accountList
        return { login in
            accounts.first { $0.login == login }?.simpleJSON(api: api)
                ?? GitHubAccount(login: login, id: GitHubIssue.stableNumber(login), createdAt: "2020-01-01T00:00:00Z").simpleJSON(api: api)
        }
    }

    func repositoryJSON(_ repository: GitHubRepository, api: String) -> JSONValue {
        let openIssues = issueList.filter { $0.repository == repository.fullName && $0.state == "open" }.count
        return repository.json(api: api, owner: accountList.first { $0.login == repository.owner }, openIssues: openIssues)
    }

    /// A fresh id for a created object. Called with the lock held.
    func makeID() -> Int {
        nextID += 1
        return nextID
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
