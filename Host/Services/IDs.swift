import Foundation

/// Public ids: a type prefix and 20 random base32 characters (`conn_k3x…`), so an id says what it names.
public enum IDs {
    private static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)

    public static func make(_ prefix: String) -> String {
        prefix + "_" + randomString(count: 20)
    }

    /// Bytes from the system's generator, for secrets.
    static func randomBytes(count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Each character takes 5 random bits (the alphabet has 32 letters), so a 64-bit draw makes
    /// 12 of them: an id costs two draws from the system's generator, not one per character.
    /// The letters are written as bytes into the string's own storage: an array of `Character`
    /// joined into a string cost more than the draws.
    static func randomString(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bits: UInt64 = 0, left = 0
        return String(unsafeUninitializedCapacity: count) { letters in
            for position in 0..<count {
                if left < 5 { bits = generator.next(); left = 64 }
                letters[position] = alphabet[Int(bits & 31)]
                bits >>= 5
                left -= 5
            }
            return count
        }
    }
}
