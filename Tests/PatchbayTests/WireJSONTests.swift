import Foundation
import PatchbayWire
import XCTest

/// The JSON reader and writer every message goes through.
final class WireJSONTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try WireCoding.decode(JSONValue.self, from: Data(text.utf8))
    }

    private func write(_ value: JSONValue) throws -> String {
        String(decoding: try WireCoding.encode(value), as: UTF8.self)
    }

    func testReadsEveryKindOfValue() throws {
        let value = try parse(#" { "a" : [1, -2, 3.5, 1e3, -0.25E-2, true, false, null], "b": {"c": "d"}, "e": "" } "#)
        XCTAssertEqual(value, [
            "a": [1, -2, 3.5, 1000.0, -0.0025, true, false, nil],
            "b": ["c": "d"],
            "e": "",
        ])
        XCTAssertEqual(try parse("42"), .integer(42))
        XCTAssertEqual(try parse(#""top""#), .string("top"))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object([:]))
    }

    func testMembersAreEditedByKey() throws {
        var reply: JSONValue = ["id": 1, "meta": ["cursor": "abc", "count": 2]]
        reply["id"] = "row_1"
        reply["added"] = [true]
        reply["meta"]?["cursor"] = nil
        reply["missing"]?["deep"] = 1  // no member to edit: nothing happens
        XCTAssertEqual(reply, ["id": "row_1", "added": [true], "meta": ["count": 2]])
        XCTAssertEqual(try write(reply["meta"] ?? nil), #"{"count":2}"#)

        var scalar: JSONValue = 5
        scalar["now"] = "an object"
        XCTAssertEqual(scalar, ["now": "an object"], "a member set on a value that is not an object makes it one")
        var empty: JSONValue = "text"
        empty["gone"] = nil
        XCTAssertEqual(empty, .object([:]))
    }

    func testIntegersStayExactAndOnlyIntegersAreIntegers() throws {
        XCTAssertEqual(try parse("9223372036854775807"), .integer(Int64.max))
        XCTAssertEqual(try parse("-9223372036854775808"), .integer(Int64.min))
        XCTAssertEqual(try parse("9223372036854775808"), .bigInteger("9223372036854775808"))
        XCTAssertEqual(try parse("1.0"), .number(1))
        XCTAssertEqual(try parse("2e2"), .number(200))
    }

    func testIntegersBeyond64BitsKeepTheirDigits() throws {
        let digits = ["9223372036854775808", "-9223372036854775809", "18446744073709551615",
                      "123456789012345678901234567890123456789012345678901234567890"]
        for text in digits {
            let value = try parse(text)
            XCTAssertEqual(value, .bigInteger(text))
            XCTAssertEqual(value.schemaTypeName, "integer")
            XCTAssertNil(value.intValue)
            XCTAssertEqual(try write(value), text, "written back exactly as it came")
        }
        let document = #"{"id":123456789012345678901234567890,"list":[-99999999999999999999,1,2.5]}"#
        XCTAssertEqual(try write(try parse(document)), document)

        // Equality as JSON: never equal to a 64-bit integer it would round to as a double.
        XCTAssertFalse(JSONValue.bigInteger("9223372036854775808").jsonEquals(.integer(Int64.max)))
        XCTAssertTrue(JSONValue.bigInteger("9223372036854775808").jsonEquals(.bigInteger("9223372036854775808")))
        XCTAssertTrue(JSONValue.bigInteger("100000000000000000000").jsonEquals(.number(1e20)))

        // Foundation's encoder, for Codable types that hold a value, keeps up to 38 digits.
        struct Holder: Codable { var value: JSONValue }
        let encoded = String(decoding: try JSONEncoder().encode(Holder(value: .bigInteger("123456789012345678901234567890"))), as: UTF8.self)
        XCTAssertEqual(encoded, #"{"value":123456789012345678901234567890}"#)
    }

    func testSchemasCheckBigIntegersAsIntegers() throws {
        let big = try parse("123456789012345678901234567890")
        XCTAssertEqual(JSONSchema.violations(of: big, against: ["type": "integer"]), [])
        XCTAssertEqual(JSONSchema.violations(of: big, against: ["type": "number"]), [])
        XCTAssertEqual(JSONSchema.violations(of: big, against: ["type": "string"]).first?.message, "must be string, not integer")
        XCTAssertEqual(JSONSchema.violations(of: big, against: ["type": "integer", "maximum": 1000]).first?.message, "must be at most 1000")
        XCTAssertEqual(JSONSchema.violations(of: big, against: ["enum": [.bigInteger("123456789012345678901234567890")]]), [])
    }

    func testRefusesAMemberNameTwiceNamingIt() throws {
        for text in [#"{"a":1,"a":2}"#, #"{"a":1,"b":{"c":true,"c":true}}"#, #"[{"x":1},{"name":1,"name":1}]"#, #"{"\u0061":1,"a":2}"#] {
            XCTAssertThrowsError(try parse(text), text) { error in
                let message = (error as? JSONSyntaxError)?.message ?? ""
                XCTAssertTrue(message.hasPrefix("duplicate member name"), message)
                XCTAssertTrue(["\"a\"", "\"c\"", "\"name\""].contains { message.contains($0) }, message)
            }
            XCTAssertFalse(WireCoding.isJSON(Data(text.utf8)), "checking refuses it as parsing does: \(text)")
        }
        // Past the names compared one by one: a long object, the repeat far from the first.
        let long = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        for text in ["{\(long),\"k3\":0}", "{\(long),\"\\u006b3\":0}", "{\"k3\":0,\(long)}"] {
            XCTAssertThrowsError(try parse(text), text)
            XCTAssertFalse(WireCoding.isJSON(Data(text.utf8)), text)
        }
        XCTAssertTrue(WireCoding.isJSON(Data("{\(long),\"k40\":{\(long)}}".utf8)))
        // The same name in different objects is no repeat.
        XCTAssertEqual(try parse(#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#), ["a": ["a": 1], "b": [["a": 1], ["a": 2]]])
        XCTAssertTrue(WireCoding.isJSON(Data(#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#.utf8)))
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try parse(#""\u00e9\u4e2d\ud83d\ude00""#), .string("é中😀"))
        XCTAssertEqual(try parse(#""raw é 中 😀""#), .string("raw é 中 😀"))
    }

    func testRefusesWhatIsNotJSON() {
        let bad = [
            "", " ", "{", "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "-", "1.", "1e", ".5", "+1", "tru", "nul",
            "NaN", "Infinity", "1e400", "\"unterminated", "\"tab\there\"", #""\x""#, #""\u12""#, #""\ud83d""#,
            #""\ude00""#, #""\ud83d\u0041""#, "[1] [2]", "{\"a\" 1}", "// comment\n1",
        ]
        for text in bad {
            XCTAssertThrowsError(try parse(text), "accepted \(text.debugDescription)") { error in
                XCTAssertTrue(error is JSONSyntaxError, "\(text.debugDescription): \(error)")
            }
        }
    }

    /// The check without building a value accepts exactly what the parser accepts.
    func testValidatingAgreesWithParsing() {
        let texts = [
            #" { "a" : [1, -2, 3.5, 1e3, true, null, {"b": [[], {}]}], "c": "\u00e9\"" } "#, "42", #""top""#, "[]",
            "", "{", "[1,]", "{\"a\":1,}", "[1 2]", "01", "1e400", "\"tab\there\"", #""\ud83d""#, "[1] [2]", "{\"a\" 1}",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        for text in texts {
            let data = Data(text.utf8)
            XCTAssertEqual(WireCoding.isJSON(data), (try? WireCoding.decode(JSONValue.self, from: data)) != nil, text.debugDescription)
        }
        XCTAssertFalse(WireCoding.isJSON(Data([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])))
    }

    /// One member of an object, read without building the rest, from text read by the parser's rules.
    func testReadsOneMemberOfAnObjectByTheParsersRules() throws {
        func member(_ text: String) throws -> JSONValue? { try WireCoding.member("action", ofObject: Data(text.utf8)) }
        XCTAssertEqual(try member(#" {"issue":{"action":"inner","n":[1,{"action":2}]},"action":"opened","z":null} "#), "opened")
        XCTAssertEqual(try member(#"{"action":{"b":[1,{"c":"\u00e9"}],"a":-0.5}}"#), ["b": [1, ["c": "é"]], "a": -0.5])
        XCTAssertEqual(try member(#"{"act\u0069on":true}"#), true, "the name is compared as it reads")
        XCTAssertNil(try member(#"{"issue":{"action":"inner"}}"#), "only the outer object's own member")
        XCTAssertNil(try member("{}"))
        for text in [#"["action"]"#, #""action""#, "7", "", #"{"action":"a","action":"b"}"#, #"{"action":"a","b":{"c":1,"c":2}}"#,
                     #"{"action":"a"} {}"#, #"{"action":"a","n":01}"#, #"{"action":"a""#, #"{"action":"\ud83d"}"#] {
            XCTAssertThrowsError(try member(text), text.debugDescription)
        }
    }

    func testRefusesInvalidUTF8() {
        var bytes = Array(#""ok"#.utf8)
        bytes.append(0xFF)
        bytes.append(UInt8(ascii: "\""))
        XCTAssertThrowsError(try WireCoding.decode(JSONValue.self, from: Data(bytes)))
        // A 4-byte sequence cut short, then ASCII: one bad run among good bytes.
        let truncated = Array(#""a"#.utf8) + [0xF0, 0x9F, 0x98] + Array(#"b""#.utf8)
        XCTAssertThrowsError(try WireCoding.decode(JSONValue.self, from: Data(truncated)))
    }

    func testBoundsNestingSoHostileInputCannotExhaustTheStack() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nested deeper"), "\(error)")
        }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        XCTAssertNoThrow(try parse(fine))
    }

    func testWritesSortedCompactJSONWithEscapes() throws {
        let value: JSONValue = ["b": [1, 2.5, true, nil], "a": "x/y \"q\" \\ \n\u{1}é", "c": ["z": 1, "y": 2]]
        XCTAssertEqual(try write(value), #"{"a":"x/y \"q\" \\ \n\u0001é","b":[1,2.5,true,null],"c":{"y":2,"z":1}}"#)
    }

    /// Escapes at the start, the end, side by side, and between plain runs all come back as written.
    func testStringsWithEscapesAnywhereRoundTrip() throws {
        let texts = ["", "\"", "\"\"", "\"start", "end\\", "a\u{0}b", "\u{1F}\n\t", "plain run \"q\" more \\ run\r",
                     #"{"action":"opened","issue":{"title":"a \"b\""}}"#]
        for text in texts {
            let written = try write(.string(text))
            XCTAssertEqual(try parse(written), .string(text), written)
            XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String, text, written)
        }
        XCTAssertEqual(try write(.string("\"\\\u{8}")), #""\"\\\b""#)
    }

    func testRefusesNonFiniteNumbers() {
        XCTAssertThrowsError(try write(.number(.nan)))
        XCTAssertThrowsError(try write(["x": .number(.infinity)]))
    }

    func testRoundTripsAndAgreesWithFoundation() throws {
        let value: JSONValue = [
            "id": .integer(1_234_567_890_123_456_789), "ratio": 0.1, "tiny": 1e-7, "huge": 1.5e300, "neg": -17,
            "text": "line\nbreak \u{7F} \u{2028} 😀", "list": [[], [:], [nil]], "flag": false,
        ]
        let data = try WireCoding.encode(value)
        XCTAssertEqual(try WireCoding.decode(JSONValue.self, from: data), value)
        let viaFoundation = try JSONSerialization.jsonObject(with: data) as? NSDictionary
        XCTAssertEqual(viaFoundation?["text"] as? String, "line\nbreak \u{7F} \u{2028} 😀")
        XCTAssertEqual((viaFoundation?["ratio"] as? NSNumber)?.doubleValue, 0.1)
        XCTAssertEqual((viaFoundation?["id"] as? NSNumber)?.int64Value, 1_234_567_890_123_456_789)
    }

    func testTypedMessagesStillCarryJSONValues() throws {
        let call = PluginCall(action: "post_message", input: ["channel": "C1", "count": 3])
        let decoded = try WireCoding.decode(PluginCall.self, from: WireCoding.encode(call))
        XCTAssertEqual(decoded.input, ["channel": "C1", "count": 3])
    }

    func testWireMessagesReadTheSameThroughFoundationAndTheFastPath() throws {
        let call = PluginCall(action: "parse", input: ["n": 1], config: ["team": "T1"], credentials: ["token": "t0ken"],
                              webhook: InboundWebhook(headers: ["x-id": "7"], body: #"{"a":"\u00e9"}"#))
        let response = HTTPResponseMessage(status: 429, headers: ["retry-after": "2"], body: "slow down",
                                           error: PluginError(code: "rate_limited", message: "wait", retryable: true,
                                                              upstreamStatus: 429, field: "channel", details: ["after": 2]))
        let request = HTTPRequestMessage(method: "POST", path: "/chat.postMessage", query: ["a": "b"], body: "{}")

        XCTAssertEqual(try JSONDecoder().decode(PluginCall.self, from: WireCoding.encode(call)), call)
        XCTAssertEqual(try WireCoding.decode(PluginCall.self, from: JSONEncoder().encode(call)), call)
        XCTAssertEqual(try JSONDecoder().decode(HTTPResponseMessage.self, from: WireCoding.encode(response)), response)
        XCTAssertEqual(try WireCoding.decode(HTTPRequestMessage.self, from: JSONEncoder().encode(request)), request)
        // Absent optional members are left out, not written as null.
        XCTAssertEqual(String(decoding: try WireCoding.encode(PluginCall(action: "a")), as: UTF8.self), #"{"action":"a","config":{}}"#)
    }

    func testWireMessagesNameTheMemberThatHasTheWrongType() throws {
        let cases: [(String, String)] = [
            (#"{"action":5,"config":{}}"#, "PluginCall.action must be a string"),
            (#"{"config":{},"credentials":{"token":1}}"#, "PluginCall.credentials.token must be a string"),
            (#"{"config":{},"webhook":{"headers":{}}}"#, "InboundWebhook.body must be a string"),
            (#"[1]"#, "PluginCall. must be an object"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try WireCoding.decode(PluginCall.self, from: Data(text.utf8)), text) { error in
                XCTAssertEqual((error as? WireFormatError)?.description, expected)
            }
        }
        XCTAssertThrowsError(try WireCoding.decode(HTTPResponseMessage.self, from: Data(#"{"status":"200"}"#.utf8))) { error in
            XCTAssertEqual((error as? WireFormatError)?.field, "status")
        }
        // Missing and null optional members read alike; a PluginError without a message uses its code.
        let error = try WireCoding.decode(PluginError.self, from: Data(#"{"code":"boom","field":null,"details":null}"#.utf8))
        XCTAssertEqual(error, PluginError(code: "boom", message: "boom"))
    }

    func testRedactionMasksSecretsAsTheyAreAndPercentEncoded() {
        let secrets = ["xoxb-123-abc", "abc", "s3cr3t/with space"]
        XCTAssertEqual(Redaction.redact("https://x.test/api?token=xoxb-123-abc&q=1", secrets: secrets),
                       "https://x.test/api?token=[REDACTED]&q=1")
        XCTAssertEqual(Redaction.redact("token=xoxb%2D123%2Dabc", secrets: secrets), "token=[REDACTED]")
        XCTAssertEqual(Redaction.redact("p=s3cr3t%2Fwith%20space and s3cr3t/with space", secrets: secrets),
                       "p=[REDACTED] and [REDACTED]")
        // Too short to mask; and text without a secret comes back as it was.
        XCTAssertEqual(Redaction.redact("abc abc", secrets: secrets), "abc abc")
        XCTAssertEqual(Redaction.redact("nothing secret: xoxb-12", secrets: secrets), "nothing secret: xoxb-12")
        XCTAssertEqual(Redaction.redact("", secrets: secrets), "")
        // A secret that contains another is masked whole.
        XCTAssertEqual(Redaction.redact("key=longsecret-and-more", secrets: ["longsecret", "longsecret-and-more"]), "key=[REDACTED]")
    }
}
