import Foundation
import PatchbayStore
import PatchbayVault

/// Opens the vault at start-up and keeps it: a canary, sealed once, proves that the master
/// key in hand is the one the database was sealed with; rotation re-encrypts every sealed
/// value under a new key while the server keeps serving; retired key ids are refused.
public enum VaultKeeper {
    static let canaryID = "canary"
    static let canaryText = "patchbay vault canary"

    /// The vault for this data directory and database, or a clear refusal: a wrong key, a
    /// missing key over existing secrets, or an active key that was retired. Never a new
    /// key over old data.
    public static func open(store: any Store, dataDirectory: String,
                            environment: [String: String]) async throws -> (Vault, Keyring.Source) {
        let canary = try await store.vaultCanary()
        let existing = try await store.sealedSecrets(notUnderKey: "", limit: 1).first
        let (keyring, source) = try Keyring.load(dataDirectory: dataDirectory, environment: environment,
                                                 createIfMissing: canary == nil && existing == nil)
        let retired = try await store.retiredKeyIDs()
        if retired.contains(keyring.active.id) { throw VaultKeeperError.activeKeyRetired(keyring.active.id, origin(source)) }
        let keyFile: String?
        switch source {
        case .environment: keyFile = nil
        case .existingFile(let path), .newFile(let path): keyFile = path
        }
        let vault = Vault(keyring: keyring, keyFile: keyFile, retiredKeyIDs: retired)
        let context = SealedSecret.context(.vaultCanary, canaryID)
        if let proof = canary.map({ SealedSecret(kind: .vaultCanary, rowID: canaryID, sealed: $0) }) ?? existing {
            do {
                _ = try vault.open(proof.sealed, context: proof.context)
            } catch let error as VaultError {
                throw VaultKeeperError.wrongKey(sealedWith: Vault.keyID(of: proof.sealed) ?? "?", have: keyring.all.map(\.id),
                                                origin: origin(source), detail: error.description)
            }
        }
        if canary == nil {
            try await store.saveVaultCanary(try vault.seal(Data(canaryText.utf8), context: context), at: nowMillis())
        }
        return (vault, source)
    }

    public struct Rotation: Sendable {
        public var activeKeyID: String
        /// A key was generated and added to the key file (file keys); with keys from the
        /// environment the operator sets the new key and this only re-encrypts.
        public var generated: Bool
        public var reencrypted: Int
    }

    /// Makes a new active key (when keys live in the key file) and re-encrypts every sealed
    /// value that is not under it. Safe while servers run: they pick up the key file's change
    /// at their next operation, and each value is swapped only if nobody changed it meanwhile.
    public static func rotate(store: any Store, dataDirectory: String, environment: [String: String]) async throws -> Rotation {
        let (vault, source) = try await open(store: store, dataDirectory: dataDirectory, environment: environment)
        var generated = false
        if case .environment = source {} else {
            let current = vault.keyring
            try Keyring.writeFile([MasterKey.generate()] + current.all, path: Keyring.filePath(dataDirectory: dataDirectory))
            generated = true
        }
        let count = try await reencrypt(store: store, vault: vault)
        return Rotation(activeKeyID: vault.keyring.active.id, generated: generated, reencrypted: count)
    }

    /// Re-seals, under the active key, every value sealed with another key.
    static func reencrypt(store: any Store, vault: Vault) async throws -> Int {
        var total = 0
        // A server that has not yet seen the new key may seal a few values with the old one;
        // further rounds catch those.
        for round in 0..<200 {
            let active = vault.keyring.active.id
            let batch = try await store.sealedSecrets(notUnderKey: active, limit: 500)
            if batch.isEmpty { return total }
            if round > 0 { try await Task.sleep(for: .milliseconds(20)) }
            for secret in batch {
                let plaintext = try vault.open(secret.sealed, context: secret.context)
                if try await store.replaceSealedSecret(secret, with: try vault.seal(plaintext, context: secret.context)) {
                    total += 1
                }
            }
        }
        throw VaultKeeperError.keepsSealingWithOldKeys
    }

    /// Takes a key out of service for good: first re-encrypts what a server sealed with it while
    /// the rotation ran, then refuses if anything is still sealed with it, else removes it from
    /// the key file and records it, so it is refused from now on.
    public static func retire(keyID: String, store: any Store, dataDirectory: String, environment: [String: String]) async throws {
        let (vault, source) = try await open(store: store, dataDirectory: dataDirectory, environment: environment)
        let keyring = vault.keyring
        guard keyID != keyring.active.id else { throw VaultKeeperError.cannotRetireActive(keyID) }
        if keyring.key(id: keyID) != nil { _ = try await reencrypt(store: store, vault: vault) }
        let still = try await store.sealedSecretKeyCounts()[keyID] ?? 0
        guard still == 0 else { throw VaultKeeperError.stillInUse(keyID, count: still) }
        if case .environment = source {} else {
            try Keyring.writeFile(keyring.all.filter { $0.id != keyID }, path: Keyring.filePath(dataDirectory: dataDirectory))
        }
        try await store.retireKey(keyID, at: nowMillis())
    }

    /// How many sealed values each key id holds, and which ids are retired.
    public static func status(store: any Store) async throws -> (counts: [String: Int], retired: Set<String>) {
        (try await store.sealedSecretKeyCounts(), try await store.retiredKeyIDs())
    }

    private static func origin(_ source: Keyring.Source) -> String {
        switch source {
        case .environment: return Keyring.environmentVariable
        case .existingFile(let path), .newFile(let path): return path
        }
    }
}

public enum VaultKeeperError: Error, Equatable, CustomStringConvertible {
    case wrongKey(sealedWith: String, have: [String], origin: String, detail: String)
    case activeKeyRetired(String, String)
    case cannotRetireActive(String)
    case stillInUse(String, count: Int)
    case keepsSealingWithOldKeys

    public var description: String {
        switch self {
        case .wrongKey(let sealedWith, let have, let origin, let detail):
            return "the master key does not open this database: its secrets are sealed with key \(sealedWith), and the keys from \(origin) are \(have.joined(separator: ", ")) (\(detail)). Refusing to start; supply the right key"
        case .activeKeyRetired(let id, let origin):
            return "the active master key \(id) (from \(origin)) has been retired; put the current key first"
        case .cannotRetireActive(let id):
            return "key \(id) is the active key; run `patchbay vault rotate` first"
        case .stillInUse(let id, let count):
            return "\(count) secret\(count == 1 ? " is" : "s are") still sealed with key \(id); run `patchbay vault rotate` first"
        case .keepsSealingWithOldKeys:
            return "secrets keep appearing under an older key; is a server running with keys from the environment that lack the new key?"
        }
    }
}
