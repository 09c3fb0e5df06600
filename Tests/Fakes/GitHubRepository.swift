import PatchbayWire

/// A repository on the fake GitHub.
public struct GitHubRepository: Sendable, Equatable {
    public var id: Int
    public var owner: String
    public var name: String
    public var isPrivate: Bool
    public var description: String?
    public var language: String?
    public var defaultBranch: String
    /// Branch names; a pull request's head and base must be among them.
    public var branches: [String]
    /// When false, the issue endpoints answer 410 Gone, as GitHub does.
    public var hasIssues: Bool
    public var isArchived: Bool
    /// Logins that may see the repository besides its owner (collaborators, org members).
    public var members: Set<String>
    public var stars: Int
    /// ISO 8601.
    public var createdAt: String
    public var pushedAt: String

    public var fullName: String { "\(owner)/\(name)" }

    public init(id: Int, owner: String, name: String, isPrivate: Bool = false, description: String? = nil,
                language: String? = nil, defaultBranch: String = "main", branches: [String] = ["main"],
                hasIssues: Bool = true, isArchived: Bool = false, members: Set<String> = [], stars: Int = 0,
                createdAt: String, pushedAt: String) {
        self.id = id
        self.owner = owner
        self.name = name
        self.isPrivate = isPrivate
        self.description = description
        self.language = language
        self.defaultBranch = defaultBranch
        self.branches = branches
        self.hasIssues = hasIssues
        self.isArchived = isArchived
        self.members = members
        self.stars = stars
        self.createdAt = createdAt
        self.pushedAt = pushedAt
    }

    /// Whether `login` (nil: an anonymous caller) may see the repository.
    func isVisible(to login: String?) -> Bool {
        guard isPrivate else { return true }
        guard let login else { return false }
        return login == owner || members.contains(login)
    }

    func json(api: String, owner account: GitHubAccount?, openIssues: Int) -> JSONValue {
        let url = "\(api)/repos/\(fullName)"
        return [
            "id": .integer(Int64(id)),
            "node_id": .string("R_fake\(id)"),
            "name": .string(name),
            "full_name": .string(fullName),
            "private": .bool(isPrivate),
            "owner": account?.simpleJSON(api: api) ?? .null,
            "html_url": .string("https://github.com/\(fullName)"),
            "description": description.map(JSONValue.string) ?? .null,
            "fork": false,
            "url": .string(url),
            "issues_url": .string("\(url)/issues{/number}"),
            "pulls_url": .string("\(url)/pulls{/number}"),
            "created_at": .string(createdAt),
            "updated_at": .string(pushedAt),
            "pushed_at": .string(pushedAt),
            "language": language.map(JSONValue.string) ?? .null,
            "stargazers_count": .integer(Int64(stars)),
            "has_issues": .bool(hasIssues),
            "archived": .bool(isArchived),
            "visibility": .string(isPrivate ? "private" : "public"),
            "open_issues_count": .integer(Int64(openIssues)),
            "default_branch": .string(defaultBranch),
        ]
    }
}
