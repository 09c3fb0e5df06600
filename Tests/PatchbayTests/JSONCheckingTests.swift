import Foundation
@testable import PatchbayWire
import XCTest

/// Checking JSON without building it (`isJSON`, `member(_:ofObject:)`) skips strings and compares
/// names where they lie in the text; these hold it to the parser that builds, error for error.
/// The writer copies runs of bytes at once; these hold its output to the escaping rules byte
/// for byte.
final class JSONCheckingTests: XCTestCase {
    /// What parsing makes of `bytes`: the value, or the error.
    private func parsed(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        Result { try JSONParser.parse(Data(bytes)) }.mapError { $0 as! JSONSyntaxError }
    }

    private func validated(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            try JSONParser.validate(Data(bytes))
            return nil
        } catch {
            return (error as! JSONSyntaxError)
        }
    }

    /// Checking refuses `bytes` exactly as parsing does, with the same message at the same offset,
    /// and for an object, the member checking builds is the one parsing builds.
    private func assertCheckingAgrees(_ bytes: [UInt8], wanted: String = "action", file: StaticString = #filePath, line: UInt = #line) {
        let shown = String(decoding: bytes, as: UTF8.self).debugDescription
        let parsed = parsed(bytes)
        switch parsed {
        case .success: XCTAssertNil(validated(bytes), shown, file: file, line: line)
        case .failure(let error): XCTAssertEqual(validated(bytes), error, shown, file: file, line: line)
        }
        guard bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") else { return }
        let member = Result { try JSONParser.member(wanted, ofObject: Data(bytes)) }.mapError { $0 as! JSONSyntaxError }
        switch (parsed, member) {
        case (.success(let value), .success(let member)): XCTAssertEqual(member, value[wanted], shown, file: file, line: line)
        case (.failure(let error), .failure(let memberError)): XCTAssertEqual(memberError, error, shown, file: file, line: line)
        default: XCTFail("parsing gave \(parsed), reading one member \(member): \(shown)", file: file, line: line)
        }
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testEscapedAndRepeatedNamesAreFoundAsParsingFindsThem() {
        let texts = [
            #"{"a\u0062":1,"ab":2}"#, #"{"\u0061":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"\"":1,"\u0022":2}"#, #"{"a\/b":1,"a/b":2}"#,
            #"{"a":1,"b":{"a":1,"b":{"a":{"a":1,"a":2}}}}"#, #"{"a":[{"a":1},{"a":1,"b":2,"a":3}]}"#, #"{"ab":1,"a":2,"b":3}"#,
            #"{"":1,"":2}"#, #"{"":1,"\u0000":2}"#, #"{"é":1,"\u00e9":2}"#, #"{"\u00e9":1,"é":2}"#, #"{"😀":1,"\ud83d\ude00":2}"#,
            #"{"action":1,"action":2}"#, #"{"action":"a","\u0061ction":"b"}"#, #"{"act\u0069on":{"x":[1,"\n"]},"z":2}"#,
            #"{"actio":1,"actionx":2,"Action":3}"#, #"{"action":{"action":1,"action":2}}"#, #"{"x":{"action":1},"action":[true]}"#,
        ]
        for text in texts { assertCheckingAgrees(bytes(text)) }
        // Past sixteen names, a set compares them; escaped or not, the repeat is found as parsing finds it.
        let long = (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        for text in ["{\(long),\"k7\":0}", "{\(long),\"\\u006b7\":0}", "{\"\\u006b7\":0,\(long)}", "{\(long),\"action\":1,\"k20\":{\(long)}}"] {
            assertCheckingAgrees(bytes(text))
        }
    }

    /// Names beyond ASCII are repeats when their text is the same, whatever their bytes, as
    /// parsing finds them: a stored body that checking accepted must parse again later.
    func testNamesThatAreTheSameTextInOtherBytesAreRepeatsWhenChecking() {
        let kelvin = "\u{212A}", decomposed = "e\u{301}"
        for text in ["{\"K\":1,\"\(kelvin)\":2}", "{\"\(kelvin)\":1,\"K\":2}", "{\"é\":1,\"\(decomposed)\":2}",
                     "{\"\(decomposed)\":1,\"x\":0,\"é\":2}"] {
            XCTAssertNotNil(validated(bytes(text)), "checking accepted what parsing refuses: \(text.debugDescription)")
            assertCheckingAgrees(bytes(text))
        }
    }

    /// The wanted name is compared as Strings compare, canonically: the Kelvin sign, written as
    /// it is or escaped, is the member "K".
    func testTheWantedMemberIsComparedAsItsTextReads() throws {
        for text in [#"{"\u212a":1}"#, "{\"\u{212A}\":1}"] {
            XCTAssertEqual(try JSONParser.member("K", ofObject: Data(text.utf8)), 1, text)
            assertCheckingAgrees(bytes(text), wanted: "K")
        }
        XCTAssertEqual(try JSONParser.member("\u{212A}", ofObject: Data(#"{"K":1}"#.utf8)), 1)
        XCTAssertEqual(try JSONParser.member("", ofObject: Data(#"{"":2,"a":1}"#.utf8)), 2, "an empty name is a name")
        XCTAssertNil(try JSONParser.member("", ofObject: Data(#"{"a":1}"#.utf8)))
    }

    func testSurrogateEscapesAreCheckedAsParsingChecksThem() {
        let texts = [
            #""\ud83d\ude00""#, #""\ud83d""#, #""\ud83d\n""#, #""\ud83d\u0041""#, #""\ude00""#, #""\ud83d\ude0""#, #""\ud83d\"#,
            #""\ud83d\udbff""#, #""\udbff\udfff""#, #""\uD800\uDC00""#, #""x\ud83dy""#, #""\u00""#, #""\u00g0""#, #""\uZZZZ""#,
            #"{"\ud83d":1}"#, #"{"a":"\ude00"}"#, #"{"action":"\ud83d"}"#, #"{"\ud83d\ude00":1,"action":"\ud83d\ude00"}"#,
        ]
        for text in texts { assertCheckingAgrees(bytes(text)) }
    }

    func testInvalidUTF8InsideStringsIsRefusedWhereParsingRefusesIt() {
        let quote = UInt8(ascii: "\"")
        let cases: [[UInt8]] = [
            [quote, 0xFF, quote], [quote, 0xC3, quote], [quote, 0xC3, 0xA9, quote], [quote, 0xC0, 0xAF, quote],
            [quote, 0xED, 0xA0, 0x80, quote], [quote, 0xF4, 0x90, 0x80, 0x80, quote], [quote, 0xF0, 0x9F, 0x98, quote],
            [quote, 0xF0, 0x9F, 0x98, 0x80, quote], [quote, 0x80, quote],
            // Around escapes: a bad run before one, after one, a good run between; and a later fault that comes first.
            bytes(#""\n"#) + [0xFF, quote], [quote, 0xFF] + bytes(#"\n""#), [quote, 0xC3] + bytes(#"\u00a9""#),
            bytes(#""\u00a9"#) + [0xA9, quote], bytes(#""é\né\t""#), [quote, 0xFF] + bytes(#"\x""#),
            [quote, 0xFF, 0x09, quote], bytes(#""\n"#) + [0xFF, 0x01, quote], [quote, 0xFF],
            // In names, the wanted one among them.
            [UInt8(ascii: "{"), quote, 0xFF, quote] + bytes(":1}"), bytes(#"{"a\n"#) + [0xFF, quote] + bytes(":1}"),
            bytes(#"{"action":""#) + [0xC3, quote] + bytes("}"), bytes(#"{"x":1,"act"#) + [0xE9] + bytes(#"ion":1}"#),
        ]
        for bytes in cases { assertCheckingAgrees(bytes) }
    }

    func testControlCharactersAreRefusedAtTheOffsetParsingGives() {
        let texts = ["\"a\tb\"", "\"\u{0}\"", "\"\u{1F}\"", "\"\u{7F}\"", "\"a\\nb\tc\"", "\"\\n\u{1}\"", "{\"a\u{1}\":1}",
                     "{\"a\\t\u{1}\":1}", "{\"action\":\"\u{1}\"}", "\"abc", "\"abc\\\"", "\"\\", "\"\\u12", "\"a\\qb\"", "{\"a\":\"x\n\"}"]
        for text in texts { assertCheckingAgrees(bytes(text)) }
    }

    func testDeepNestingIsBoundedAlike() {
        for depth in [511, 512, 513] {
            assertCheckingAgrees(bytes(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
            assertCheckingAgrees(bytes(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)))
            assertCheckingAgrees(bytes(#"{"action":"# + String(repeating: #"{"a":"#, count: depth - 1) + "1" + String(repeating: "}", count: depth)))
        }
    }

    /// Short texts made of the pieces that are easiest to get wrong, in many orders: checking and
    /// parsing agree on each, error for error.
    func testCheckingAgreesWithParsingOnMixedPieces() {
        let pieces: [[UInt8]] = [
            bytes("{"), bytes("}"), bytes("["), bytes("]"), bytes("\""), bytes("\\"), bytes("\\u"), bytes("d83d"), bytes("de00"),
            bytes("0061"), bytes("a"), bytes("action"), bytes(":"), bytes(","), bytes("1"), bytes("-0.5e3"), bytes("null"),
            bytes(" "), bytes("\t"), [0x01], [0xFF], [0xC3], [0xA9], bytes("é"), bytes(#""a""#), bytes(#""action":"#), bytes("\\n"),
        ]
        // A fixed generator, so a failure names the same text every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var text = bytes("{")
            for _ in 0..<(1 + next(10)) { text += pieces[next(pieces.count)] }
            assertCheckingAgrees(next(4) == 0 ? Array(text.dropFirst()) : text)
        }
    }

    // MARK: Writing

    /// The escaping rules, one byte at a time: `"` and `\` escaped, the common control
    /// characters by letter, the others as `\u00xx` in lower case, every other byte as it is.
    private func escapedByTheRules(_ text: String) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0x08: output += Array(#"\b"#.utf8)
            case 0x0C: output += Array(#"\f"#.utf8)
            case ..<0x20: output += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
        return output
    }

    func testWrittenStringsAreTheBytesTheEscapingRulesGive() throws {
        let everyASCII = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self)
        let texts = [
            "", "plain", everyASCII, String(everyASCII.reversed()), "\"", "\\", "\"\\\"", "\u{0}", "\u{1F}\u{7F}", "a\u{0}b\u{1}c\u{1A}",
            "\n\r\t\u{8}\u{C}", "é", "中文 and 😀", "\u{2028}\u{2029}\u{FEFF}", "x/y", "é\"中\\😀\n", "end\"", "\"start",
            #"{"action":"opened","issue":{"title":"a \"b\" \\ c","body":"line\nline"}}"#,
        ]
        for text in texts {
            XCTAssertEqual(Array(try WireCoding.encode(JSONValue.string(text))), escapedByTheRules(text), text.debugDescription)
            XCTAssertEqual(try JSONParser.parse(WireCoding.encode(JSONValue.string(text))), .string(text), text.debugDescription)
        }
        XCTAssertEqual(String(decoding: try WireCoding.encode(JSONValue.string("\u{0}\u{1F}\u{7F}\"\\/\u{8}\u{C}\n\r\té")), as: UTF8.self),
                       #""\u0000\u001f"# + "\u{7F}" + #"\"\\/\b\f\n\r\té""#, "DEL is no control character to JSON")
    }

    /// A call carries a webhook's body and headers as strings: written member by member, with
    /// names and values escaped by the same rules.
    func testAPluginCallIsWrittenWithItsStringsEscapedByTheRules() throws {
        let body = #"{"action":"opened","text":"tab\there \"q\" é"}"#
        let call = PluginCall(webhook: InboundWebhook(headers: ["x-a\"b": "v\\1", "x-github-event": "issues"], body: body))
        let expected = Array(#"{"config":{},"webhook":{"body":"#.utf8) + escapedByTheRules(body)
            + Array(#","headers":{"#.utf8) + escapedByTheRules("x-a\"b") + [UInt8(ascii: ":")] + escapedByTheRules("v\\1")
            + Array(#","x-github-event":"issues"}}}"#.utf8)
        XCTAssertEqual(Array(try WireCoding.encode(call)), expected)
    }
}
