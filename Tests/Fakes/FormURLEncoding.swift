import Foundation

/// Reads `application/x-www-form-urlencoded` text, the encoding of query strings and of
/// classic HTML form posts.
enum FormURLEncoding {
    /// The pairs in order, or nil when a name or value is not valid percent-encoding.
    static func pairs(_ text: String) -> [(name: String, value: String)]? {
        var pairs: [(name: String, value: String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { return nil }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    /// The pairs as a dictionary (a repeated name keeps its last value), or nil when malformed.
    static func dictionary(_ text: String) -> [String: String]? {
        pairs(text).map { Dictionary($0.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }) }
    }

    /// Like `dictionary(_:)`, but skips what cannot be decoded instead of failing.
    static func lenientDictionary(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let pair = pairs(String(piece))?.first { result[pair.name] = pair.value }
        }
        return result
    }

    private static func decode(_ encoded: Substring) -> String? {
        encoded.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
