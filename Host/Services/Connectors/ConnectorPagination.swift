import PatchbayWire

/// How an operation walks a paginated list. Each page's items (at `items`) are gathered into
/// one array, which is the operation's output; at most `maxPages` pages are read per call.
struct ConnectorPagination: Sendable, Equatable {
    enum Style: String, CaseIterable, Sendable {
        /// The reply holds the next page's cursor (at `nextCursor`), sent back as `cursorParam`; none or empty ends it.
        case cursor
        /// RFC 8288 `Link: <…>; rel="next"`; no next link ends it.
        case linkHeader = "link_header"
        /// `pageParam` counts up from `startPage`; an empty page ends it.
        case pageNumber = "page_number"
    }

    var style: Style
    var items: JSONPointer
    var cursorParam = "cursor"
    var nextCursor = JSONPointer("/next_cursor")!
    var pageParam = "page"
    var startPage = 1
    var maxPages = 10

    static let pageLimit = 100

    init(_ value: JSONValue, at path: String) throws {
        let probe = try DefinitionReader(value, at: path, known: ["type", "items", "cursor_param", "next_cursor", "page_param",
                                                                  "start_page", "max_pages"])
        guard let style = try probe.oneOf("type", Style.self) else {
            throw ServiceError.validation("\(probe.field("type")) is required: cursor, link_header or page_number", field: probe.field("type"))
        }
        let known: Set<String>
        switch style {
        case .cursor: known = ["type", "items", "cursor_param", "next_cursor", "max_pages"]
        case .linkHeader: known = ["type", "items", "max_pages"]
        case .pageNumber: known = ["type", "items", "page_param", "start_page", "max_pages"]
        }
        let reader = try DefinitionReader(value, at: path, known: known)
        self.style = style
        items = try reader.pointer("items") ?? JSONPointer("")!
        cursorParam = try reader.string("cursor_param") ?? cursorParam
        nextCursor = try reader.pointer("next_cursor") ?? nextCursor
        pageParam = try reader.string("page_param") ?? pageParam
        startPage = try reader.integer("start_page", in: 0...1_000_000) ?? startPage
        maxPages = try reader.integer("max_pages", in: 1...Self.pageLimit) ?? maxPages
    }
}
