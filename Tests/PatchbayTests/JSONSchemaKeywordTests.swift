import PatchbayWire
import XCTest

/// Each supported keyword with values it must accept and values it must refuse, written
/// from JSON Schema 2020-12 (and OpenAPI 3.0 where it differs), one case a keyword or more.
final class JSONSchemaKeywordTests: XCTestCase {
    struct Case {
        let name: String
        let schema: JSONValue
        let valid: [JSONValue]
        let invalid: [JSONValue]
    }

    static let cases: [Case] = [
        Case(name: "$ref to $defs", schema: ["$defs": ["id": ["type": "string", "minLength": 2]], "$ref": "#/$defs/id"],
             valid: ["ab"], invalid: ["a", 5]),
        Case(name: "$ref beside other keywords applies both", schema: ["$defs": ["s": ["type": "string"]], "$ref": "#/$defs/s", "maxLength": 2],
             valid: ["ab"], invalid: ["abc", 1]),
        Case(name: "$ref to definitions (draft 7, OpenAPI 3.0)", schema: ["definitions": ["n": ["type": "integer"]], "items": ["$ref": "#/definitions/n"]],
             valid: [[1, 2]], invalid: [[1, "2"]]),
        Case(name: "$ref with escaped pointer", schema: ["$defs": ["a/b": ["const": 1], "c~d": ["const": 2]],
                                                      "properties": ["x": ["$ref": "#/$defs/a~1b"], "y": ["$ref": "#/$defs/c~0d"]]],
             valid: [["x": 1, "y": 2]], invalid: [["x": 2], ["y": 1]]),
        Case(name: "$ref to an $anchor", schema: ["$defs": ["pos": ["$anchor": "positive", "exclusiveMinimum": 0]], "$ref": "#positive"],
             valid: [1], invalid: [0]),
        Case(name: "recursive $ref (a tree)", schema: ["$defs": ["node": ["type": "object", "required": ["value"],
                                                                          "properties": ["value": ["type": "integer"],
                                                                                         "children": ["type": "array", "items": ["$ref": "#/$defs/node"]]]]],
                                                       "$ref": "#/$defs/node"],
             valid: [["value": 1, "children": [["value": 2, "children": [["value": 3]]]]]],
             invalid: [["value": 1, "children": [["value": 2, "children": [["value": "3"]]]]]]),
        Case(name: "$ref to the root", schema: ["type": "object", "properties": ["next": ["$ref": "#"]], "additionalProperties": false],
             valid: [["next": ["next": [:]]]], invalid: [["next": ["other": 1]]]),
        Case(name: "allOf", schema: ["allOf": [["minimum": 2], ["maximum": 4]]], valid: [3], invalid: [1, 5]),
        Case(name: "anyOf", schema: ["anyOf": [["type": "string"], ["minimum": 10]]], valid: ["x", 10], invalid: [5]),
        Case(name: "oneOf", schema: ["oneOf": [["type": "integer"], ["minimum": 2]]], valid: [1, 2.5], invalid: [3, 1.5]),
        Case(name: "not", schema: ["not": ["type": "string"]], valid: [1, nil], invalid: ["x"]),
        Case(name: "if/then/else", schema: ["if": ["properties": ["kind": ["const": "email"]], "required": ["kind"]],
                                            "then": ["required": ["address"]], "else": ["required": ["phone"]]],
             valid: [["kind": "email", "address": "a@b.co"], ["kind": "sms", "phone": "1"]],
             invalid: [["kind": "email", "phone": "1"], ["kind": "sms"]]),
        Case(name: "nullable (OpenAPI 3.0)", schema: ["type": "string", "nullable": true], valid: ["x", nil], invalid: [1]),
        Case(name: "type array with null", schema: ["type": ["string", "null"]], valid: ["x", nil], invalid: [false]),
        Case(name: "patternProperties", schema: ["patternProperties": ["^x-": ["type": "string"], "^n_": ["type": "integer"]],
                                                 "additionalProperties": false],
             valid: [["x-a": "1", "n_b": 2], [:]], invalid: [["x-a": 1], ["n_b": "2"], ["other": 1]]),
        Case(name: "additionalProperties as a schema", schema: ["properties": ["a": true], "additionalProperties": ["type": "integer"]],
             valid: [["a": "any", "b": 1]], invalid: [["b": "1"]]),
        Case(name: "propertyNames", schema: ["propertyNames": ["pattern": "^[a-z]+$", "maxLength": 3]], valid: [["abc": 1]], invalid: [["ABC": 1], ["abcd": 1]]),
        Case(name: "minProperties and maxProperties", schema: ["minProperties": 1, "maxProperties": 2],
             valid: [["a": 1], ["a": 1, "b": 2]], invalid: [[:], ["a": 1, "b": 2, "c": 3]]),
        Case(name: "dependentRequired", schema: ["dependentRequired": ["card": ["cvc"]]], valid: [["card": "1", "cvc": "2"], ["x": 1]], invalid: [["card": "1"]]),
        Case(name: "dependentSchemas", schema: ["dependentSchemas": ["card": ["required": ["billing"]]]],
             valid: [["card": 1, "billing": 2], [:]], invalid: [["card": 1]]),
        Case(name: "prefixItems with items for the rest", schema: ["prefixItems": [["type": "string"], ["type": "integer"]], "items": ["type": "boolean"]],
             valid: [["a", 1], ["a", 1, true, false], ["a"]], invalid: [[1, 1], ["a", "b"], ["a", 1, 2]]),
        Case(name: "prefixItems with items false", schema: ["prefixItems": [["type": "string"]], "items": false], valid: [["a"], []], invalid: [["a", "b"]]),
        Case(name: "contains", schema: ["contains": ["type": "integer"]], valid: [["a", 1]], invalid: [["a"], []]),
        Case(name: "minContains and maxContains", schema: ["contains": ["const": 1], "minContains": 2, "maxContains": 3],
             valid: [[1, 1], [1, 1, 1, 2]], invalid: [[1], [1, 1, 1, 1]]),
        Case(name: "minContains 0", schema: ["contains": ["const": 1], "minContains": 0], valid: [[], [2]], invalid: []),
        Case(name: "uniqueItems counts 1 and 1.0 as equal", schema: ["uniqueItems": true], valid: [[1, 2], [["a": 1], ["a": 2]]],
             invalid: [[1, .number(1.0)], [["a": 1], ["a": 1]]]),
        Case(name: "multipleOf", schema: ["multipleOf": 0.1], valid: [0.3, 2, 0], invalid: [0.35]),
        Case(name: "multipleOf past a double's range", schema: ["type": "integer", "multipleOf": 0.123456789], valid: [], invalid: [.number(1e308)]),
        Case(name: "const compares code points", schema: ["const": "caf\u{E9}"], valid: ["caf\u{E9}"], invalid: ["cafe\u{301}"]),
        Case(name: "exclusive bounds as numbers (2020-12)", schema: ["exclusiveMinimum": 1, "exclusiveMaximum": 3], valid: [2], invalid: [1, 3]),
        Case(name: "exclusive bounds as booleans (OpenAPI 3.0)", schema: ["minimum": 1, "exclusiveMinimum": true, "maximum": 3, "exclusiveMaximum": true],
             valid: [2], invalid: [1, 3]),
        Case(name: "lengths count code points", schema: ["minLength": 2, "maxLength": 2], valid: ["💩💩", "é!"], invalid: ["💩", "💩💩💩"]),
        Case(name: "a flag emoji is two code points", schema: ["maxLength": 1], valid: ["a"], invalid: ["🇫🇷"]),
        Case(name: "pattern is not anchored", schema: ["pattern": "b+"], valid: ["abbc", 5], invalid: ["ac"]),
        Case(name: "format describes and does not refuse", schema: ["type": "string", "format": "date-time"], valid: ["yesterday"], invalid: [1]),
        Case(name: "enum and const compare as JSON", schema: ["enum": [1, ["a": [true]]], "const": ["a": [true]]], valid: [["a": [true]]], invalid: [1, ["a": [false]]]),
        Case(name: "OpenAPI annotations and x- extensions are accepted", schema: ["type": "object", "example": ["a": 1], "x-internal": true,
                                                                               "discriminator": ["propertyName": "kind"], "externalDocs": ["url": "https://x"]],
             valid: [[:]], invalid: ["x"]),
        Case(name: "boolean schemas", schema: ["properties": ["yes": true, "no": false]], valid: [["yes": 1]], invalid: [["no": 1]]),
    ]

