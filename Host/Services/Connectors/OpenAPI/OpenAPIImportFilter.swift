import PatchbayWire

/// Which operations of a document to import. Each list given narrows the import: an operation
/// is kept when it has one of the `tags`, its path matches one of `paths`, and its id is one of
/// `operation_ids` (the document's `operationId` or the name the import gives it).
struct OpenAPIImportFilter: Sendable {
    var tags: Set<String>?
    /// A prefix (`/repos`), or a glob when it holds `*`: `*` stays within a path segment, `**` does not.
    var paths: [String]?
    var operationIDs: Set<String>?

    static let known: Set<String> = ["tags", "paths", "operation_ids"]

    init(tags: Set<String>? = nil, paths: [String]? = nil, operationIDs: Set<String>? = nil) {
        self.tags = tags
        self.paths = paths
        self.operationIDs = operationIDs
    }

    init(_ value: JSONValue?) throws {
        guard let value, !value.isNull else { return }
        let reader = try DefinitionReader(value, at: "filter", known: Self.known)
        tags = try reader.strings("tags").map(Set.init)
        paths = try reader.strings("paths")
        operationIDs = try reader.strings("operation_ids").map(Set.init)
        for (index, path) in (paths ?? []).enumerated() where !path.hasPrefix("/") {
            throw ServiceError.validation("filter.paths[\(index)] must start with /", field: "filter.paths[\(index)]")
        }
    }

    func keeps(path: String, tags operationTags: [String], operationID: String?, name: String) -> Bool {
        if let tags, !operationTags.contains(where: tags.contains) { return false }
        if let paths, !paths.contains(where: { Self.matches(path, $0) }) { return false }
        if let operationIDs, !operationIDs.contains(name), !(operationID.map(operationIDs.contains) ?? false) { return false }
        return true
    }

    static func matches(_ path: String, _ pattern: String) -> Bool {
        guard pattern.contains("*") else { return path.hasPrefix(pattern) }
        return glob(Array(path.utf8), 0, Array(pattern.utf8), 0)
    }

    private static func glob(_ text: [UInt8], _ t: Int, _ pattern: [UInt8], _ p: Int) -> Bool {
        let star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        guard p < pattern.count else { return t == text.count }
        if pattern[p] == star {
            let crossesSegments = p + 1 < pattern.count && pattern[p + 1] == star
            let rest = p + (crossesSegments ? 2 : 1)
            var end = t
            while true {
                if glob(text, end, pattern, rest) { return true }
                guard end < text.count, crossesSegments || text[end] != slash else { return false }
                end += 1
            }
        }
        return t < text.count && text[t] == pattern[p] && glob(text, t + 1, pattern, p + 1)
    }
}
