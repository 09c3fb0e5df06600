import Crypto
public import Foundation
public import PatchbayClock

/// Seals and opens secrets with AES-256-GCM.
///
/// A sealed secret is `pbv1.<key id>.<base64(nonce ‖ ciphertext ‖ tag)>`. The caller's
/// `context` (for example `connection:conn_123`) is authenticated but not stored, so a
/// ciphertext copied onto another record fails to open instead of leaking across records.
public struct Vault: Sendable {
    private let source: KeyringSource
    private let opened = OpenedSecrets<Data>(limit: 4096)
    private let openedMaps = OpenedSecrets<[String: String]>(limit: 4096)
    /// Key ids taken out of service: what they sealed is refused rather than opened.
    public let retiredKeyIDs: Set<String>
    static let prefix = "pbv1"

    /// With `keyFile`, the keyring follows changes to that file (key rotation while serving);
    /// with `keyCommand`, it runs the command again every `keyCommandInterval` and for a key id
    /// it lacks (see `KeyringSource`), at most once a second, both by `clock`.
    public init(keyring: Keyring, keyFile: String? = nil, keyCommand: KeyCommand? = nil,
                keyCommandInterval: Duration = .seconds(30), retiredKeyIDs: Set<String> = [],
                clock: any HostClock = SystemClock()) {
        source = KeyringSource(keyring: keyring, watching: keyFile, command: keyCommand, retiredKeyIDs: retiredKeyIDs,
                               interval: keyCommandInterval, clock: clock)
        self.retiredKeyIDs = retiredKeyIDs
    }

    public var keyring: Keyring { source.current }

    public func seal(_ plaintext: Data, context: String) throws -> String {
        let key = keyring.active
        let box = try AES.GCM.seal(plaintext, using: key.key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw VaultError.malformedCiphertext }
        return "\(Self.prefix).\(key.id).\(combined.base64EncodedString())"
    }

    public func open(_ sealed: String, context: String) throws -> Data {
        let (key, payload) = try parse(sealed)
        return try opened.value(sealed: sealed, context: context) { try decrypt(payload, key: key, context: context) }
    }

    /// The key that opens `sealed`, and its base64 payload. The key is checked on every open,
    /// also for a plaintext already opened: a key retired or taken out of the key file opens
    /// nothing from then on.
    private func parse(_ sealed: String) throws -> (key: MasterKey, payload: Substring) {
        guard let fields = Self.fields(of: sealed), fields.prefix == Self.prefix else { throw VaultError.malformedCiphertext }
        let keyID = String(fields.keyID)
        if retiredKeyIDs.contains(keyID) { throw VaultError.retiredKey(keyID) }
        guard let key = keyring.key(id: keyID) ?? source.reloaded(lacking: keyID)?.key(id: keyID) else {
            throw VaultError.unknownKey(keyID)
        }
        return (key, fields.payload)
    }

    /// The three dot-separated fields of a sealed value, split as `split(separator: ".",
    /// maxSplits: 2)` splits them (empty ones before the payload skipped), or nil when there are
    /// fewer than three. Split as bytes, not as characters, which is where the time went; a
    /// sealed value is ASCII, and one with other bytes could never open and is malformed.
    private static func fields(of sealed: String) -> (prefix: Substring, keyID: Substring, payload: Substring)? {
        guard sealed.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let parts = sealed.utf8.split(separator: UInt8(ascii: "."), maxSplits: 2)
        guard parts.count == 3 else { return nil }
        return (Substring(parts[0]), Substring(parts[1]), Substring(parts[2]))
    }

    private func decrypt(_ payload: Substring, key: MasterKey, context: String) throws -> Data {
        guard let combined = Data(base64Encoded: String(payload)) else { throw VaultError.malformedCiphertext }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8))
        } catch {
            throw VaultError.decryptionFailed
        }
    }

    /// The id of the key a sealed value needs, without opening it.
    public static func keyID(of sealed: String) -> String? {
        fields(of: sealed).map { String($0.keyID) }
    }

    // Convenience for secrets that are string maps (a connection's credentials).

    public func seal(_ secrets: [String: String], context: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try seal(encoder.encode(secrets), context: context)
    }

    public func openSecrets(_ sealed: String, context: String) throws -> [String: String] {
        let (key, payload) = try parse(sealed)
        return try openedMaps.value(sealed: sealed, context: context) {
            let data = try decrypt(payload, key: key, context: context)
            guard let secrets = try? JSONDecoder().decode([String: String].self, from: data) else { throw VaultError.malformedCiphertext }
            return secrets
        }
    }
}
