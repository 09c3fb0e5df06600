import Foundation

/// Checks a schema itself: every keyword known and well-formed, every `$ref` resolvable
/// within the document and not a loop of references that never reaches a schema.
struct SchemaChecker {
    let root: JSONValue

    func problems(in schema: JSONValue, at path: String) -> [SchemaViolation] {
        guard case .object(let keywords) = schema else {
            if case .bool = schema { return [] }
            return [SchemaViolation(path: path, message: "a schema must be an object or a boolean")]
        }
        var problems: [SchemaViolation] = []
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            let place = JSONSchema.join(path, keyword)
            guard JSONSchema.isKnown(keyword) else {
                problems.append(SchemaViolation(path: place, message: "unsupported keyword"))
                continue
            }
            problems += self.problems(of: keyword, value, at: place)
        }
        return problems
    }

    private func problems(of keyword: String, _ value: JSONValue, at place: String) -> [SchemaViolation] {
        func problem(_ message: String) -> [SchemaViolation] { [SchemaViolation(path: place, message: message)] }
        switch keyword {
        case "type":
            let names: [JSONValue] = value.arrayValue ?? [value]
            if names.isEmpty || !names.allSatisfy({ $0.stringValue.map(JSONSchema.typeNames.contains) ?? false }) {
                return problem("must be one of \(JSONSchema.typeNames.sorted().joined(separator: ", ")) or an array of them")
            }
        case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
            guard let members = value.objectValue else { return problem("must be an object of schemas") }
            var found: [SchemaViolation] = []
            for (name, sub) in members.sorted(by: { $0.key < $1.key }) {
                if keyword == "patternProperties", RegexCache.regex(name) == nil {
                    found.append(SchemaViolation(path: JSONSchema.join(place, name), message: "is not a valid regular expression"))
                }
                found += problems(in: sub, at: JSONSchema.join(place, name))
            }
            return found
        case "required":
            guard let names = value.arrayValue, names.allSatisfy({ $0.stringValue != nil }) else {
                return problem("must be an array of property names")
            }
            if Set(names).count != names.count { return problem("must not repeat a name") }
        case "dependentRequired":
            guard let members = value.objectValue,
                  members.values.allSatisfy({ $0.arrayValue?.allSatisfy({ $0.stringValue != nil }) ?? false }) else {
                return problem("must be an object whose values are arrays of property names")
            }
        case "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else":
            return problems(in: value, at: place)
        case "items":
            if value.arrayValue != nil { return problem("must be a schema; for a schema per position use prefixItems (JSON Schema 2020-12)") }
            return problems(in: value, at: place)
        case "prefixItems", "anyOf", "oneOf", "allOf":
            guard let branches = value.arrayValue, !branches.isEmpty else { return problem("must be a non-empty array of schemas") }
            return branches.enumerated().flatMap { problems(in: $1, at: "\(place)[\($0)]") }
        case "enum":
            if value.arrayValue?.isEmpty != false { return problem("must be a non-empty array") }
        case "minimum", "maximum":
            if value.doubleValue == nil { return problem("must be a number") }
        case "exclusiveMinimum", "exclusiveMaximum":
            if value.doubleValue == nil, value.boolValue == nil { return problem("must be a number (or, as in OpenAPI 3.0, a boolean)") }
        case "multipleOf":
            if (value.doubleValue ?? 0) <= 0 { return problem("must be a number greater than 0") }
        case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains":
            if (value.intValue ?? -1) < 0 { return problem("must be a non-negative integer") }
        case "pattern":
            guard let pattern = value.stringValue else { return problem("must be a string") }
            if RegexCache.regex(pattern) == nil { return problem("is not a valid regular expression") }
        case "uniqueItems", "deprecated", "readOnly", "writeOnly", "nullable":
            if value.boolValue == nil { return problem("must be a boolean") }
        case "title", "description", "$schema", "$id", "$comment", "$anchor", "format", "contentMediaType", "contentEncoding":
            if value.stringValue == nil { return problem("must be a string") }
        case "$ref":
            guard let reference = value.stringValue else { return problem("must be a string") }
            return referenceProblems(reference).map { SchemaViolation(path: place, message: $0) }
        default:
            break
        }
        return []
    }

    /// A reference must lead, possibly through other references, to a schema in this document.
    private func referenceProblems(_ reference: String) -> [String] {
        var seen: Set<String> = []
        var next = reference
        while seen.insert(next).inserted {
            switch SchemaReference.resolve(next, in: root) {
            case .failure(.external):
                return ["\(next) points outside this schema; only references within it (#/$defs/…, #anchor) are followed"]
            case .failure(.notFound):
                return ["\(next) does not point at anything in this schema"]
            case .success(let target):
                // A target that is only another reference passes the question on.
                guard let object = target.objectValue, object.count == 1, let further = object["$ref"]?.stringValue else { return [] }
                next = further
            }
        }
        return ["\(reference) is a loop of references that never reaches a schema"]
    }
}
