import PatchbayWire

extension FakeGitHub {
    /// `GET /user`: the authenticated user. Called with the lock held.
    func currentUser(_ call: GitHubCall) throws -> GitHubReply {
        let login = try call.requireViewer()
        guard let account = accountList.first(where: { $0.login == login }) else { throw GitHubAPIError.badCredentials }
        let owned = repositoryList.filter { $0.owner == login }
        return .ok(account.privateJSON(api: call.api, publicRepos: owned.filter { !$0.isPrivate }.count,
                                       privateRepos: owned.filter(\.isPrivate).count))
    }

    /// `GET /user/repos`: repositories the user owns, collaborates on or reaches through an
    /// organization; `visibility` (all, public, private), `sort` (created, updated, pushed,
    /// full_name: the default) and `direction` (asc by default for full_name, else desc).
    /// Called with the lock held.
    func listRepositories(_ call: GitHubCall) throws -> GitHubReply {
        let login = try call.requireViewer()
        let visibility = call.query["visibility"] ?? "all"
        guard ["all", "public", "private"].contains(visibility) else {
            throw GitHubAPIError.validation("/repos/repos#list-repositories-for-the-authenticated-user",
                                            [GitHubAPIError.fieldError("Repository", "visibility", "invalid",
                                                                       value: .string(visibility))])
        }
        var repositories = repositoryList.filter { $0.owner == login || $0.members.contains(login) }
        if visibility != "all" { repositories = repositories.filter { $0.isPrivate == (visibility == "private") } }
        let sort = call.query["sort"] ?? "full_name"
        let key: (GitHubRepository) -> String
        switch sort {
        case "created": key = \.createdAt
        case "updated", "pushed": key = \.pushedAt
        default: key = { $0.fullName.lowercased() }
        }
        let ascending = call.ascending(byDefault: sort == "full_name" || !["created", "updated", "pushed"].contains(sort))
        repositories.sort { ascending ? key($0) < key($1) : key($0) > key($1) }
        let page = GitHubPagination(query: call.query).slice(repositories, call: call)
        return .ok(.array(page.items.map { repositoryJSON($0, api: call.api) }), link: page.link)
    }
}
