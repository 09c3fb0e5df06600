import PatchbayWire

/// Builders for the JSON Schemas the endpoint table declares, and the shared shapes
/// (`components`) that responses name with `ref`. Request bodies are built with `object`, which
/// refuses unknown fields, so a typo is an error rather than silently ignored.
enum APISchema {
    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// An object with exactly these properties (those in `required` must be present).
    static func object(_ properties: [String: JSONValue], required: [String] = [], description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// A response view: every property is always present.
    static func view(_ properties: [String: JSONValue], optional: [String] = []) -> JSONValue {
        object(properties, required: properties.keys.filter { !optional.contains($0) }.sorted())
    }

    static func string(description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// Text a person gives: `min` to `max` characters, no control characters (the services refuse them).
    /// With `trimmed`, neither starts nor ends with a space.
    static func text(min: Int = 0, max: Int, trimmed: Bool = false, description: String? = nil) -> JSONValue {
        let refused = trimmed ? "\(controlCharacter)|^\(space)|\(space)$" : controlCharacter
        var schema: [String: JSONValue] = ["type": "string", "maxLength": .integer(Int64(max)), "not": ["pattern": .string(refused)]]
        if min > 0 { schema["minLength"] = .integer(Int64(min)) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// An id the caller got from this API; its existence is checked by the service (404).
    static func id(description: String? = nil) -> JSONValue {
        text(min: 1, max: 200, description: description)
    }

    /// Patterns of what a field refuses, found anywhere: written as `not` a match rather than
    /// an anchored pattern, since `$` means "before a final newline" in some regex dialects.
    static let controlCharacter = "[\\u0000-\\u001F\\u007F]"
    /// Unicode spaces, tab and line separators: what `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// removes besides control characters.
    static let space = "[ \\t\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]"

    static func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, description: String? = nil) -> JSONValue
    where T.RawValue == String {
        var schema: [String: JSONValue] = ["type": "string", "enum": .array(T.allCases.map { .string($0.rawValue) })]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func nullable(_ schema: JSONValue) -> JSONValue {
        ["anyOf": [schema, ["type": "null"]]]
    }

    static func array(_ items: JSONValue, minItems: Int = 0, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "array", "items": items]
        if minItems > 0 { schema["minItems"] = .integer(Int64(minItems)) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func anyObject(description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object"]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static let boolean: JSONValue = ["type": "boolean"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let timestamp: JSONValue = ["type": "string", "format": "date-time"]
    static let nullableTimestamp: JSONValue = ["type": ["string", "null"], "format": "date-time"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let nullableInteger: JSONValue = ["type": ["integer", "null"]]
    /// Any JSON value.
    static let anyValue: JSONValue = [:]

    /// `{"data": [...], "next_cursor": ...}`: one page of a listing.
    static func page(of item: JSONValue) -> JSONValue {
        view(["data": array(item), "next_cursor": nullableString])
    }

    /// `{"data": [...]}`: a whole listing.
    static func list(of item: JSONValue) -> JSONValue {
        view(["data": array(item)])
    }
}

extension APISchema {
    /// `schema` with `keywords` added or replaced.
    static func merge(_ schema: JSONValue, _ keywords: [String: JSONValue]) -> JSONValue {
        .object((schema.objectValue ?? [:]).merging(keywords) { _, new in new })
    }
}
