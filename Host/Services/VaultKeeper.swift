import Foundation
public import PatchbayClock
public import PatchbayModel
public import PatchbayStore
public import PatchbayVault
import PatchbayWire

/// Opens the vault at start-up and keeps it: a canary, sealed once, proves that the master
/// key in hand is the one the database was sealed with; rotation re-encrypts every sealed
/// value under a new key while the server keeps serving; retired key ids are refused.
public enum VaultKeeper {
    static let canaryID = "canary"
    static let canaryText = "patchbay vault canary"

    /// The vault for this data directory and database, or a clear refusal: a wrong key, a
    /// missing key over existing secrets, or an active key that was retired. Never a new
    /// key over old data. `clock` stamps the canary and spaces the runs of a master key command.
    public static func open(store: any CredentialStore, dataDirectory: String, environment: [String: String],
                            clock: any HostClock = SystemClock()) async throws -> (Vault, Keyring.Source) {
        let canary = try await store.vaultCanary()
        let existing = try await store.sealedSecrets(notUnderKey: "", limit: 1).first
        let (keyring, source) = try Keyring.load(dataDirectory: dataDirectory, environment: environment,
                                                 createIfMissing: canary == nil && existing == nil)
        let retired = try await store.retiredKeyIDs()
        if retired.contains(keyring.active.id) { throw VaultKeeperError.activeKeyRetired(keyring.active.id, origin(source)) }
        let vault: Vault
        switch source {
        case .environment: vault = Vault(keyring: keyring, retiredKeyIDs: retired)
        case .command(let command): vault = Vault(keyring: keyring, keyCommand: command, retiredKeyIDs: retired, clock: clock)
        case .existingFile(let path), .newFile(let path): vault = Vault(keyring: keyring, keyFile: path, retiredKeyIDs: retired)
        }
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
            try await store.saveVaultCanary(try vault.seal(Data(canaryText.utf8), context: context), at: clock.wallMillis)
        }
        return (vault, source)
    }

    public struct Rotation: Sendable {
        public var activeKeyID: String
        /// A key was generated and added to the key file (file keys); with keys from the
        /// environment or a command the operator sets the new key and this only re-encrypts.
        public var generated: Bool
        public var reencrypted: Int
    }

    /// Makes a new active key (when keys live in the key file) and re-encrypts every sealed
    /// value that is not under it. Safe while servers run: they pick up the key file's change
    /// at their next operation, and each value is swapped only if nobody changed it meanwhile.
    /// Recorded in the audit log as a change to the whole host.
    public static func rotate(store: any CredentialStore & AuditStore, dataDirectory: String,
                              environment: [String: String], clock: any HostClock = SystemClock()) async throws -> Rotation {
        let (vault, source) = try await open(store: store, dataDirectory: dataDirectory, environment: environment, clock: clock)
        var generated = false
        if source.isFile {
            let current = vault.keyring
            try Keyring.writeFile([MasterKey.generate()] + current.all, path: Keyring.filePath(dataDirectory: dataDirectory))
            generated = true
        }
        let count = try await reencrypt(store: store, vault: vault, clock: clock)
        let rotation = Rotation(activeKeyID: vault.keyring.active.id, generated: generated, reencrypted: count)
        await AuditLog(store: store, clock: clock).recordCLI(accountID: nil, "vault.rotated", target: rotation.activeKeyID, changes: [
            "generated": .bool(generated), "reencrypted": .integer(Int64(count)),
        ])
        return rotation
    }

    /// Re-seals, under the active key, every value sealed with another key, pausing between
    /// rounds on `clock`.
    static func reencrypt(store: any CredentialStore, vault: Vault, clock: any HostClock) async throws -> Int {
        var total = 0
        // A server that has not yet seen the new key may seal a few values with the old one;
        // further rounds catch those.
        for round in 0..<200 {
            let active = vault.keyring.active.id
            let batch = try await store.sealedSecrets(notUnderKey: active, limit: 500)
            if batch.isEmpty { return total }
            if round > 0 { try await clock.sleep(for: .milliseconds(20)) }
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
    /// the key file and records it, so it is refused from now on. A key id neither held nor
    /// named by any sealed value is refused as unknown (a typo must not report success).
    /// Answers false when the key was retired already.
    @discardableResult
    public static func retire(keyID: String, store: any CredentialStore & AuditStore, dataDirectory: String,
                              environment: [String: String], clock: any HostClock = SystemClock()) async throws -> Bool {
        let (vault, source) = try await open(store: store, dataDirectory: dataDirectory, environment: environment, clock: clock)
        let keyring = vault.keyring
        guard keyID != keyring.active.id else { throw VaultKeeperError.cannotRetireActive(keyID) }
        if try await store.retiredKeyIDs().contains(keyID) { return false }
        let held = keyring.key(id: keyID) != nil
        let sealsSomething = try await store.sealedSecretCounts()[keyID] != nil
        guard held || sealsSomething else {
            throw VaultKeeperError.unknownKey(keyID, known: keyring.all.map(\.id))
        }
        if held { _ = try await reencrypt(store: store, vault: vault, clock: clock) }
        let still = try await store.sealedSecretCounts()[keyID] ?? [:]
        guard still.isEmpty else { throw VaultKeeperError.stillInUse(keyID, counts: still, held: held) }
        if source.isFile {
            try Keyring.writeFile(keyring.all.filter { $0.id != keyID }, path: Keyring.filePath(dataDirectory: dataDirectory))
        }
        try await store.retireKey(keyID, at: clock.wallMillis)
        await AuditLog(store: store, clock: clock).recordCLI(accountID: nil, "vault.key_retired", target: keyID)
        return true
    }

    /// Every key id the keyring holds or a sealed value names, with what each seals per kind;
    /// a key that no longer seals anything stays listed until it is retired.
    public static func status(store: any CredentialStore, dataDirectory: String, environment: [String: String]) async throws -> VaultStatus {
        let (vault, _) = try await open(store: store, dataDirectory: dataDirectory, environment: environment)
        let keyring = vault.keyring
        let counts = try await store.sealedSecretCounts()
        let retired = try await store.retiredKeyIDs()
        let held = keyring.all.map(\.id)
        let others = Set(counts.keys).union(retired).subtracting(held).sorted()
        return VaultStatus(keys: (held + others).map { id in
            VaultStatus.Key(id: id, active: id == keyring.active.id, held: keyring.key(id: id) != nil,
                            retired: retired.contains(id), counts: counts[id] ?? [:])
        })
    }

    private static func origin(_ source: Keyring.Source) -> String {
        switch source {
        case .environment: return Keyring.environmentVariable
        case .command: return "the master key command"
        case .existingFile(let path), .newFile(let path): return path
        }
    }
}

public enum VaultKeeperError: Error, Equatable, CustomStringConvertible {
    case wrongKey(sealedWith: String, have: [String], origin: String, detail: String)
    case activeKeyRetired(String, String)
    case cannotRetireActive(String)
    case unknownKey(String, known: [String])
    case stillInUse(String, counts: [SealedSecret.Kind: Int], held: Bool)
    case keepsSealingWithOldKeys

    public var description: String {
        switch self {
        case .wrongKey(let sealedWith, let have, let origin, let detail):
            return "the master key does not open this database: its secrets are sealed with key \(sealedWith), and the keys from \(origin) are \(have.joined(separator: ", ")) (\(detail)). Refusing to start; supply the right key"
        case .activeKeyRetired(let id, let origin):
            return "the active master key \(id) (from \(origin)) has been retired; put the current key first"
        case .cannotRetireActive(let id):
            return "key \(id) is the active key; run `patchbay vault rotate` first"
        case .unknownKey(let id, let known):
            return "no key \(id): it is not in the keyring (\(known.joined(separator: ", "))) and seals nothing; see `patchbay vault status`"
        case .stillInUse(let id, let counts, let held):
            let count = counts.values.reduce(0, +)
            let kinds = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            let remedy = held ? "run `patchbay vault rotate` first"
                : "this host does not hold that key: add it after the active key and run `patchbay vault rotate`"
            return "\(count) secret\(count == 1 ? " is" : "s are") still sealed with key \(id) (\(kinds)); \(remedy)"
        case .keepsSealingWithOldKeys:
            return "secrets keep appearing under an older key; is a server running with keys from the environment that lack the new key?"
        }
    }
}
