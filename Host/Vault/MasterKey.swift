import Crypto
public import Foundation

/// A 256-bit key that encrypts secrets. Its id is derived from the key itself, so a ciphertext
/// names the key it needs and a wrong key is detected by id, before any decryption is tried.
public struct MasterKey: Sendable {
    public let id: String
    let key: SymmetricKey

    public init(bytes: Data) throws {
        guard bytes.count == 32 else { throw VaultError.invalidMasterKey("must be 32 bytes, got \(bytes.count)") }
        key = SymmetricKey(data: bytes)
        id = "k" + SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads a base64-encoded key, as given in `PATCHBAY_MASTER_KEY` or the key file.
    public init(base64: String) throws {
        guard let bytes = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw VaultError.invalidMasterKey("is not base64")
        }
        try self.init(bytes: bytes)
    }

    public static func generate() -> MasterKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return try! MasterKey(bytes: bytes)
    }

    public var base64: String { key.withUnsafeBytes { Data($0).base64EncodedString() } }
}

public enum VaultError: Error, Equatable, CustomStringConvertible {
    case invalidMasterKey(String)
    case keyFileUnsafe(path: String, mode: String)
    case keyFileUnreadable(path: String, reason: String)
    case unknownKey(String)
    case retiredKey(String)
    case missingMasterKey(path: String)
    /// The master key command failed or printed no keyring; the reason never quotes its output.
    case keyCommandFailed(String)
    case malformedCiphertext
    case decryptionFailed

    public var description: String {
        switch self {
        case .invalidMasterKey(let reason): return "the master key \(reason)"
        case .keyFileUnsafe(let path, let mode):
            return "the master key file \(path) has mode \(mode); it must be readable by its owner only (chmod 600)"
        case .keyFileUnreadable(let path, let reason): return "cannot read the master key file \(path): \(reason)"
        case .unknownKey(let id): return "a secret is sealed with key \(id), which is not in this host's keyring"
        case .retiredKey(let id): return "key \(id) has been retired; what it sealed is no longer opened"
        case .missingMasterKey(let path):
            return "no master key: \(Keyring.environmentVariable) is not set and \(path) does not exist, but the database holds sealed secrets; restore the key rather than start a new vault over them"
        case .keyCommandFailed(let reason): return "the master key command \(reason)"
        case .malformedCiphertext: return "a sealed secret is malformed"
        case .decryptionFailed: return "a sealed secret failed authentication (wrong key or tampered data)"
        }
    }
}
