public import Foundation

/// Hexadecimal digits, read byte by byte: slicing text into two-character strings for
/// `UInt8(_:radix:)` costs more than the HMAC check a webhook signature's digits feed.
/// For the host only (the package one folder up, which imports it as SPI), not part of the SDK.
@_spi(PatchbayHost) public enum Hex {
    /// The bytes that `digits` (an even number of hex digits, either case) spell, or nil.
    public static func bytes(_ digits: Substring) -> Data? {
        var digits = digits
        return digits.withUTF8 { text -> Data? in
            guard text.count % 2 == 0 else { return nil }
            var bytes = [UInt8](repeating: 0, count: text.count / 2)
            for index in bytes.indices {
                guard let high = value(text[2 * index]), let low = value(text[2 * index + 1]) else { return nil }
                bytes[index] = high << 4 | low
            }
            return Data(bytes)
        }
    }

    /// One hex digit's value, or nil for any other byte.
    public static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