    func testEveryKeywordCase() {
        for testCase in Self.cases {
            XCTAssertEqual(JSONSchema.problems(in: testCase.schema), [], "\(testCase.name): the schema itself")
            for value in testCase.valid {
                XCTAssertEqual(JSONSchema.violations(of: value, against: testCase.schema), [], "\(testCase.name): \(value) must be accepted")
            }
            for value in testCase.invalid {
                XCTAssertFalse(JSONSchema.violations(of: value, against: testCase.schema).isEmpty, "\(testCase.name): \(value) must be refused")
            }
        }
    }

    func testViolationsNameTheirPlaceAndSayWhy() {
        let schema: JSONValue = ["$defs": ["tag": ["type": "string", "pattern": "^[a-z]+$"]],
                                 "properties": ["tags": ["type": "array", "items": ["$ref": "#/$defs/tag"]],
                                                "meta": ["patternProperties": ["^n_": ["type": "integer"]]],
                                                "when": ["type": "string", "minLength": 10]]]
        let found = JSONSchema.violations(of: ["tags": ["ok", "Bad"], "meta": ["n_x": "1"], "when": "today"], against: schema)
        XCTAssertEqual(found, [
            SchemaViolation(path: "meta.n_x", message: "must be integer, not string"),
            SchemaViolation(path: "tags[1]", message: "must match ^[a-z]+$"),
            SchemaViolation(path: "when", message: "must be at least 10 characters"),
        ])
        XCTAssertEqual(JSONSchema.violations(of: ["card": 1], against: ["dependentRequired": ["card": ["cvc"]]]),
                       [SchemaViolation(path: "cvc", message: "is required when card is given")])
    }

