import Foundation

/// Slack's cursor pagination. A cursor is opaque to clients: here it is the base64 of
/// `<kind>:<id of the first item on the next page>`, shaped like Slack's own
/// (`dXNlcjpVMDYxTkZUVDI=` is `user:U061NFTT2`). The last page has an empty `next_cursor`.
struct SlackPagination {
    static let maximumLimit = 1000

    /// `channel` or `user`, so a cursor from one list is refused by the other.
    var kind: String
    /// The page size when `limit` is absent or 0; nil means the whole list.
    var defaultLimit: Int?

    /// The page `cursor` and `limit` select from `items`, and the cursor of the page after it.
    func page<Item>(of items: [Item], id: (Item) -> String, limit: String?, cursor: String?) throws
        -> (items: [Item], nextCursor: String)
    {
        let size = try pageSize(limit)
        var start = 0
        if let cursor, !cursor.isEmpty {
            guard let target = decode(cursor), let index = items.firstIndex(where: { id($0) == target }) else {
                throw SlackAPIError("invalid_cursor")
            }
            start = index
        }
        let end = size.map { min(items.count, start + $0) } ?? items.count
        let next = end < items.count ? encode(id(items[end])) : ""
        return (Array(items[start..<end]), next)
    }

    private func pageSize(_ raw: String?) throws -> Int? {
        guard let raw, !raw.isEmpty else { return defaultLimit }
        guard let value = Int(raw), value >= 0 else { throw SlackAPIError("invalid_limit") }
        if value == 0 { return defaultLimit }
        return min(value, Self.maximumLimit)
    }

    func encode(_ id: String) -> String {
        Data("\(kind):\(id)".utf8).base64EncodedString()
    }

    private func decode(_ cursor: String) -> String? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else { return nil }
        let prefix = kind + ":"
        guard text.hasPrefix(prefix), text.count > prefix.count else { return nil }
        return String(text.dropFirst(prefix.count))
    }
}
