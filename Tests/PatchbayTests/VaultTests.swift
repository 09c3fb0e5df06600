import Foundation
import PatchbayVault
import XCTest

final class VaultTests: XCTestCase {
    func testSealedSecretsOpenOnlyWithTheirKeyAndTheirRecord() throws {
        let vault = Vault(keyring: Keyring(active: .generate()))
        let sealed = try vault.seal(["bot_token": "xoxb-very-secret"], context: "connection:conn_a")
        XCTAssertFalse(sealed.contains("xoxb-very-secret"))
        XCTAssertEqual(Vault.keyID(of: sealed), vault.keyring.active.id)
        XCTAssertEqual(try vault.openSecrets(sealed, context: "connection:conn_a"), ["bot_token": "xoxb-very-secret"])

        // Copied onto another record, the ciphertext does not open.
        XCTAssertThrowsError(try vault.openSecrets(sealed, context: "connection:conn_b")) {
            XCTAssertEqual($0 as? VaultError, .decryptionFailed)
        }
        // Another host's key is detected by id before decryption is attempted.
        let stranger = Vault(keyring: Keyring(active: .generate()))
        XCTAssertThrowsError(try stranger.open(sealed, context: "connection:conn_a")) {
            guard case .unknownKey = $0 as? VaultError else { return XCTFail("expected unknownKey, got \($0)") }
        }
        // A flipped byte fails authentication.
        var bytes = Array(sealed)
        let index = bytes.count - 5
        bytes[index] = bytes[index] == "A" ? "B" : "A"
        XCTAssertThrowsError(try vault.open(String(bytes), context: "connection:conn_a"))
    }

    func testPreviousKeysStillOpenWhatTheySealed() throws {
        let old = MasterKey.generate()
        let sealed = try Vault(keyring: Keyring(active: old)).seal(Data("s3cret-value".utf8), context: "c")
        let rotated = Vault(keyring: Keyring(active: .generate(), previous: [old]))
        XCTAssertEqual(try rotated.open(sealed, context: "c"), Data("s3cret-value".utf8))
    }

    func testAKeyTakenOutOfTheKeyFileOpensNothingMoreEvenWhatItOpenedBefore() throws {
        let directory = NSTemporaryDirectory() + "patchbay-vault-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/master.key"
        let old = MasterKey.generate(), new = MasterKey.generate()
        try Keyring.writeFile([old], path: path)
        let vault = Vault(keyring: Keyring(active: old), keyFile: path)
        let sealed = try vault.seal(["token": "t0ken-under-the-old-key"], context: "c")
        // Opened twice: the second answer comes from what the vault already opened.
        XCTAssertEqual(try vault.openSecrets(sealed, context: "c"), ["token": "t0ken-under-the-old-key"])
        XCTAssertEqual(try vault.openSecrets(sealed, context: "c"), ["token": "t0ken-under-the-old-key"])

        try Keyring.writeFile([new], path: path)
        XCTAssertThrowsError(try vault.openSecrets(sealed, context: "c")) {
            guard case .unknownKey(old.id) = $0 as? VaultError else { return XCTFail("expected unknownKey, got \($0)") }
        }
        XCTAssertThrowsError(try Vault(keyring: Keyring(active: old), retiredKeyIDs: [old.id]).open(sealed, context: "c")) {
            guard case .retiredKey = $0 as? VaultError else { return XCTFail("expected retiredKey, got \($0)") }
        }
    }

    func testKeyFileIsCreatedOwnerOnlyAndReusedAndAnUnsafeOneIsRefused() throws {
        let directory = NSTemporaryDirectory() + "vault-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let (first, source) = try Keyring.load(dataDirectory: directory, environment: [:])
        guard case .newFile(let path) = source else { return XCTFail("expected a new key file") }
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        XCTAssertEqual(mode & 0o777, 0o600)

        let (second, _) = try Keyring.load(dataDirectory: directory, environment: [:])
        XCTAssertEqual(first.active.id, second.active.id)

        chmod(path, 0o644)
        XCTAssertThrowsError(try Keyring.load(dataDirectory: directory, environment: [:])) {
            guard case .keyFileUnsafe = $0 as? VaultError else { return XCTFail("expected keyFileUnsafe, got \($0)") }
        }
    }

    func testEnvironmentKeyWinsAndBadOnesAreRefused() throws {
        let key = MasterKey.generate()
        let (keyring, source) = try Keyring.load(dataDirectory: "/nonexistent", environment: ["PATCHBAY_MASTER_KEY": key.base64])
        XCTAssertEqual(source, .environment)
        XCTAssertEqual(keyring.active.id, key.id)
        XCTAssertThrowsError(try Keyring.load(dataDirectory: "/nonexistent", environment: ["PATCHBAY_MASTER_KEY": "c2hvcnQ="]))
    }
}
