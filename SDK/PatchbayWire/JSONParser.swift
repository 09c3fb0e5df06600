import Foundation

/// Reads JSON text (RFC 8259) straight into a `JSONValue`.
///
/// Foundation's decoder can only build an enum like `JSONValue` by trying each case in turn and
/// catching the type mismatches, which made JSON the largest cost of an action call. This reads
/// each value once. It is strict: no comments, no trailing commas, no unescaped control
/// characters, no invalid UTF-8, no lone surrogates, no member name twice in one object (readers
/// disagree on which one wins), and nesting is bounded so hostile input cannot exhaust the stack.
/// Integers keep their exact digits, in 64 bits or, beyond, as `bigInteger`.
struct JSONParser {
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    /// False when only checking: the text is read by the same rules, but no object or array is
    /// built, and the value returned is meaningless.
    private var building: Bool
    /// When only checking, the member of the outermost object to build all the same, and what
    /// it was (see `member(_:ofObject:)`).
    private var wanted: String?
    private var found: JSONValue?
    private var index = 0
    private var depth = 0
    /// When only checking, where the member names of the objects being read are in the text
    /// (between the quotes), innermost last, and whether each has an escape: see `isRepeated`.
    private var names: [(bytes: Range<Int>, escaped: Bool)] = []
    /// Whether the last string read had an escape.
    private var stringHadEscape = false

    private init(_ bytes: UnsafeBufferPointer<UInt8>, building: Bool) {
        self.bytes = bytes
        self.building = building
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try read(data, building: true)
    }

    /// Throws what `parse` would throw, without building objects and arrays: for text that is
    /// stored as it is, such as a webhook body, where nothing needs the value.
    static func validate(_ data: Data) throws {
        _ = try read(data, building: false)
    }

    /// Throws what `parse` would throw, and unless the text is an object, a `JSONSyntaxError`
    /// too; otherwise the object's member `name`, the only value built: for a reader that needs
    /// one field of a text it keeps as it is (the `action` of a GitHub delivery).
    static func member(_ name: String, ofObject data: Data) throws -> JSONValue? {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self), building: false)
            parser.wanted = name
            _ = try parser.readWhole { parser in
                guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
                    throw parser.failure("expected an object")
                }
            }
            return parser.found
        }
    }

    private static func read(_ data: Data, building: Bool) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self), building: building)
            return try parser.readWhole { _ in }
        }
    }

    /// The one value the text holds, with nothing but whitespace around it; `check` sees the
    /// parser at the value's first byte.
    private mutating func readWhole(check: (inout JSONParser) throws -> Void) throws -> JSONValue {
        skipWhitespace()
        try check(&self)
        let value = try value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func value() throws -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character")
        }
    }

    private mutating func object() throws -> JSONValue {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        let namesStart = names.count
        var manyNames: Set<String>?
        defer { names.removeLast(names.count - namesStart) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let nameOffset = index
            let key = try string()
            let name = (bytes: nameOffset + 1..<index - 1, escaped: stringHadEscape)
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':' after a member name") }
            skipWhitespace()
            let member: JSONValue
            if depth == 1, let wanted, key == wanted {
                building = true
                member = try value()
                building = false
                found = member
            } else {
                member = try value()
            }
            // Building, the insertion finds the duplicate: no second look-up.
            let repeated = building ? members.updateValue(member, forKey: key) != nil
                : try isRepeated(name, since: namesStart, many: &manyNames)
            if repeated { throw JSONSyntaxError(message: "duplicate member name \"\(key.prefix(100))\"", offset: nameOffset) }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' in an object") }
        depth -= 1
        return .object(members)
    }

    /// Whether the object whose names start at `start` in `names` already has `name`, compared
    /// as bytes in the text unless an escape makes the decoded names the ones to compare. Most
    /// objects are short, and comparing a few names costs less than hashing them; past 16 names
    /// a set takes over, so an object with a great many members stays linear.
    private mutating func isRepeated(_ name: (bytes: Range<Int>, escaped: Bool), since start: Int,
                                     many: inout Set<String>?) throws -> Bool {
        if many == nil, names.count - start < 16 {
            for index in start..<names.count {
                let other = names[index]
                if other.escaped || name.escaped {
                    if try decodedName(other.bytes) == decodedName(name.bytes) { return true }
                } else if other.bytes.count == name.bytes.count,
                          memcmp(bytes.baseAddress! + other.bytes.lowerBound, bytes.baseAddress! + name.bytes.lowerBound,
                                 name.bytes.count) == 0 {
                    return true
                }
            }
            names.append(name)
            return false
        }
        if many == nil { many = Set(try names[start...].map { try decodedName($0.bytes) }) }
        return !many!.insert(try decodedName(name.bytes)).inserted
    }

    /// The name whose text (between its quotes) is at `range`, read again.
    private func decodedName(_ range: Range<Int>) throws -> String {
        var reader = JSONParser(bytes, building: false)
        reader.index = range.lowerBound - 1
        return try reader.string()
    }

    private mutating func array() throws -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        repeat {
            skipWhitespace()
            let element = try value()
            if building { elements.append(element) }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']' in an array") }
        depth -= 1
        return .array(elements)
    }

    /// Integers without a fraction or exponent stay exact: in 64 bits, or beyond as their digits.
    /// Every other number is a double.
    private mutating func number() throws -> JSONValue {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger {
            // JSON allows no leading zeros, so the digits are already in their one canonical form.
            return Int64(text).map(JSONValue.integer) ?? .bigInteger(text)
        }
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .number(double)
    }

    private mutating func string() throws -> String {
        index += 1  // the opening quote
        stringHadEscape = false
        let start = index
        var highBits: UInt8 = 0
        // Most strings have no escapes: take them as one slice.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII needs no validation; `String(validating:)` is generic in the standard
                // library, and its metadata look-ups cost more than the copy.
                if highBits < 0x80 { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else { throw failure("invalid UTF-8 in a string") }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("unescaped control character in a string") }
            highBits |= byte
            index += 1
        }
        stringHadEscape = true
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: buffer, as: UTF8.self) else { throw failure("invalid UTF-8 in a string") }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &buffer)
            case ..<0x20:
                throw failure("unescaped control character in a string")
            default:
                buffer.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func escape(into buffer: inout [UInt8]) throws {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("lone surrogate in a \\u escape")
                }
                index += 2
                let low = UInt32(try hex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("lone surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("lone surrogate in a \\u escape") }
            buffer.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func hex4() throws -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("short \\u escape") }
        var result: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(bytes[index]) else { throw failure("invalid hex digit in a \\u escape") }
            result = result << 4 | UInt16(digit)
            index += 1
        }
        return result
    }

    // MARK: Scanning

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { throw failure("invalid literal") }
        index += count
    }

    private mutating func enterContainer() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        index += 1
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func failure(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: index)
    }
}

/// Why a text is not JSON, and where.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
