import PatchbayWire

/// A comment on an issue or pull request on the fake GitHub.
public struct GitHubComment: Sendable, Equatable {
    public var id: Int
    /// `owner/name` of the repository.
    public var repository: String
    public var issueNumber: Int
    public var body: String
    /// The author's login.
    public var user: String
    /// ISO 8601.
    public var createdAt: String

    public init(id: Int, repository: String, issueNumber: Int, body: String, user: String, createdAt: String) {
        self.id = id
        self.repository = repository
        self.issueNumber = issueNumber
        self.body = body
        self.user = user
        self.createdAt = createdAt
    }

    func json(api: String, accounts: (String) -> JSONValue) -> JSONValue {
        let repoURL = "\(api)/repos/\(repository)"
        return [
            "id": .integer(Int64(id)),
            "node_id": .string("IC_fake\(id)"),
            "url": .string("\(repoURL)/issues/comments/\(id)"),
            "html_url": .string("https://github.com/\(repository)/issues/\(issueNumber)#issuecomment-\(id)"),
            "issue_url": .string("\(repoURL)/issues/\(issueNumber)"),
            "body": .string(body),
            "user": accounts(user),
            "created_at": .string(createdAt),
            "updated_at": .string(createdAt),
            "author_association": "MEMBER",
        ]
    }
}
