import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 only: the plain method protects nothing.
enum PKCE {
    /// 64 characters of the unreserved set, within the spec's 43 to 128.
    static func makeVerifier() -> String { IDs.randomString(count: 64) }

    static func challenge(for verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
