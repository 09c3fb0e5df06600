import Foundation

/// A violation found while checking a value against a schema, or a schema against the rules.
public struct SchemaViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where it is: `channel`, `blocks[0].type`; empty for the root.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// JSON Schema, the subset Patchbay supports (docs/abi.md).
///
/// Unknown keywords make a schema invalid rather than being ignored: a constraint the
/// author wrote must never be silently skipped when validating an agent's input.
public enum JSONSchema {
    public static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "format",
        "deprecated", "readOnly", "writeOnly",
    ]
    static let assertionKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
        "pattern", "minItems", "maxItems", "uniqueItems", "anyOf", "oneOf", "allOf",
    ]

    // MARK: Checking a schema

    /// Every problem with `schema` itself; empty when it is a valid schema.
    public static func problems(in schema: JSONValue, at path: String = "") -> [SchemaViolation] {
        guard case .object(let keywords) = schema else {
            if case .bool = schema { return [] }
            return [SchemaViolation(path: path, message: "a schema must be an object or a boolean")]
        }
        var problems: [SchemaViolation] = []
        func problem(_ keyword: String, _ message: String) {
            problems.append(SchemaViolation(path: join(path, keyword), message: message))
        }
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            guard annotationKeywords.contains(keyword) || assertionKeywords.contains(keyword) else {
                problem(keyword, "unsupported keyword")
                continue
            }
            switch keyword {
            case "type":
                let names: [JSONValue] = value.arrayValue ?? [value]
                if names.isEmpty || !names.allSatisfy({ $0.stringValue.map(typeNames.contains) ?? false }) {
                    problem(keyword, "must be one of \(typeNames.sorted().joined(separator: ", ")) or an array of them")
                }
            case "properties":
                guard let properties = value.objectValue else { problem(keyword, "must be an object"); continue }
                for (name, sub) in properties.sorted(by: { $0.key < $1.key }) {
                    problems += self.problems(in: sub, at: join(join(path, keyword), name))
                }
            case "required":
                guard let names = value.arrayValue, names.allSatisfy({ $0.stringValue != nil }) else {
                    problem(keyword, "must be an array of property names")
                    continue
                }
                if Set(names).count != names.count { problem(keyword, "must not repeat a name") }
            case "additionalProperties", "items":
                problems += self.problems(in: value, at: join(path, keyword))
            case "enum":
                if value.arrayValue?.isEmpty != false { problem(keyword, "must be a non-empty array") }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                if value.doubleValue == nil { problem(keyword, "must be a number") }
            case "minLength", "maxLength", "minItems", "maxItems":
                if (value.intValue ?? -1) < 0 { problem(keyword, "must be a non-negative integer") }
            case "pattern":
                if let pattern = value.stringValue {
                    if (try? NSRegularExpression(pattern: pattern)) == nil { problem(keyword, "is not a valid regular expression") }
                } else {
                    problem(keyword, "must be a string")
                }
            case "uniqueItems", "deprecated", "readOnly", "writeOnly":
                if value.boolValue == nil { problem(keyword, "must be a boolean") }
            case "anyOf", "oneOf", "allOf":
                guard let branches = value.arrayValue, !branches.isEmpty else {
                    problem(keyword, "must be a non-empty array of schemas")
                    continue
                }
                for (index, branch) in branches.enumerated() {
                    problems += self.problems(in: branch, at: "\(join(path, keyword))[\(index)]")
                }
            case "title", "description", "$schema", "$id", "$comment", "format":
                if value.stringValue == nil { problem(keyword, "must be a string") }
            default:
                break
            }
        }
        return problems
    }

    // MARK: Checking a value

    /// Every way `value` fails `schema`, with the path of each; empty when it conforms.
    /// `schema` must already be valid (see `problems(in:)`).
    public static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "") -> [SchemaViolation] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return [SchemaViolation(path: path, message: "is not allowed")]
        case .object(let keywords): return violations(of: value, keywords: keywords, at: path)
        default: return []
        }
    }

    private static func violations(of value: JSONValue, keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }

        if let type = keywords["type"] {
            let allowed = (type.arrayValue ?? [type]).compactMap(\.stringValue)
            let actual = value.schemaTypeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                fail("must be \(allowed.joined(separator: " or ")), not \(actual)")
                return found
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: value.jsonEquals) {
            fail("must be one of \(options.map(render).joined(separator: ", "))")
        }
        if let constant = keywords["const"], !constant.jsonEquals(value) {
            fail("must be \(render(constant))")
        }

        switch value {
        case .string(let string):
            let length = string.count
            if let min = keywords["minLength"]?.intValue, length < min { fail("must be at least \(min) characters") }
            if let max = keywords["maxLength"]?.intValue, length > max { fail("must be at most \(max) characters") }
            if let pattern = keywords["pattern"]?.stringValue, let regex = try? NSRegularExpression(pattern: pattern),
               regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil {
                fail("must match \(pattern)")
            }
        case .integer, .bigInteger, .number:
            let number = value.doubleValue ?? 0
            if let min = keywords["minimum"]?.doubleValue, number < min { fail("must be at least \(render(keywords["minimum"]!))") }
            if let max = keywords["maximum"]?.doubleValue, number > max { fail("must be at most \(render(keywords["maximum"]!))") }
            if let min = keywords["exclusiveMinimum"]?.doubleValue, number <= min { fail("must be greater than \(render(keywords["exclusiveMinimum"]!))") }
            if let max = keywords["exclusiveMaximum"]?.doubleValue, number >= max { fail("must be less than \(render(keywords["exclusiveMaximum"]!))") }
        case .array(let items):
            if let min = keywords["minItems"]?.intValue, items.count < min { fail("must have at least \(min) items") }
            if let max = keywords["maxItems"]?.intValue, items.count > max { fail("must have at most \(max) items") }
            if keywords["uniqueItems"]?.boolValue == true {
                for (index, item) in items.enumerated() where items[..<index].contains(where: item.jsonEquals) {
                    fail("must not repeat items (item \(index) repeats an earlier one)")
                    break
                }
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    found += violations(of: item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        case .object(let object):
            let properties = keywords["properties"]?.objectValue ?? [:]
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                found.append(SchemaViolation(path: join(path, name), message: "is required"))
            }
            for (name, member) in object.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    found += violations(of: member, against: propertySchema, at: join(path, name))
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        found.append(SchemaViolation(path: join(path, name), message: "is not a known field"))
                    } else {
                        found += violations(of: member, against: additional, at: join(path, name))
                    }
                }
            }
        default:
            break
        }

        if let branches = keywords["allOf"]?.arrayValue {
            for branch in branches { found += violations(of: value, against: branch, at: path) }
        }
        if let branches = keywords["anyOf"]?.arrayValue,
           !branches.contains(where: { violations(of: value, against: $0, at: path).isEmpty }) {
            fail("must match at least one of the allowed shapes")
        }
        if let branches = keywords["oneOf"]?.arrayValue {
            let matching = branches.filter { violations(of: value, against: $0, at: path).isEmpty }.count
            if matching != 1 { fail("must match exactly one of the allowed shapes (matched \(matching))") }
        }
        return found
    }

    private static func join(_ path: String, _ component: String) -> String {
        path.isEmpty ? component : "\(path).\(component)"
    }

    private static func render(_ value: JSONValue) -> String {
        (try? WireCoding.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "?"
    }
}
