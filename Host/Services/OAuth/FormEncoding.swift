import Foundation

/// `application/x-www-form-urlencoded`, as OAuth token endpoints speak it and as authorize
/// URLs carry their parameters.
enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The pairs of a form body or query string; a repeated name keeps its last value.
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let plus = { (raw: Substring) in raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = plus(parts[0]), let value = parts.count > 1 ? plus(parts[1]) : "" else { continue }
            result[name] = value
        }
        return result
    }
}
