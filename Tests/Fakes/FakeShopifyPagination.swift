import Foundation
import PatchbayWire

/// Shopify's cursor pagination. A list answers one page and, when there are more, a `Link`
/// header with absolute URLs: `<…/customers.json?limit=2&page_info=eyJ…>; rel="next"`. The
/// `page_info` cursor is opaque to clients; here, as at Shopify, it is base64 JSON that
/// remembers the listing, its filters and where the page ended. A request carrying
/// `page_info` may add `limit` and nothing else.
struct FakeShopifyPagination {
    static let defaultLimit = 50
    static let maximumLimit = 250

    /// What a `page_info` remembers.
    struct Cursor: Codable, Equatable {
        var path: String
        var filters: [String: String]
        var direction: String
        /// The id the page is next to: the last one seen (next) or the first one (previous).
        var anchorID: Int64
    }

    /// The listing at `path` (e.g. `customers.json`), under the API's absolute base URL.
    var baseURL: String
    var path: String

    /// The effective filters and page size of a list request, from its query or its cursor.
    func read(_ query: [String: String]) throws -> (filters: [String: String], limit: Int, cursor: Cursor?) {
        var limit = Self.defaultLimit
        if let raw = query["limit"] {
            guard let value = Int(raw), value >= 1 else { throw FakeShopifyError.badRequest("limit", "Invalid value.") }
            limit = min(value, Self.maximumLimit)
        }
        guard let pageInfo = query["page_info"] else {
            return (query.filter { $0.key != "limit" }, limit, nil)
        }
        for name in query.keys.sorted() where !["limit", "page_info", "fields"].contains(name) {
            throw FakeShopifyError.badRequest(name, "\(name) cannot be passed when page_info is present. See https://shopify.dev/api/usage/pagination-rest for more information.")
        }
        guard let cursor = decode(pageInfo), cursor.path == path else {
            throw FakeShopifyError.badRequest("page_info", "Invalid value.")
        }
        return (cursor.filters, limit, cursor)
    }

    /// One page of `items` (sorted by ascending id) and its `Link` header.
    func page(of items: [JSONValue], limit: Int, cursor: Cursor?, filters: [String: String]) -> (items: [JSONValue], link: String?) {
        let page: [JSONValue]
        switch cursor {
        case .some(let cursor) where cursor.direction == "previous":
            page = Array(items.filter { id($0) < cursor.anchorID }.suffix(limit))
        case .some(let cursor):
            page = Array(items.filter { id($0) > cursor.anchorID }.prefix(limit))
        case .none:
            page = Array(items.prefix(limit))
        }
        var links: [String] = []
        if cursor != nil, let first = page.first, items.contains(where: { id($0) < id(first) }) {
            links.append(link(Cursor(path: path, filters: filters, direction: "previous", anchorID: id(first)), limit: limit, rel: "previous"))
        }
        if let last = page.last, items.contains(where: { id($0) > id(last) }) {
            links.append(link(Cursor(path: path, filters: filters, direction: "next", anchorID: id(last)), limit: limit, rel: "next"))
        }
        return (page, links.isEmpty ? nil : links.joined(separator: ", "))
    }

    private func link(_ cursor: Cursor, limit: Int, rel: String) -> String {
        "<\(baseURL)/\(path)?limit=\(limit)&page_info=\(encode(cursor))>; rel=\"\(rel)\""
    }

    private func id(_ item: JSONValue) -> Int64 {
        Int64(item["id"]?.intValue ?? 0)
    }

    /// base64url without padding, so the cursor needs no escaping in a URL.
    func encode(_ cursor: Cursor) -> String {
        let data = (try? WireCoding.encode(cursor)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func decode(_ pageInfo: String) -> Cursor? {
        var base64 = pageInfo.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? WireCoding.decode(Cursor.self, from: data)
    }
}
