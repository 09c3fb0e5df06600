import Foundation

/// Removes known secret values from text bound for a log line, an error or a stored record.
public enum Redaction {
    public static let mask = "[REDACTED]"

    /// Masks each secret as it is and as it looks percent-encoded in a URL.
    public static func redact(_ text: String, secrets: [String]) -> String {
        // Very short values are skipped: masking every "a" would make logs unreadable and
        // protects nothing. Most text holds no secret at all, so look before rewriting.
        let present = secrets.filter { $0.utf8.count >= 4 }
            .flatMap { [$0, percentEncoded($0)] }
            .filter { contains(text, $0) }
        guard !present.isEmpty else { return text }
        // Longest first, so a secret containing another is masked whole.
        return Set(present).sorted { $0.utf8.count > $1.utf8.count }.reduce(text) { text, secret in
            text.replacingOccurrences(of: secret, with: mask)
        }
    }

    /// Every byte but ASCII letters and digits as `%XX`, the most a URL encoder escapes.
    static func percentEncoded(_ text: String) -> String {
        let isPlain = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard !text.utf8.allSatisfy(isPlain) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isPlain(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func contains(_ text: String, _ secret: String) -> Bool {
        var text = text
        var secret = secret
        return text.withUTF8 { haystack in
            secret.withUTF8 { needle in
                guard let first = needle.first, needle.count <= haystack.count else { return false }
                let lastStart = haystack.count - needle.count
                var start = 0
                while start <= lastStart {
                    guard let found = memchr(haystack.baseAddress! + start, Int32(first), lastStart - start + 1) else { return false }
                    start = haystack.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                    start += 1
                }
                return false
            }
        }
    }
}
