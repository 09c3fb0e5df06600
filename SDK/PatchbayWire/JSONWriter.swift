import Foundation

/// Writes a `JSONValue` as compact JSON text, the counterpart of `JSONParser`.
///
/// The output is what `WireCoding` promises for every message: object keys sorted, so equal
/// values are equal bytes, and `/` left unescaped. Non-finite numbers have no JSON form and
/// are refused rather than written as something a reader would reject.
///
/// A message written on every plugin call can also be written member by member, without the
/// `JSONValue` tree: `object(_:)` and `member(_:)`, with the caller giving the names in the
/// order the tree's writer sorts them into, so both ways give the same bytes.
struct JSONWriter {
    private var output: [UInt8] = []
    /// Whether the next member is an object's first, written without a comma before it.
    private var atObjectStart = false

    static func write(_ value: JSONValue) throws -> Data {
        try write { try $0.append(value) }
    }

    /// The text `body` writes.
    static func write(_ body: (inout JSONWriter) throws -> Void) rethrows -> Data {
        var writer = JSONWriter()
        writer.output.reserveCapacity(256)
        try body(&writer)
        return Data(writer.output)
    }

    /// An object whose members `body` writes, each with `member(_:)` and then its value.
    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        output.append(UInt8(ascii: "{"))
        atObjectStart = true
        try body(&self)
        output.append(UInt8(ascii: "}"))
        atObjectStart = false
    }

    /// An array of `elements`, each written by `body`.
    mutating func array<Element>(_ elements: [Element], _ body: (inout JSONWriter, Element) throws -> Void) rethrows {
        output.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            try body(&self, element)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// A member's name; its value is what is written next. Names must come in sorted order.
    mutating func member(_ name: String) {
        if !atObjectStart { output.append(UInt8(ascii: ",")) }
        atObjectStart = false
        appendString(name)
        output.append(UInt8(ascii: ":"))
    }

    mutating func string(_ text: String) {
        appendString(text)
    }

    /// An object of strings, its members sorted by name as the tree's writer sorts them.
    mutating func stringMap(_ map: [String: String]) {
        object { writer in
            for (name, text) in map.sorted(by: { $0.key < $1.key }) {
                writer.member(name)
                writer.appendString(text)
            }
        }
    }

    mutating func append(_ value: JSONValue) throws {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer): output.append(contentsOf: String(integer).utf8)
        case .bigInteger(let digits): output.append(contentsOf: digits.utf8)
        case .number(let number):
            guard number.isFinite else { throw JSONWriterError.nonFiniteNumber }
            output.append(contentsOf: number.description.utf8)
        case .string(let text): appendString(text)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                try append(element)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendString(member.key)
                output.append(UInt8(ascii: ":"))
                try append(member.value)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Copies each run of bytes that needs no escape in one go rather than byte by byte: a
    /// webhook body, written into the plugin call as a string, is mostly such runs.
    private mutating func appendString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices where Self.needsEscape(bytes[index]) {
                if index > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                appendEscape(bytes[index])
                runStart = index + 1
            }
            if bytes.count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The quote, the backslash and control characters; `/` and everything else stand for themselves.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The escape for `byte`, a byte at a time for the common ones: appending a string's UTF-8
    /// view costs more than those two bytes.
    private mutating func appendEscape(_ byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            // The other control characters, rare in text.
            output.append(contentsOf: "u00".utf8)
            output.append(Self.hexDigits[Int(byte >> 4)])
            output.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A value JSON cannot express.
public enum JSONWriterError: Error, CustomStringConvertible {
    case nonFiniteNumber

    public var description: String { "NaN and infinity have no JSON form" }
}