    func testBadSchemasAreRefusedWithTheirPlace() {
        let bad: [(JSONValue, String, String)] = [
            (["$ref": "https://example.com/schema.json"], "$ref", "https://example.com/schema.json points outside this schema; only references within it (#/$defs/…, #anchor) are followed"),
            (["$ref": "#/$defs/missing", "$defs": [:]], "$ref", "#/$defs/missing does not point at anything in this schema"),
            (["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"], "$defs.a.$ref",
             "#/$defs/b is a loop of references that never reaches a schema"),
            (["patternProperties": ["(": true]], "patternProperties.(", "is not a valid regular expression"),
            (["items": [["type": "string"]]], "items", "must be a schema; for a schema per position use prefixItems (JSON Schema 2020-12)"),
            (["prefixItems": []], "prefixItems", "must be a non-empty array of schemas"),
            (["multipleOf": 0], "multipleOf", "must be a number greater than 0"),
            (["minProperties": -1], "minProperties", "must be a non-negative integer"),
            (["dependentRequired": ["a": "b"]], "dependentRequired", "must be an object whose values are arrays of property names"),
            (["nullable": "yes"], "nullable", "must be a boolean"),
            (["not": 5], "not", "a schema must be an object or a boolean"),
            (["$defs": ["x": ["type": "strnig"]]], "$defs.x.type", "must be one of array, boolean, integer, null, number, object, string or an array of them"),
        ]
        for (schema, path, message) in bad {
            XCTAssertEqual(JSONSchema.problems(in: schema).first, SchemaViolation(path: path, message: message), "\(schema)")
        }
    }

    /// A reference that loops through itself without consuming the value (legal, if odd)
    /// ends instead of recursing forever.
    func testAReferenceLoopBesideOtherKeywordsEnds() {
        let schema: JSONValue = ["$defs": ["a": ["type": "string", "$ref": "#/$defs/a"]], "$ref": "#/$defs/a"]
        XCTAssertEqual(JSONSchema.problems(in: schema), [])
        XCTAssertEqual(JSONSchema.violations(of: "x", against: schema), [])
        XCTAssertFalse(JSONSchema.violations(of: 1, against: schema).isEmpty)
    }
}
