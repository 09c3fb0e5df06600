import PatchbaySDK

/// GitHub REST calls through the host, pinned to API version 2022-11-28. Non-2xx answers
/// become `PluginError`s (see `GitHubFailure`).
struct GitHubAPI {
    let http: HostHTTP

    /// Sent on every request: GitHub's JSON media type and the API version the shapes follow.
    static let headers = ["accept": "application/vnd.github+json", "x-github-api-version": "2022-11-28"]
    static let maximumPerPage = 100

    func get(_ path: String, _ query: [String: String] = [:]) async throws -> JSONValue {
        try unwrap(await http.get(path, query: query, headers: Self.headers), path: path)
    }

    func post(_ path: String, _ body: JSONValue) async throws -> JSONValue {
        try unwrap(await http.send("POST", path, json: body, headers: Self.headers), path: path)
    }

    /// Reads a list from page `page` on, following the `link` header's `next` URL until `limit`
    /// kept items are collected. `keep` drops items that do not count (pull requests among
    /// issues). Returns the page to ask for next, or nil when GitHub has no more; when `limit`
    /// cut a page short, that page is returned again so that nothing is skipped.
    func paginate(_ path: String, query: [String: String], perPage: Int, page: Int, limit: Int,
                  keep: (JSONValue) -> Bool = { _ in true }) async throws -> (items: [JSONValue], nextPage: Int?) {
        var items: [JSONValue] = []
        var target = path
        var pageQuery = query
        pageQuery["per_page"] = String(min(perPage, Self.maximumPerPage))
        pageQuery["page"] = String(page)
        var current = page
        while true {
            let response = try await http.get(target, query: pageQuery, headers: Self.headers)
            guard let list = try unwrap(response, path: path).arrayValue else {
                throw PluginError.invalidResponse("GitHub answered \(path) with something other than a list", status: response.status)
            }
            let kept = list.filter(keep)
            if items.count + kept.count > limit {
                items += kept.prefix(limit - items.count)
                return (items, current)
            }
            items += kept
            guard let next = GitHubLinkHeader(response.header("link")).next else { return (items, nil) }
            let nextPage = GitHubLinkHeader.pageNumber(in: next) ?? current + 1
            if items.count >= limit { return (items, nextPage) }
            // The link is absolute and already carries every parameter.
            target = next
            pageQuery = [:]
            current = nextPage
        }
    }

    private func unwrap(_ response: HTTPResponse, path: String) throws -> JSONValue {
        guard response.isSuccess else { throw GitHubFailure.error(for: response, path: path) }
        return try response.json()
    }
}
