import PatchbayWire

/// Real 3.1 documents still carry schema keywords in their 3.0 form, which a strict 3.1
/// reader refuses: a boolean `exclusiveMinimum`/`exclusiveMaximum` beside `minimum`/`maximum`,
/// and `nullable`. Rather than refuse the whole document, each is rewritten to what it means in
/// 3.1 before decoding, and every rewrite is returned as a note with the JSON pointer of the
/// schema, so the import report shows what changed.
enum OpenAPILegacySchemaRewriter {
    /// The document with its 3.0 keywords rewritten, and one note per rewrite.
    static func rewrite(_ document: JSONValue) -> (document: JSONValue, notes: [String]) {
        var notes: [String] = []
        let rewritten = visit(document, at: [], namesMap: false, notes: &notes)
        return (rewritten, notes)
    }

    /// Members whose values are data, not schemas: nothing under them is rewritten.
    private static let data: Set<String> = ["example", "examples", "default", "const", "enum"]

    /// Members whose keys are names a document chose (a property called `example` is still a schema).
    private static let names: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "paths", "webhooks", "schemas",
        "responses", "parameters", "requestBodies", "headers", "content", "callbacks", "links", "securitySchemes",
        "pathItems", "variables", "encoding",
    ]

    private static func visit(_ value: JSONValue, at path: [String], namesMap: Bool, notes: inout [String]) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.enumerated().map { index, item in
                visit(item, at: path + [String(index)], namesMap: false, notes: &notes)
            })
        case .object(var members):
            // Inside first, so a schema the rewrite nests (nullable without a type) is not visited twice.
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if !namesMap, data.contains(key) || key.hasPrefix("x-") { continue }
                members[key] = visit(member, at: path + [key], namesMap: !namesMap && names.contains(key), notes: &notes)
            }
            return namesMap ? .object(members) : rewriteKeywords(members, at: path, notes: &notes)
        default:
            return value
        }
    }

    /// One schema object's 3.0 keywords in their 3.1 form.
    private static func rewriteKeywords(_ schema: [String: JSONValue], at path: [String], notes: inout [String]) -> JSONValue {
        var schema = schema
        let pointer = JSONPointer(tokens: path).text
        for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            guard case .bool(let flag)? = schema[exclusive] else { continue }
            schema[exclusive] = nil
            switch (flag, schema[bound]) {
            case (true, let limit?) where limit.doubleValue != nil:
                schema[bound] = nil
                schema[exclusive] = limit
                notes.append("\(pointer): \(exclusive): true with \(bound): \(render(limit)) (OpenAPI 3.0) read as \(exclusive): \(render(limit))")
            case (true, _):
                notes.append("\(pointer): \(exclusive): true without a numeric \(bound) (OpenAPI 3.0) has no bound to make exclusive; left out")
            case (false, _):
                notes.append("\(pointer): \(exclusive): false (OpenAPI 3.0) is the 3.1 default; left out")
            }
        }
        // An integer schema's bound written past what an integer holds (9223372036854776000)
        // is one OpenAPIKit refuses; it reads as the nearest integer that fits.
        if schema["type"]?.stringValue == "integer" || schema["type"]?.arrayValue?.contains("integer") == true {
            for bound in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
                guard let value = schema[bound], let number = value.doubleValue, value.intValue == nil, number.rounded() == number else { continue }
                let fitted: Int64 = number >= 9.223372036854775807e18 ? .max : number <= -9.223372036854775808e18 ? .min : Int64(number)
                schema[bound] = .integer(fitted)
                notes.append("\(pointer): \(bound): \(render(value)) is past what an integer holds; read as \(fitted)")
            }
        }
        guard case .bool(let nullable)? = schema["nullable"] else { return .object(schema) }
        schema["nullable"] = nil
        guard nullable else {
            notes.append("\(pointer): nullable: false (OpenAPI 3.0) is the 3.1 default; left out")
            return .object(schema)
        }
        if case .array(var values)? = schema["enum"], !values.contains(.null) {
            values.append(.null)
            schema["enum"] = .array(values)
        }
        switch schema["type"] {
        case .string(let type)?:
            schema["type"] = [.string(type), "null"]
            notes.append("\(pointer): nullable: true (OpenAPI 3.0) read as type: [\(type), null]")
        case .array(var types)?:
            if !types.contains("null") { types.append("null") }
            schema["type"] = .array(types)
            notes.append("\(pointer): nullable: true (OpenAPI 3.0) read as null added to its types")
        default:
            // No type to add null to (a $ref, allOf, oneOf). `anyOf` with a null type would say
            // it, but the reader takes such a schema for null alone; the schema is kept as it is.
            notes.append("\(pointer): nullable: true (OpenAPI 3.0) on a schema without a type is left out: null is not accepted there")
        }
        return .object(schema)
    }

    private static func render(_ value: JSONValue) -> String {
        (try? WireCoding.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }
}
