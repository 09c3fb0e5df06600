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

    func testASealedValueIsItsPrefixKeyIDAndPayloadAndAnythingElseIsMalformed() throws {
        let key = MasterKey.generate()
        let vault = Vault(keyring: Keyring(active: key))
        let sealed = try vault.seal(Data("s3cret-value".utf8), context: "c")
        let payload = String(sealed.dropFirst("pbv1.\(key.id).".count))
        // Empty fields before the payload are skipped, as splitting at dots does.
        for spelled in ["..pbv1.\(key.id).\(payload)", "pbv1...\(key.id).\(payload)"] {
            XCTAssertEqual(try vault.open(spelled, context: "c"), Data("s3cret-value".utf8), spelled)
            XCTAssertEqual(Vault.keyID(of: spelled), key.id, spelled)
        }
        for malformed in ["", "pbv1", "pbv1.\(key.id)", "pbv1.\(key.id).", "pbv1..\(key.id)..", "pbv2.\(key.id).\(payload)",
                          "pbv1.\(key.id)..\(payload)", "pbv1.\(key.id).\(payload)!", "pbv1.\(key.id)é.\(payload)",
                          "pbv1.\(key.id).\u{301}\(payload)"] {
            XCTAssertThrowsError(try vault.open(malformed, context: "c"), malformed) {
                XCTAssertEqual($0 as? VaultError, .malformedCiphertext, malformed)
            }
        }
        XCTAssertNil(Vault.keyID(of: "pbv1.\(key.id)"))
        // The key is looked up by the id field alone, and checked before the payload is read.
        XCTAssertThrowsError(try vault.open("pbv1.k000000000000.\(payload)", context: "c")) {
            XCTAssertEqual($0 as? VaultError, .unknownKey("k000000000000"))
        }
        XCTAssertThrowsError(try Vault(keyring: Keyring(active: key), retiredKeyIDs: [key.id]).open("pbv1.\(key.id).!", context: "c")) {
            XCTAssertEqual($0 as? VaultError, .retiredKey(key.id))
        }
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
