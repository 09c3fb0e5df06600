import PatchbayWire

/// An issue or pull request on the fake GitHub.
public struct GitHubIssue: Sendable, Equatable {
    public var id: Int
    /// `owner/name` of the repository it belongs to.
    public var repository: String
    public var number: Int
    public var title: String
    public var body: String?
    /// `open` or `closed`.
    public var state: String
    /// The author's login.
    public var user: String
    public var labels: [String]
    public var assignees: [String]
    public var comments: Int
    /// ISO 8601.
    public var createdAt: String
    public var updatedAt: String
    public var closedAt: String?
    /// Set for pull requests.
    public var pull: GitHubPullDetails?

    public init(id: Int, repository: String, number: Int, title: String, body: String? = nil, state: String = "open",
                user: String, labels: [String] = [], assignees: [String] = [], comments: Int = 0,
                createdAt: String, updatedAt: String? = nil, closedAt: String? = nil, pull: GitHubPullDetails? = nil) {
        self.id = id
        self.repository = repository
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.user = user
        self.labels = labels
        self.assignees = assignees
        self.comments = comments
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.pull = pull
    }

    public var isPullRequest: Bool { pull != nil }

    /// The issue object of the issues endpoints. A pull request appears there too, marked by
    /// its `pull_request` key.
    func issueJSON(api: String, accounts: (String) -> JSONValue) -> JSONValue {
        let repoURL = "\(api)/repos/\(repository)"
        let url = "\(repoURL)/issues/\(number)"
        var object: [String: JSONValue] = [
            "id": .integer(Int64(id)),
            "node_id": .string("I_fake\(id)"),
            "url": .string(url),
            "repository_url": .string(repoURL),
            "comments_url": .string("\(url)/comments"),
            "html_url": .string("https://github.com/\(repository)/\(isPullRequest ? "pull" : "issues")/\(number)"),
            "number": .integer(Int64(number)),
            "state": .string(state),
            "state_reason": state == "closed" ? "completed" : .null,
            "title": .string(title),
            "body": body.map(JSONValue.string) ?? .null,
            "user": accounts(user),
            "labels": .array(labels.map(Self.labelJSON(api: api, repository: repository))),
            "assignee": assignees.first.map(accounts) ?? .null,
            "assignees": .array(assignees.map(accounts)),
            "milestone": .null,
            "locked": false,
            "comments": .integer(Int64(comments)),
            "created_at": .string(createdAt),
            "updated_at": .string(updatedAt),
            "closed_at": closedAt.map(JSONValue.string) ?? .null,
            "author_association": "MEMBER",
        ]
        if let pull {
            object["draft"] = .bool(pull.isDraft)
            object["pull_request"] = [
                "url": .string("\(repoURL)/pulls/\(number)"),
                "html_url": .string("https://github.com/\(repository)/pull/\(number)"),
                "diff_url": .string("https://github.com/\(repository)/pull/\(number).diff"),
                "patch_url": .string("https://github.com/\(repository)/pull/\(number).patch"),
                "merged_at": pull.mergedAt.map(JSONValue.string) ?? .null,
            ]
        }
        return .object(object)
    }

    /// The pull request object of the pulls endpoints; nil for a plain issue.
    func pullJSON(api: String, accounts: (String) -> JSONValue, repositoryJSON: JSONValue) -> JSONValue? {
        guard let pull else { return nil }
        let repoURL = "\(api)/repos/\(repository)"
        let owner = repository.split(separator: "/").first.map(String.init) ?? ""
        func branch(_ ref: String) -> JSONValue {
            [
                "label": .string("\(owner):\(ref)"),
                "ref": .string(ref),
                "sha": .string(Self.fakeSHA(of: "\(repository)#\(ref)")),
                "user": accounts(owner),
                "repo": repositoryJSON,
            ]
        }
        return [
            "id": .integer(Int64(id + 500_000_000)),
            "node_id": .string("PR_fake\(id)"),
            "url": .string("\(repoURL)/pulls/\(number)"),
            "html_url": .string("https://github.com/\(repository)/pull/\(number)"),
            "issue_url": .string("\(repoURL)/issues/\(number)"),
            "number": .integer(Int64(number)),
            "state": .string(state),
            "locked": false,
            "title": .string(title),
            "body": body.map(JSONValue.string) ?? .null,
            "user": accounts(user),
            "labels": .array(labels.map(Self.labelJSON(api: api, repository: repository))),
            "assignees": .array(assignees.map(accounts)),
            "created_at": .string(createdAt),
            "updated_at": .string(updatedAt),
            "closed_at": closedAt.map(JSONValue.string) ?? .null,
            "merged_at": pull.mergedAt.map(JSONValue.string) ?? .null,
            "draft": .bool(pull.isDraft),
            "head": branch(pull.head),
            "base": branch(pull.base),
            "author_association": "MEMBER",
        ]
    }

    static func labelJSON(api: String, repository: String) -> (String) -> JSONValue {
        { name in
            [
                "id": .integer(Int64(stableNumber(name))),
                "node_id": .string("LA_fake\(stableNumber(name))"),
                "url": .string("\(api)/repos/\(repository)/labels/\(name)"),
                "name": .string(name),
                "color": .string(GitHubSeed.labelColors[name] ?? "ededed"),
                "default": .bool(GitHubSeed.labelColors[name] != nil),
                "description": .null,
            ]
        }
    }

    /// A number that depends only on `text`, so label ids stay the same across runs.
    static func stableNumber(_ text: String) -> Int {
        text.unicodeScalars.reduce(5381) { ($0 &* 33 &+ Int($1.value)) & 0x3fff_ffff }
    }

    static func fakeSHA(of text: String) -> String {
        let seed = String(stableNumber(text), radix: 16)
        return String(repeating: seed, count: 40 / max(1, seed.count) + 1).prefix(40).description
    }
}
