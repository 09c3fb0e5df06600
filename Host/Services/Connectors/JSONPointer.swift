import Foundation
import PatchbayWire

/// A JSON pointer (RFC 6901): `/data/items/0` names a place in a JSON document.
struct JSONPointer: Sendable, Equatable {
    let tokens: [String]
    let text: String

    /// Nil unless `text` is empty or starts with `/`.
    init?(_ text: String) {
        guard text.isEmpty || text.hasPrefix("/") else { return nil }
        self.text = text
        tokens = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The pointer to the place these keys lead to, each escaped (`~` as `~0`, `/` as `~1`).
    init(tokens: [String]) {
        self.tokens = tokens
        text = tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The value at this place, or nil when the document has nothing there.
    func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
