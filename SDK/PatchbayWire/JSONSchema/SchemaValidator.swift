import Foundation

/// Checks a value against a valid schema, resolving `$ref`s within the schema's document.
struct SchemaValidator {
    let root: JSONValue
    /// References being followed for an instance path: met again for the same path, a
    /// reference is a loop that could never finish, and adds nothing more.
    private var following: Set<String> = []

    init(root: JSONValue) {
        self.root = root
    }

    mutating func violations(of value: JSONValue, against schema: JSONValue, at path: String) -> [SchemaViolation] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return [SchemaViolation(path: path, message: "is not allowed")]
        case .object(let keywords): return violations(of: value, keywords: keywords, at: path)
        default: return []
        }
    }

    /// Whether `value` conforms, for the keywords that only ask (anyOf, oneOf, not, if, contains).
    private mutating func conforms(_ value: JSONValue, to schema: JSONValue, at path: String) -> Bool {
        violations(of: value, against: schema, at: path).isEmpty
    }

    private mutating func violations(of value: JSONValue, keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }

        if value == .null, keywords["nullable"]?.boolValue == true { return [] }
        if let type = keywords["type"] {
            let allowed = (type.arrayValue ?? [type]).compactMap(\.stringValue)
            let actual = value.schemaTypeName
            if !(allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))) {
                fail("must be \(allowed.joined(separator: " or ")), not \(actual)")
                return found
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: value.jsonEquals) {
            fail("must be one of \(options.map(JSONSchema.render).joined(separator: ", "))")
        }
        if let constant = keywords["const"], !constant.jsonEquals(value) {
            fail("must be \(JSONSchema.render(constant))")
        }
        if let reference = keywords["$ref"]?.stringValue, case .success(let target) = SchemaReference.resolve(reference, in: root) {
            let key = "\(reference) \(path)"
            if following.insert(key).inserted {
                found += violations(of: value, against: target, at: path)
                following.remove(key)
            }
        }

        switch value {
        case .string(let string): found += stringViolations(string, keywords, at: path)
        case .integer, .bigInteger, .number: found += numberViolations(value, keywords, at: path)
        case .array(let items): found += arrayViolations(items, keywords, at: path)
        case .object(let object): found += objectViolations(object, keywords, at: path)
        default: break
        }

        if let branches = keywords["allOf"]?.arrayValue {
            for branch in branches { found += violations(of: value, against: branch, at: path) }
        }
        if let branches = keywords["anyOf"]?.arrayValue, !branches.contains(where: { conforms(value, to: $0, at: path) }) {
            fail("must match at least one of the allowed shapes")
        }
        if let branches = keywords["oneOf"]?.arrayValue {
            let matching = branches.filter { conforms(value, to: $0, at: path) }.count
            if matching != 1 { fail("must match exactly one of the allowed shapes (matched \(matching))") }
        }
        if let excluded = keywords["not"], conforms(value, to: excluded, at: path) {
            fail("must not match the excluded shape")
        }
        if let condition = keywords["if"] {
            let branch = conforms(value, to: condition, at: path) ? keywords["then"] : keywords["else"]
            if let branch { found += violations(of: value, against: branch, at: path) }
        }
        return found
    }

    private func stringViolations(_ string: String, _ keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }
        // Lengths count Unicode code points, as JSON Schema defines them (not grapheme clusters).
        let length = string.unicodeScalars.count
        if let min = keywords["minLength"]?.intValue, length < min { fail("must be at least \(min) characters") }
        if let max = keywords["maxLength"]?.intValue, length > max { fail("must be at most \(max) characters") }
        if let pattern = keywords["pattern"]?.stringValue, !RegexCache.matches(pattern, string) { fail("must match \(pattern)") }
        return found
    }

    private func numberViolations(_ value: JSONValue, _ keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }
        let number = value.doubleValue ?? 0
        // OpenAPI 3.0 writes an exclusive bound as `minimum` plus `exclusiveMinimum: true`.
        let exclusiveMin = keywords["exclusiveMinimum"]?.boolValue == true
        let exclusiveMax = keywords["exclusiveMaximum"]?.boolValue == true
        if let min = keywords["minimum"] {
            if exclusiveMin, number <= min.doubleValue! { fail("must be greater than \(JSONSchema.render(min))") }
            if !exclusiveMin, number < min.doubleValue! { fail("must be at least \(JSONSchema.render(min))") }
        }
        if let max = keywords["maximum"] {
            if exclusiveMax, number >= max.doubleValue! { fail("must be less than \(JSONSchema.render(max))") }
            if !exclusiveMax, number > max.doubleValue! { fail("must be at most \(JSONSchema.render(max))") }
        }
        if let min = keywords["exclusiveMinimum"], let bound = min.doubleValue, number <= bound { fail("must be greater than \(JSONSchema.render(min))") }
        if let max = keywords["exclusiveMaximum"], let bound = max.doubleValue, number >= bound { fail("must be less than \(JSONSchema.render(max))") }
        if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0 {
            let quotient = number / divisor
            // Within floating-point error of a whole number counts: 0.3 is a multiple of 0.1.
            // A quotient too large for a double cannot be shown to be whole, so it is refused.
            if !quotient.isFinite || abs(quotient - quotient.rounded()) > 1e-9 * max(1, abs(quotient)) {
                fail("must be a multiple of \(JSONSchema.render(keywords["multipleOf"]!))")
            }
        }
        return found
    }

    private mutating func arrayViolations(_ items: [JSONValue], _ keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }
        if let min = keywords["minItems"]?.intValue, items.count < min { fail("must have at least \(min) items") }
        if let max = keywords["maxItems"]?.intValue, items.count > max { fail("must have at most \(max) items") }
        if keywords["uniqueItems"]?.boolValue == true {
            for (index, item) in items.enumerated() where items[..<index].contains(where: item.jsonEquals) {
                fail("must not repeat items (item \(index) repeats an earlier one)")
                break
            }
        }
        let positional = keywords["prefixItems"]?.arrayValue ?? []
        for (index, item) in items.enumerated() {
            let place = "\(path)[\(index)]"
            if index < positional.count {
                found += violations(of: item, against: positional[index], at: place)
            } else if let rest = keywords["items"] {
                found += violations(of: item, against: rest, at: place)
            }
        }
        if let wanted = keywords["contains"] {
            let matching = items.indices.filter { conforms(items[$0], to: wanted, at: "\(path)[\($0)]") }.count
            let min = keywords["minContains"]?.intValue ?? 1
            if matching < min { fail(min == 1 ? "must contain a matching item" : "must contain at least \(min) matching items") }
            if let max = keywords["maxContains"]?.intValue, matching > max { fail("must contain at most \(max) matching items") }
        }
        return found
    }

    private mutating func objectViolations(_ object: [String: JSONValue], _ keywords: [String: JSONValue], at path: String) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        func fail(_ message: String) { found.append(SchemaViolation(path: path, message: message)) }
        if let min = keywords["minProperties"]?.intValue, object.count < min { fail("must have at least \(min) properties") }
        if let max = keywords["maxProperties"]?.intValue, object.count > max { fail("must have at most \(max) properties") }
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            found.append(SchemaViolation(path: JSONSchema.join(path, name), message: "is required"))
        }
        for (present, needed) in keywords["dependentRequired"]?.objectValue ?? [:] where object[present] != nil {
            for name in needed.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                found.append(SchemaViolation(path: JSONSchema.join(path, name), message: "is required when \(present) is given"))
            }
        }
        for (present, schema) in (keywords["dependentSchemas"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where object[present] != nil {
            found += violations(of: .object(object), against: schema, at: path)
        }
        let properties = keywords["properties"]?.objectValue ?? [:]
        let patterns = (keywords["patternProperties"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        for (name, member) in object.sorted(by: { $0.key < $1.key }) {
            let place = JSONSchema.join(path, name)
            if let names = keywords["propertyNames"], !conforms(.string(name), to: names, at: place) {
                found.append(SchemaViolation(path: place, message: "is not an allowed property name"))
            }
            var matched = false
            if let propertySchema = properties[name] {
                matched = true
                found += violations(of: member, against: propertySchema, at: place)
            }
            for (pattern, schema) in patterns where RegexCache.matches(pattern, name) {
                matched = true
                found += violations(of: member, against: schema, at: place)
            }
            if !matched, let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    found.append(SchemaViolation(path: place, message: SchemaViolation.unknownField))
                } else {
                    found += violations(of: member, against: additional, at: place)
                }
            }
        }
        return found
    }
}
