import PatchbayWire

extension FakeGitHub {
    static let pullsDocs = "/pulls/pulls"

    /// `GET /repos/{owner}/{repo}/pulls`: filtered by `state`, `head` (`owner:branch`) and
    /// `base`, newest first by default. Called with the lock held.
    func listPulls(_ call: GitHubCall, _ repository: GitHubRepository) throws -> GitHubReply {
        let state = call.stateFilter
        var pulls = issueList.filter { issue in
            guard let pull = issue.pull, issue.repository == repository.fullName,
                  state == "all" || issue.state == state else { return false }
            if let base = call.query["base"], pull.base != base { return false }
            if let head = call.query["head"], "\(repository.owner):\(pull.head)" != head { return false }
            return true
        }
        let key: (GitHubIssue) -> String = call.query["sort"] == "updated" ? \.updatedAt : \.createdAt
        let ascending = call.ascending(byDefault: false)
        pulls.sort { ascending ? key($0) < key($1) : key($0) > key($1) }
        let page = GitHubPagination(query: call.query).slice(pulls, call: call)
        let accounts = accountJSON(call.api)
        let repositoryJSON = repositoryJSON(repository, api: call.api)
        return .ok(.array(page.items.compactMap { $0.pullJSON(api: call.api, accounts: accounts, repositoryJSON: repositoryJSON) }),
                   link: page.link)
    }

    /// `POST /repos/{owner}/{repo}/pulls`: `title`, `head` and `base` are required; `head` may
    /// be `branch` or `owner:branch`. Refuses unknown branches, identical ones and a second open
    /// pull request for the same head, with GitHub's 422 shapes. Called with the lock held.
    func createPull(_ call: GitHubCall, _ repository: GitHubRepository) throws -> GitHubReply {
        let login = try call.requireViewer()
        guard !repository.isArchived else { throw GitHubAPIError.archived }
        guard canAccess(login, repository) else {
            throw GitHubAPIError(status: 403, message: "Resource not accessible by personal access token",
                                 documentationURL: GitHubAPIError.docs + Self.pullsDocs + "#create-a-pull-request")
        }
        let object = try call.jsonObject()
        let docs = Self.pullsDocs + "#create-a-pull-request"
        let missing = ["title", "head", "base"].filter { (object[$0]?.stringValue ?? "").isEmpty }
        guard missing.isEmpty else {
            throw GitHubAPIError.validation(docs, missing.map { GitHubAPIError.fieldError("PullRequest", $0, "missing_field") })
        }
        let title = object["title"]?.stringValue ?? ""
        let base = object["base"]?.stringValue ?? ""
        var head = object["head"]?.stringValue ?? ""
        if let colon = head.firstIndex(of: ":") {
            guard head[..<colon] == repository.owner else {
                throw GitHubAPIError.validation(docs, [GitHubAPIError.fieldError("PullRequest", "head", "invalid")])
            }
            head = String(head[head.index(after: colon)...])
        }
        let unknown = [("base", base), ("head", head)].filter { !repository.branches.contains($0.1) }
        guard unknown.isEmpty else {
            throw GitHubAPIError.validation(docs, unknown.map { GitHubAPIError.fieldError("PullRequest", $0.0, "invalid") })
        }
        guard head != base else {
            throw GitHubAPIError.validation(docs, [["resource": "PullRequest", "code": "custom",
                                                   "message": .string("No commits between \(base) and \(head)")]])
        }
        if issueList.contains(where: { $0.repository == repository.fullName && $0.state == "open" && $0.pull?.head == head }) {
            throw GitHubAPIError.validation(docs, [["resource": "PullRequest", "code": "custom",
                                                   "message": .string("A pull request already exists for \(repository.owner):\(head).")]])
        }
        let pull = GitHubIssue(
            id: makeID(), repository: repository.fullName, number: nextNumber(in: repository), title: title,
            body: object["body"]?.stringValue, user: login, createdAt: Self.now(),
            pull: GitHubPullDetails(head: head, base: base, isDraft: object["draft"]?.boolValue ?? false))
        issueList.append(pull)
        let json = pull.pullJSON(api: call.api, accounts: accountJSON(call.api), repositoryJSON: repositoryJSON(repository, api: call.api))
        return .created(json ?? .null)
    }
}
