import Foundation

/// GitHub's page-number pagination: `per_page` (default 30, at most 100) and `page` (from 1),
/// with a `link` header carrying absolute URLs for `next`, `last`, `first` and `prev`.
struct GitHubPagination {
    static let defaultPerPage = 30
    static let maximumPerPage = 100

    var perPage: Int
    var page: Int

    /// Reads `per_page` and `page` as GitHub does: out-of-range values are clamped, not refused.
    init(query: [String: String]) {
        let requested = query["per_page"].flatMap(Int.init) ?? Self.defaultPerPage
        perPage = requested < 1 ? Self.defaultPerPage : min(requested, Self.maximumPerPage)
        page = max(1, query["page"].flatMap(Int.init) ?? 1)
    }

    /// The items on the selected page and the `link` header for the whole list (nil when
    /// everything fits on one page).
    func slice<Item>(_ items: [Item], call: GitHubCall) -> (items: [Item], link: String?) {
        let start = min(items.count, (page - 1) * perPage)
        let end = min(items.count, start + perPage)
        let lastPage = max(1, (items.count + perPage - 1) / perPage)
        guard lastPage > 1 else { return (Array(items[start..<end]), nil) }
        var relations: [(String, Int)] = []
        if page < lastPage { relations += [("next", page + 1), ("last", lastPage)] }
        if page > 1 { relations += [("first", 1), ("prev", min(page - 1, lastPage))] }
        let link = relations.map { "<\(url(call: call, page: $0.1))>; rel=\"\($0.0)\"" }.joined(separator: ", ")
        return (Array(items[start..<end]), link)
    }

    /// The request's own URL with `page` (and `per_page`) replaced.
    private func url(call: GitHubCall, page: Int) -> String {
        var query = call.query
        query["per_page"] = String(perPage)
        query["page"] = String(page)
        var components = URLComponents(string: call.api + "/" + call.segments.map(Self.escape).joined(separator: "/"))
        components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components?.string ?? call.api
    }

    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? segment
    }
}
