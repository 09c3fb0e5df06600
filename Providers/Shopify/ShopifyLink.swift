import Foundation

/// A page link from Shopify's `Link` header:
/// `<https://acme.myshopify.com/admin/api/2024-10/products.json?limit=50&page_info=eyJ…>; rel="next"`.
struct ShopifyLink: Equatable {
    /// The absolute URL, exactly as Shopify sent it.
    var url: String
    /// The opaque cursor in the URL, for callers who continue in a later call.
    var pageInfo: String
    /// The page size the URL asks for.
    var limit: Int?

    /// The link with `rel` (`next` or `previous`) in a `Link` header value, if any.
    static func find(_ rel: String, in header: String?) -> ShopifyLink? {
        guard let header else { return nil }
        for entry in header.split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let rels = parts.dropFirst().compactMap { parameter -> String? in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { return nil }
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            guard rels.contains(rel) else { continue }
            let url = String(target.dropFirst().dropLast())
            let items = URLComponents(string: url)?.queryItems ?? []
            guard let pageInfo = items.first(where: { $0.name == "page_info" })?.value else { continue }
            return ShopifyLink(url: url, pageInfo: pageInfo, limit: items.first(where: { $0.name == "limit" })?.value.flatMap { Int($0) })
        }
        return nil
    }

    /// The URL asking for at most `size` records. Shopify accepts a changed `limit` next to
    /// `page_info` (and nothing else), so only `limit` is touched; the cursor stays verbatim.
    func url(pageSize size: Int) -> String {
        guard let limit, size < limit, var components = URLComponents(string: url) else { return url }
        components.percentEncodedQueryItems = components.percentEncodedQueryItems?.map { item in
            item.name == "limit" ? URLQueryItem(name: "limit", value: String(size)) : item
        }
        return components.string ?? url
    }
}
