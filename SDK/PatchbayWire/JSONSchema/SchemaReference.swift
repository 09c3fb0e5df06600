import Foundation

/// Resolves a `$ref` within the schema document it appears in: `#` (the root), a JSON
/// pointer such as `#/$defs/address` (with `~0`, `~1` and percent escapes), or `#name` for a
/// subschema that declares `"$anchor": "name"`. References to other documents are not
/// followed: a schema that crosses the boundary must bring its definitions along.
enum SchemaReference {
    enum Failure: Error, Equatable {
        case external
        case notFound
    }

    static func resolve(_ reference: String, in root: JSONValue) -> Result<JSONValue, Failure> {
        guard reference.hasPrefix("#") else { return .failure(.external) }
        let fragment = String(reference.dropFirst()).removingPercentEncoding ?? String(reference.dropFirst())
        if fragment.isEmpty { return .success(root) }
        if !fragment.hasPrefix("/") {
            return anchor(fragment, in: root).map { .success($0) } ?? .failure(.notFound)
        }
        var current = root
        for token in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let object):
                guard let next = object[key] else { return .failure(.notFound) }
                current = next
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { return .failure(.notFound) }
                current = items[index]
            default:
                return .failure(.notFound)
            }
        }
        return .success(current)
    }

    /// The subschema declaring `$anchor: name`, searched depth first.
    private static func anchor(_ name: String, in value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let object):
            if object["$anchor"]?.stringValue == name { return value }
            // Sorted, so the same document always answers the same way.
            for key in object.keys.sorted() where key != "enum" && key != "const" && key != "default" && key != "examples" {
                if let found = anchor(name, in: object[key]!) { return found }
            }
            return nil
        case .array(let items):
            return items.lazy.compactMap { anchor(name, in: $0) }.first
        default:
            return nil
        }
    }
}
