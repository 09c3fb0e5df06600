import Foundation
import PatchbayWire

/// `{{ name }}` templates in preset strings, filled from the agent's variables at call time.
/// A string that is exactly one template takes the variable's value as it is (a number stays
/// a number); a template inside longer text is replaced by the value's text.
enum PresetTemplates {
    private static let pattern = try! NSRegularExpression(pattern: #"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"#)

    /// The variable names a value's templates refer to, sorted.
    static func variables(in value: JSONValue) -> [String] {
        var names = Set<String>()
        visitStrings(value) { text in
            for match in matches(text) { names.insert(match.name) }
        }
        return names.sorted()
    }

    /// The value with every template filled. Throws naming the first variable that is not set.
    static func fill(_ value: JSONValue, variables: [String: JSONValue]) throws -> JSONValue {
        switch value {
        case .string(let text):
            let found = matches(text)
            guard !found.isEmpty else { return value }
            for match in found where variables[match.name] == nil {
                throw ServiceError(.conflict, "variable_not_set",
                                   "the agent's variable \"\(match.name)\" is not set; set it with PATCH /v1/agents/{id}",
                                   field: "variables.\(match.name)")
            }
            if found.count == 1, found[0].range == NSRange(text.startIndex..., in: text) {
                return variables[found[0].name]!
            }
            var result = text
            for match in found.reversed() {
                let replacement = variables[match.name]!.stringValue ?? (try? String(decoding: WireCoding.encode(variables[match.name]!), as: UTF8.self)) ?? ""
                result.replaceSubrange(Range(match.range, in: result)!, with: replacement)
            }
            return .string(result)
        case .array(let items):
            return .array(try items.map { try fill($0, variables: variables) })
        case .object(let members):
            return .object(try members.mapValues { try fill($0, variables: variables) })
        default:
            return value
        }
    }

    private static func matches(_ text: String) -> [(name: String, range: NSRange)] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let nameRange = Range(match.range(at: 1), in: text) else { return nil }
            return (String(text[nameRange]), match.range)
        }
    }

    private static func visitStrings(_ value: JSONValue, _ body: (String) -> Void) {
        switch value {
        case .string(let text): body(text)
        case .array(let items): items.forEach { visitStrings($0, body) }
        case .object(let members): members.values.forEach { visitStrings($0, body) }
        default: break
        }
    }
}
