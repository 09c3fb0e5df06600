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
    /// When only checking, the member of the outermost object to build all the same, its UTF-8
    /// and whether that is all ASCII, and what it was (see `member(_:ofObject:)`).
    private var wanted: (name: String, utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool)?
    private var found: JSONValue?
    private var index = 0
    private var depth = 0
    /// When only checking, where the member names of the objects being read are in the text
    /// (between the quotes), innermost last, and whether each must be read as text to compare
    /// (an escape, or bytes beyond ASCII): see `isRepeated`.
    private var names: [(bytes: Range<Int>, asText: Bool)] = []
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
        // Native strings hand out their bytes without a copy.
        var text = name
        return try text.withUTF8 { utf8 in
            try data.withUnsafeBytes { raw in
                var parser = JSONParser(raw.bindMemory(to: UInt8.self), building: false)
                parser.wanted = (name, utf8, utf8.allSatisfy { $0 < 0x80 })
                _ = try parser.readWhole { parser in
                    guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
                        throw parser.failure("expected an object")
                    }
                }
                return parser.found
            }
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
        case UInt8(ascii: "\""):
            guard building else {
                // Only checked: the text is never needed, so no String is made of it.
                try scanString(checkingUTF8: true)
                return .null
            }
            return .string(try string())
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
            // Only checking, a name is compared where it lies in the text, and read as a String
            // only when an escape or a repeat calls for it.
            let key: String?
            var nameIsASCII = false
            if building {
                key = try string()
            } else {
                key = nil
                nameIsASCII = try scanString(checkingUTF8: true)
            }
            // Beyond ASCII, two names can be the same text in different bytes (a precomposed
            // letter and its decomposition), and building compares them as Strings.
            let name = (bytes: nameOffset + 1..<index - 1, asText: stringHadEscape || !nameIsASCII)
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':' after a member name") }
            skipWhitespace()
            let member: JSONValue
            if depth == 1, !building, try isWanted(name.bytes, plainASCII: !name.asText) {
                building = true
                member = try value()
                building = false
                found = member
            } else {
                member = try value()
            }
            // Building, the insertion finds the duplicate: no second look-up.
            let repeated = if let key { members.updateValue(member, forKey: key) != nil }
                else { try isRepeated(name, since: namesStart, many: &manyNames) }
            if repeated {
                let shown = try key ?? decodedName(name.bytes)
                throw JSONSyntaxError(message: "duplicate member name \"\(shown.prefix(100))\"", offset: nameOffset)
            }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' in an object") }
        depth -= 1
        return .object(members)
    }

    /// Whether the object whose names start at `start` in `names` already has `name`, compared
    /// as bytes in the text unless an escape or a byte beyond ASCII makes the names as text the
    /// ones to compare, as building compares them. Most objects are short, and comparing a few
    /// names costs less than hashing them; past 16 names a set takes over, so an object with a
    /// great many members stays linear.
    private mutating func isRepeated(_ name: (bytes: Range<Int>, asText: Bool), since start: Int,
                                     many: inout Set<String>?) throws -> Bool {
        if many == nil, names.count - start < 16 {
            for index in start..<names.count {
                let other = names[index]
                if other.asText || name.asText {
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

    /// Whether the member name whose text is at `range` is the one `member(_:ofObject:)` wants,
    /// compared as Strings are: canonically, so `"\u212A"` (the Kelvin sign) is `"K"`. Between
    /// two names of plain ASCII that is the same as comparing their bytes, which needs no String.
    private func isWanted(_ range: Range<Int>, plainASCII: Bool) throws -> Bool {
        guard let wanted else { return false }
        guard plainASCII, wanted.isASCII else { return try decodedName(range) == wanted.name }
        guard range.count == wanted.utf8.count else { return false }
        // An empty name may have no address to compare from.
        return range.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, wanted.utf8.baseAddress!, range.count) == 0
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
        // Only checking, an integer has nothing left to refuse.
        if isInteger, !building { return .null }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger {
            // JSON allows no leading zeros, so the digits are already in their one canonical form.
            return Int64(text).map(JSONValue.integer) ?? .bigInteger(text)
        }
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .number(double)
    }

    /// The string at `index` (its opening quote), its escapes decoded.
    private mutating func string() throws -> String {
        let start = index + 1
        // Checked first, so the text is decoded knowing it is sound; its UTF-8 is checked as
        // the String is made.
        let isASCII = try scanString(checkingUTF8: false)
        let text = start..<index - 1
        if !stringHadEscape {
            // Most strings have no escapes: their bytes between the quotes are their text.
            let slice = UnsafeBufferPointer(rebasing: bytes[text])
            // ASCII needs no validation; `String(validating:)` is generic in the standard
            // library, and its metadata look-ups cost more than the copy.
            if isASCII { return String(decoding: slice, as: UTF8.self) }
            guard let string = String(validating: slice, as: UTF8.self) else { throw failure("invalid UTF-8 in a string") }
            return string
        }
        // An escape never decodes to more bytes than it is written with. Around ASCII, escapes
        // (whole characters) make valid UTF-8, so the String is written in place.
        if isASCII { return try String(unsafeUninitializedCapacity: text.count) { try unescape(text, into: $0) } }
        let decoded = try [UInt8](unsafeUninitializedCapacity: text.count) { buffer, count in count = try unescape(text, into: buffer) }
        guard let string = String(validating: decoded, as: UTF8.self) else { throw failure("invalid UTF-8 in a string") }
        return string
    }

    /// Moves past the string at `index` (its opening quote), checking it by JSON's rules (its
    /// UTF-8 too when `checkingUTF8`), and sets `stringHadEscape`. Returns whether the bytes
    /// outside its escapes are all ASCII. Each run of bytes that stand for themselves is passed
    /// over in one step.
    @discardableResult
    private mutating func scanString(checkingUTF8: Bool) throws -> Bool {
        index += 1  // the opening quote
        let start = index
        var highBits = skipPlainBytes()
        stringHadEscape = false
        guard index < bytes.count else { throw failure("unterminated string") }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            if checkingUTF8, highBits >= 0x80, !isValidUTF8(start..<index - 1) { throw failure("invalid UTF-8 in a string") }
            return highBits < 0x80
        }
        // Before any escape, a control character is refused at its own offset; after one, at
        // the next byte's. Both offsets are as they always were.
        guard bytes[index] == UInt8(ascii: "\\") else { throw failure("unescaped control character in a string") }
        stringHadEscape = true
        // Escapes decode to whole characters, so the text is valid UTF-8 exactly when each run is.
        var validUTF8 = !checkingUTF8 || highBits < 0x80 || isValidUTF8(start..<index)
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard validUTF8 else { throw failure("invalid UTF-8 in a string") }
                return highBits < 0x80
            case UInt8(ascii: "\\"):
                _ = try escape()
            default:
                throw failure("unescaped control character in a string")
            }
            let runStart = index
            let runBits = skipPlainBytes()
            highBits |= runBits
            if checkingUTF8, validUTF8, runBits >= 0x80 { validUTF8 = isValidUTF8(runStart..<index) }
        }
        throw failure("unterminated string")
    }

    /// Writes the text at `range`, a string's between its quotes that `scanString` passed, into
    /// `buffer` with its escapes decoded, each run of plain bytes copied at once. Returns how
    /// many bytes it wrote.
    private func unescape(_ range: Range<Int>, into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        var reader = JSONParser(bytes, building: false)
        reader.index = range.lowerBound
        var count = 0
        while true {
            let runStart = reader.index
            _ = reader.skipPlainBytes()
            (buffer.baseAddress! + count).initialize(from: bytes.baseAddress! + runStart, count: reader.index - runStart)
            count += reader.index - runStart
            guard reader.index < range.upperBound else { return count }
            reader.index += 1  // the backslash
            Unicode.UTF8.encode(try reader.escape()) { unit in
                buffer[count] = unit
                count += 1
            }
        }
    }

    /// Moves past the bytes from `index` that stand for themselves in a string: all but the
    /// quote, the backslash and control characters. Returns them OR'd together, below 0x80 when
    /// they are all ASCII.
    private mutating func skipPlainBytes() -> UInt8 {
        var highBits: UInt8 = 0
        // A local position stays in a register; `index` is written once.
        var position = index
        while position < bytes.count {
            let byte = bytes[position]
            guard byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { break }
            highBits |= byte
            position += 1
        }
        index = position
        return highBits
    }

    /// Whether the bytes at `range` are valid UTF-8, by the very check that makes a String of
    /// them, so checking and building accept the same text. Only text with non-ASCII bytes
    /// comes here.
    private func isValidUTF8(_ range: Range<Int>) -> Bool {
        String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) != nil
    }

    /// The character the escape after a backslash stands for; `index` is past the backslash.
    private mutating func escape() throws -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
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
            return unicode
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
