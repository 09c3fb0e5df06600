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

    /// The message of a property that `additionalProperties: false` refuses.
    public static let unknownField = "is not a known field"

    public var isUnknownField: Bool { message == Self.unknownField }
}

/// JSON Schema 2020-12, the keywords real API descriptions use (docs/json-schema.md lists
/// them and what is left out), plus OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`.
///
/// Unknown keywords make a schema invalid rather than being ignored: a constraint the
/// author wrote must never be silently skipped when validating an agent's input.
public enum JSONSchema {
    public static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    /// Keywords that describe and never refuse a value. `example`, `discriminator`, `xml` and
    /// `externalDocs` are OpenAPI's; any `x-` extension is accepted too. `format` is an
    /// annotation, as JSON Schema 2020-12 makes it by default: API descriptions use it loosely
    /// (a "uri" that is a relative path), and a provider's real reply must not fail its own
    /// output schema over it.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "$anchor", "title", "description", "default", "examples", "example", "format",
        "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
        "discriminator", "xml", "externalDocs",
    ]

    static let assertionKeywords: Set<String> = [
        "type", "enum", "const", "nullable",
        "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern",
        "items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
        "dependentRequired", "dependentSchemas", "minProperties", "maxProperties",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "$ref", "$defs", "definitions",
    ]

    static func isKnown(_ keyword: String) -> Bool {
        annotationKeywords.contains(keyword) || assertionKeywords.contains(keyword) || keyword.hasPrefix("x-")
    }

    /// Every problem with `schema` itself; empty when it is a valid schema. Its `$ref`s must
    /// resolve within `root`, which is the schema itself unless given.
    public static func problems(in schema: JSONValue, root: JSONValue? = nil, at path: String = "") -> [SchemaViolation] {
        SchemaChecker(root: root ?? schema).problems(in: schema, at: path)
    }

    /// Every way `value` fails `schema`, with the path of each; empty when it conforms.
    /// `schema` must already be valid (see `problems(in:)`); its `$ref`s resolve within `root`
    /// (an OpenAPI document, say), which is the schema itself unless given.
    public static func violations(of value: JSONValue, against schema: JSONValue, in root: JSONValue? = nil,
                                  at path: String = "") -> [SchemaViolation] {
        var validator = SchemaValidator(root: root ?? schema)
        return validator.violations(of: value, against: schema, at: path)
    }

    static func join(_ path: String, _ component: String) -> String {
        path.isEmpty ? component : "\(path).\(component)"
    }

    static func render(_ value: JSONValue) -> String {
        (try? WireCoding.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "?"
    }
}
