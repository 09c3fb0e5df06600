import Foundation
public import PatchbaySDK

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: GitHubProvider.self) }

/// GitHub: repositories, issues, pull requests and comments through the REST API.
public struct GitHubProvider: Provider {
    public init() {}

    public func check(_ context: ProviderContext) async throws -> CheckResult {
        do {
            let user = try await GitHubAPI(http: context.http).get("/user")
            let login = user["login"]?.stringValue ?? "?"
            return CheckResult(ok: true, message: "Connected to \(host(context)) as \(login)")
        } catch let error as PluginError {
            return CheckResult(ok: false, message: error.message)
        }
    }

    public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        let api = GitHubAPI(http: context.http)
        switch action {
        case "get_current_user":
            return GitHubShapes.user(try await api.get("/user"))

        case "list_repositories":
            let page = try await api.paginate(
                "/user/repos", query: pick(input, ["visibility", "sort", "direction"]),
                perPage: perPage(input), page: input["page"]?.intValue ?? 1, limit: limit(input))
            return ["repositories": .array(page.items.map(GitHubShapes.repository)), "next_page": nextPage(page.nextPage)]

        case "list_issues":
            var query = pick(input, ["state", "assignee", "creator", "sort", "direction"])
            if let labels = input["labels"]?.arrayValue?.compactMap(\.stringValue), !labels.isEmpty {
                query["labels"] = labels.joined(separator: ",")
            }
            // GitHub lists pull requests among issues; they are marked by a `pull_request` key.
            let page = try await api.paginate(
                try repositoryPath(input) + "/issues", query: query, perPage: perPage(input),
                page: input["page"]?.intValue ?? 1, limit: limit(input), keep: { $0["pull_request"] == nil })
            return ["issues": .array(page.items.map(GitHubShapes.issue)), "next_page": nextPage(page.nextPage)]

        case "get_issue":
            return GitHubShapes.issue(try await api.get(try issuePath(input)))

        case "create_issue":
            let body = pickJSON(input, ["title", "body", "labels", "assignees"])
            return GitHubShapes.issue(try await api.post(try repositoryPath(input) + "/issues", body))

        case "list_pull_requests":
            let page = try await api.paginate(
                try repositoryPath(input) + "/pulls", query: pick(input, ["state", "base", "head", "sort", "direction"]),
                perPage: perPage(input), page: input["page"]?.intValue ?? 1, limit: limit(input))
            return ["pull_requests": .array(page.items.map(GitHubShapes.pullRequest)), "next_page": nextPage(page.nextPage)]

        case "create_pull_request":
            let body = pickJSON(input, ["title", "head", "base", "body", "draft"])
            return GitHubShapes.pullRequest(try await api.post(try repositoryPath(input) + "/pulls", body))

        case "add_comment":
            let comment = try await api.post(try issuePath(input) + "/comments", pickJSON(input, ["body"]))
            return GitHubShapes.comment(comment)

        default:
            throw PluginError.unknownAction(action)
        }
    }

    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        // The object shapes are fixed by the API version; asking for the user first makes
        // discovery fail loudly on a broken connection instead of describing one we cannot reach.
        _ = try await GitHubAPI(http: context.http).get("/user")
        return GitHubSchema.schema(host: host(context))
    }

    public func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent] {
        try GitHubEvents.parse(webhook)
    }

    /// `github.com`, or the Enterprise Server host the connection points at.
    private func host(_ context: ProviderContext) -> String {
        context.configString("base_url").flatMap { URL(string: $0)?.host } ?? "github.com"
    }

    /// `/repos/{owner}/{repo}`. The schema's patterns already hold; `.` and `..` pass them but
    /// would change the path's meaning, so they are refused here.
    private func repositoryPath(_ input: JSONValue) throws -> String {
        let owner = input["owner"]?.stringValue ?? ""
        let repo = input["repo"]?.stringValue ?? ""
        guard repo != ".", repo != ".." else { throw PluginError.invalidInput("repo", "\"\(repo)\" is not a repository name") }
        return "/repos/\(owner)/\(repo)"
    }

    private func issuePath(_ input: JSONValue) throws -> String {
        try repositoryPath(input) + "/issues/\(input["number"]?.intValue ?? 0)"
    }

    private func perPage(_ input: JSONValue) -> Int { input["per_page"]?.intValue ?? GitHubAPI.maximumPerPage }

    private func limit(_ input: JSONValue) -> Int { input["limit"]?.intValue ?? 100 }

    private func nextPage(_ page: Int?) -> JSONValue { page.map { .integer(Int64($0)) } ?? .null }

    /// The given input fields as query parameters.
    private func pick(_ input: JSONValue, _ keys: [String]) -> [String: String] {
        var query: [String: String] = [:]
        for key in keys { if let value = input[key]?.stringValue { query[key] = value } }
        return query
    }

    /// The given input fields as a JSON body.
    private func pickJSON(_ input: JSONValue, _ keys: [String]) -> JSONValue {
        var body: [String: JSONValue] = [:]
        for key in keys { if let value = input[key] { body[key] = value } }
        return .object(body)
    }
}
