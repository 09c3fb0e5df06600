import PatchbayWire
import XCTest

final class JSONSchemaTests: XCTestCase {
    let schema: JSONValue = [
        "type": "object",
        "required": ["channel", "text"],
        "additionalProperties": false,
        "properties": [
            "channel": ["type": "string", "minLength": 1],
            "text": ["type": "string"],
            "limit": ["type": "integer", "minimum": 1, "maximum": 1000],
            "types": ["type": "array", "items": ["type": "string", "enum": ["public_channel", "im"]]],
        ],
    ]

    func testConformingValuePasses() {
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C1", "text": "hi", "limit": 5, "types": ["im"]], against: schema), [])
    }

    func testEachViolationNamesItsPath() {
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C1"], against: schema),
                       [SchemaViolation(path: "text", message: "is required")])
        XCTAssertEqual(JSONSchema.violations(of: ["channel": 5, "text": "x"], against: schema).first?.path, "channel")
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C", "text": "x", "limit": 0], against: schema).first?.message,
                       "must be at least 1")
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C", "text": "x", "limit": 2.5], against: schema).first?.message,
                       "must be integer, not number")
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C", "text": "x", "types": ["mpim"]], against: schema).first?.path,
                       "types[0]")
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "C", "text": "x", "extra": true], against: schema).first?.path, "extra")
        XCTAssertEqual(JSONSchema.violations(of: ["channel": "", "text": "x"], against: schema).first?.message,
                       "must be at least 1 characters")
        XCTAssertEqual(JSONSchema.violations(of: "not an object", against: schema).first?.message, "must be object, not string")
    }

    func testWholeNumbersCountAsIntegersAndNumbers() {
        XCTAssertEqual(JSONSchema.violations(of: .number(3.0), against: ["type": "integer"]), [])
        XCTAssertEqual(JSONSchema.violations(of: .integer(3), against: ["type": "number"]), [])
    }

    func testInvalidSchemasAreReported() {
        XCTAssertEqual(JSONSchema.problems(in: schema), [])
        XCTAssertEqual(JSONSchema.problems(in: ["type": "strnig"]).first?.path, "type")
        XCTAssertEqual(JSONSchema.problems(in: ["type": "object", "required": "name"]).first?.path, "required")
        XCTAssertEqual(JSONSchema.problems(in: ["properties": ["a": ["type": 5]]]).first?.path, "properties.a.type")
        XCTAssertEqual(JSONSchema.problems(in: ["unevaluatedProperties": false]).first?.message, "unsupported keyword")
        XCTAssertEqual(JSONSchema.problems(in: ["$ref": "#/x"]).first?.message, "#/x does not point at anything in this schema")
        XCTAssertEqual(JSONSchema.problems(in: ["pattern": "("]).first?.message, "is not a valid regular expression")
    }

    func testOneOfAndAnyOf() {
        let either: JSONValue = ["oneOf": [["type": "string"], ["type": "integer"]]]
        XCTAssertEqual(JSONSchema.violations(of: "a", against: either), [])
        XCTAssertFalse(JSONSchema.violations(of: true, against: either).isEmpty)
        let nullable: JSONValue = ["type": ["string", "null"]]
        XCTAssertEqual(JSONSchema.violations(of: nil, against: nullable), [])
    }
}
