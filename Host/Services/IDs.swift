import Foundation

/// Public ids: a type prefix and 20 random base32 characters (`conn_k3x…`), so an id says what it names.
public enum IDs {
    private static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

    public static func make(_ prefix: String) -> String {
        prefix + "_" + randomString(count: 20)
    }

    static func randomString(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}
