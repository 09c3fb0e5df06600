import PatchbayWire

/// A user, organization or bot on the fake GitHub, with the fields GitHub's user objects carry.
public struct GitHubAccount: Sendable, Equatable {
    public var login: String
    public var id: Int
    /// `User`, `Organization` or `Bot`.
    public var type: String
    public var name: String?
    public var email: String?
    public var company: String?
    /// ISO 8601.
    public var createdAt: String

    public init(login: String, id: Int, type: String = "User", name: String? = nil, email: String? = nil,
                company: String? = nil, createdAt: String) {
        self.login = login
        self.id = id
        self.type = type
        self.name = name
        self.email = email
        self.company = company
        self.createdAt = createdAt
    }

    /// The short form GitHub embeds in other objects (`user`, `owner`, `assignees`).
    func simpleJSON(api: String) -> JSONValue {
        [
            "login": .string(login),
            "id": .integer(Int64(id)),
            "node_id": .string("U_fake\(id)"),
            "avatar_url": .string("https://avatars.githubusercontent.com/u/\(id)?v=4"),
            "url": .string("\(api)/users/\(login)"),
            "html_url": .string("https://github.com/\(login)"),
            "type": .string(type),
            "site_admin": false,
        ]
    }

    /// The full form `GET /user` answers with.
    func privateJSON(api: String, publicRepos: Int, privateRepos: Int) -> JSONValue {
        var object = simpleJSON(api: api).objectValue ?? [:]
        object["name"] = name.map(JSONValue.string) ?? .null
        object["email"] = email.map(JSONValue.string) ?? .null
        object["company"] = company.map(JSONValue.string) ?? .null
        object["bio"] = .null
        object["public_repos"] = .integer(Int64(publicRepos))
        object["total_private_repos"] = .integer(Int64(privateRepos))
        object["owned_private_repos"] = .integer(Int64(privateRepos))
        object["created_at"] = .string(createdAt)
        object["updated_at"] = .string(createdAt)
        return .object(object)
    }
}
