import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayVault
import PatchbayWire
import XCTest

/// The master key at start-up and over time: a wrong or missing key stops the host, rotation
/// re-encrypts everything under live traffic, and retired key ids are refused.
final class VaultKeeperTests: XCTestCase {
    func testAWrongOrMissingKeyFailsStartUpAndNeverMakesANewVault() async throws {
        let directory = try dataDirectory()
        let store = try SQLiteStore(path: directory + "/patchbay.sqlite")
        let (vault, source) = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: [:])
        XCTAssertEqual(source, .newFile(Keyring.filePath(dataDirectory: directory)), "a first start makes a key")
        let ours = vault.keyring.active.id
        let canary = try await store.vaultCanary()
        XCTAssertNotNil(canary)

        let stranger = MasterKey.generate()
        do {
            _ = try await VaultKeeper.open(store: store, dataDirectory: directory,
                                           environment: [Keyring.environmentVariable: stranger.base64])
            XCTFail("a wrong key must not open the vault")
        } catch let error as VaultKeeperError {
            XCTAssertTrue(error.description.contains(ours), error.description)
            XCTAssertTrue(error.description.contains(stranger.id), error.description)
            XCTAssertTrue(error.description.contains("Refusing to start"), error.description)
        }

        let keyFile = Keyring.filePath(dataDirectory: directory)
        try FileManager.default.moveItem(atPath: keyFile, toPath: keyFile + ".away")
        do {
            _ = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: [:])
            XCTFail("a missing key must not start a new vault over sealed data")
        } catch let error as VaultError {
            guard case .missingMasterKey = error else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: keyFile), "no new key file was made")
        let canaryAfter = try await store.vaultCanary()
        XCTAssertEqual(canaryAfter, canary, "the canary is untouched")

        try FileManager.default.moveItem(atPath: keyFile + ".away", toPath: keyFile)
        let (reopened, _) = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: [:])
        XCTAssertEqual(reopened.keyring.active.id, ours)
    }

    /// More values than one round re-seals take a second round, after a pause on the host's
    /// clock that leaves room to the traffic the rotation shares the database with.
    func testRotationPausesBetweenRoundsOnTheHostsClock() async throws {
        let directory = try dataDirectory()
        let store = try SQLiteStore(path: directory + "/patchbay.sqlite")
        let (vault, _) = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: [:])
        let old = vault.keyring.active.id
        try await store.insertAccount(Account(id: "acct_1", name: "acme", createdAt: 1))
        // One round takes 500: these and the canary make a second round of two.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<501 {
                let id = "conn_\(index)"
                let sealed = try vault.seal(Data("token \(index)".utf8), context: SealedSecret.context(.connection, id))
                group.addTask {
                    try await store.insertConnection(ConnectionRecord(
                        id: id, accountID: "acct_1", provider: "slack", label: id, config: [:], status: .active,
                        sealedCredentials: sealed, createdAt: 1, updatedAt: 1))
                }
            }
            try await group.waitForAll()
        }

        let clock = ManualClock()
        let rotation = Task { try await VaultKeeper.rotate(store: store, dataDirectory: directory, environment: [:], clock: clock) }
        try await clock.sleeper(dueIn: .milliseconds(20))
        clock.advance(by: .milliseconds(19))
        XCTAssertEqual(clock.sleepersDueIn, [.milliseconds(1)], "the second round started before its pause was over")
        let waiting = try await store.sealedSecretCounts()[old]?.values.reduce(0, +)
        XCTAssertEqual(waiting, 2, "the first round re-sealed 500")
        clock.advance(by: .milliseconds(1))
        let rotated = try await rotation.value
        XCTAssertEqual(rotated.reencrypted, 502)
        let left = try await store.sealedSecretCounts()[old]?.values.reduce(0, +) ?? 0
        XCTAssertEqual(left, 0, "nothing is left under the old key")
    }

    /// A new data directory, removed when the test ends.
    private func dataDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "patchbay-vault-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        return directory
    }

    func testRotationUnderLiveTrafficLosesNothingAndRetiredKeysAreRefused() async throws {
        let host = try await TestHost.start()
        do {
            try await rotateUnderTraffic(host)
        } catch {
            try await host.stop()
            throw error
        }
        try await host.stop()
    }

    private func rotateUnderTraffic(_ host: TestHost) async throws {
        let key = try await host.key()
        let oldKey = try Keyring.load(dataDirectory: host.dataDirectory, environment: [:]).0.active
        var tokens: [String] = []
        var ids: [String] = []
        for index in 0..<6 {
            let token = "xoxb-rotation-\(index)-\(UUID().uuidString)"
            host.fakes.slack.addToken(token)
            tokens.append(token)
            ids.append(try await host.connectSlack(key: key, token: token))
        }
        let app = try await host.configureOAuthApp("slack", key: key, fake: host.fakes.oauth.slack)
        let account = try await host.patchbay.store.account(named: "acme")
        let first = try await host.patchbay.store.connection(id: ids[0], accountID: try XCTUnwrap(account).id)
        let sealedBefore = try XCTUnwrap(first?.sealedCredentials)

        // Traffic: calls on every connection, and credential replacements that seal while the key changes.
        let stop = ManagedFlag()
        let traffic = Task { [ids, tokens] () -> [String] in
            var failures: [String] = []
            var round = 0
            while !stop.isSet {
                round += 1
                for (index, id) in ids.enumerated() {
                    if index == 5 {
                        let token = tokens[round % 2 == 0 ? 5 : 4]
                        let reply = try await host.request("PATCH", "/v1/connections/\(id)", key: key,
                                                           json: ["credentials": ["bot_token": .string(token)]])
                        if reply.status != 200 { failures.append("patch \(reply.status) \(reply.body)") }
                    }
                    let reply = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key,
                                                       json: ["input": [:]])
                    if reply.status != 200 { failures.append("invoke \(reply.status) \(reply.body)") }
                }
            }
            return failures
        }
        // The rotation runs as `patchbay vault rotate` would: its own store on the same file, once
        // traffic is under way, and the traffic goes on after it under the new key.
        let slack = host.fakes.slack
        let started = slack.requests.count
        try await eventually("traffic under way") { slack.requests.count >= started + 6 }
        let cliStore = try SQLiteStore(path: host.dataDirectory + "/patchbay.sqlite")
        let rotation = try await VaultKeeper.rotate(store: cliStore, dataDirectory: host.dataDirectory, environment: [:])
        let rotated = slack.requests.count
        try await eventually("traffic after the rotation") { slack.requests.count >= rotated + 12 }
        XCTAssertTrue(rotation.generated)
        XCTAssertNotEqual(rotation.activeKeyID, oldKey.id)
        // Six connections, the app secret and the canary, less the connection whose credentials
        // the traffic replaces: the server may already have sealed that one under the new key.
        XCTAssertGreaterThanOrEqual(rotation.reencrypted, 7, "the connections, the app secret, the canary")

        stop.set()
        let failures = try await traffic.value
        XCTAssertEqual(failures, [], "no call failed during rotation")

        // A value sealed with the old key after the rotation's last pass is re-encrypted by retire.
        let active = try Keyring.load(dataDirectory: host.dataDirectory, environment: [:]).0
        let sealed = try await cliStore.sealedSecrets(notUnderKey: "", limit: 100)
        let straggler = try XCTUnwrap(sealed.first { $0.kind == .connection })
        let plaintext = try Vault(keyring: active).open(straggler.sealed, context: straggler.context)
        let resealedOld = try Vault(keyring: Keyring(active: oldKey)).seal(plaintext, context: straggler.context)
        let swapped = try await cliStore.replaceSealedSecret(straggler, with: resealedOld)
        XCTAssertTrue(swapped)

        // The active key cannot be retired; the old one can, and is refused from then on.
        do {
            try await VaultKeeper.retire(keyID: active.active.id, store: cliStore, dataDirectory: host.dataDirectory, environment: [:])
            XCTFail("the active key cannot be retired")
        } catch let error as VaultKeeperError {
            XCTAssertEqual(error, .cannotRetireActive(active.active.id))
        }
        for previous in active.all.dropFirst() {
            try await VaultKeeper.retire(keyID: previous.id, store: cliStore, dataDirectory: host.dataDirectory, environment: [:])
        }
        let remaining = try Keyring.load(dataDirectory: host.dataDirectory, environment: [:]).0
        XCTAssertEqual(remaining.all.map(\.id), [active.active.id])
        let counts = try await cliStore.sealedSecretCounts()
        XCTAssertEqual(Array(counts.keys), [active.active.id], "everything is under the active key")
        let afterRetire = try await host.request("POST", "/v1/connections/\(ids[0])/actions/auth_test/invoke", key: key,
                                                 json: ["input": [:]])
        XCTAssertEqual(afterRetire.status, 200, "the running server follows the key file")

        let (restarted, _) = try await VaultKeeper.open(store: cliStore, dataDirectory: host.dataDirectory, environment: [:])
        XCTAssertThrowsError(try restarted.open(sealedBefore, context: "connection:\(ids[0])")) {
            XCTAssertEqual($0 as? VaultError, .retiredKey(oldKey.id))
        }
        do {
            _ = try await VaultKeeper.open(store: cliStore, dataDirectory: host.dataDirectory,
                                           environment: [Keyring.environmentVariable: oldKey.base64 + "," + active.active.base64])
            XCTFail("a retired key may not be the active key")
        } catch let error as VaultKeeperError {
            XCTAssertEqual(error, .activeKeyRetired(oldKey.id, Keyring.environmentVariable))
        }

        // After all of it, the database holds none of the secrets in plaintext.
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal"] {
            guard let bytes = FileManager.default.contents(atPath: host.dataDirectory + "/" + file) else { continue }
            for secret in tokens + [app.secret] {
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(file) holds a secret in plaintext")
            }
        }
    }
}
