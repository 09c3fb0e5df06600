import PatchbayWire

/// An input an action's schema accepts, for calls whose content does not matter: the action's
/// first example, else the smallest value built from the schema's required properties.
enum SampleInput {
    static func make(for action: ActionSpec) -> JSONValue? {
        let candidates = action.examples.map(\.input) + [value(for: action.inputSchema)]
        return candidates.first { JSONSchema.violations(of: $0, against: action.inputSchema).isEmpty }
    }

    private static func value(for schema: JSONValue) -> JSONValue {
        if let first = schema["enum"]?.arrayValue?.first { return first }
        if let constant = schema["const"] { return constant }
        let type = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.first?.stringValue
        switch type {
        case "string":
            return .string(String(repeating: "a", count: max(schema["minLength"]?.intValue ?? 1, 1)))
        case "integer":
            return .integer(Int64(schema["minimum"]?.intValue ?? 1))
        case "number":
            return .number(schema["minimum"]?.doubleValue ?? 1)
        case "boolean":
            return false
        case "array":
            let count = schema["minItems"]?.intValue ?? 0
            return .array(Array(repeating: value(for: schema["items"] ?? [:]), count: count))
        case "null":
            return .null
        default:
            let properties = schema["properties"]?.objectValue ?? [:]
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var object: [String: JSONValue] = [:]
            for name in required { object[name] = value(for: properties[name] ?? [:]) }
            return .object(object)
        }
    }
}
