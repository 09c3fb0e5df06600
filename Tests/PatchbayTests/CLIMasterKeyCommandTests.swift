import Foundation
import PatchbayClock
import PatchbayModel
@testable import PatchbayServices
import PatchbayStore
import PatchbayVault
import XCTest

/// The master keyring from a command, as a secret manager's CLI gives it: `serve` and the
/// `vault` commands take it from `--master-key-command`; a host follows a rotation made by
/// another process without a restart; a command that fails or prints no keyring stops start-up
/// with one line that quotes nothing it printed.
extension CLITests {
    /// A directory with `keys.sh`, which prints `keys.txt`, as a secret manager would print the
    /// current keyring.
    private struct KeyScript {
        let directory = NSTemporaryDirectory() + "patchbay-key-command-" + UUID().uuidString
        var path: String { directory + "/keys.sh" }

        init(printing keys: [MasterKey]) throws {
            try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            try write("#!/bin/sh\ncat '\(directory)/keys.txt'\n")
            try set(keys)
        }

        /// What the command prints from now on.
        func set(_ keys: [MasterKey]) throws {
            try keys.map(\.base64).joined(separator: ",").write(toFile: directory + "/keys.txt", atomically: true, encoding: .utf8)
        }

        func write(_ script: String) throws {
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o700)
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    func testARotationByAnotherProcessIsOpenedWithoutARestart() async throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        let script = try KeyScript(printing: [old])
        defer { script.remove() }
        let data = script.directory + "/data"
        let store = try SQLiteStore(path: data + "/patchbay.sqlite")
        let clock = ManualClock()
        let (vault, source) = try await VaultKeeper.open(store: store, dataDirectory: data,
                                                         environment: [Keyring.commandVariable: script.path], clock: clock)
        XCTAssertEqual(source, .command(KeyCommand(script.path)))
        XCTAssertEqual(vault.keyring.active.id, old.id)
        XCTAssertFalse(FileManager.default.fileExists(atPath: Keyring.filePath(dataDirectory: data)), "no key file is made")
        let before = try vault.seal(Data("sealed before".utf8), context: "connection:c1")

        // The secret manager now hands out new,old, and another process re-seals every secret
        // under the new key, as `vault rotate` on another replica does.
        try script.set([new, old])
        let (status, output) = try run(["vault", "rotate", "--data-dir", data, "--master-key-command", script.path], withErrors: true)
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("active key \(new.id); re-encrypted 1 secret(s)"), output)
        let stored = try await store.vaultCanary()
        let canary = try XCTUnwrap(stored)
        XCTAssertEqual(Vault.keyID(of: canary), new.id)

        // The key id it lacks makes the vault run the command again, but no sooner than a second
        // after its last run (at open), so a value under a key that never comes costs one run a second.
        XCTAssertThrowsError(try vault.open(canary, context: SealedSecret.context(.vaultCanary, VaultKeeper.canaryID)),
                             "within the second the command is not run, so the new key is not known yet")
        clock.advance(by: .seconds(1))
        let opened = try vault.open(canary, context: SealedSecret.context(.vaultCanary, VaultKeeper.canaryID))
        XCTAssertEqual(String(decoding: opened, as: UTF8.self), VaultKeeper.canaryText)
        XCTAssertEqual(vault.keyring.active.id, new.id, "and it seals with the new key from now on")
        XCTAssertEqual(Vault.keyID(of: try vault.seal(Data("x".utf8), context: "connection:c2")), new.id)
        XCTAssertEqual(String(decoding: try vault.open(before, context: "connection:c1"), as: UTF8.self), "sealed before")
    }

    func testTheCommandRunsAgainWhileServingAndAFailedRunKeepsTheKeys() async throws {
        let first = MasterKey.generate()
        let second = MasterKey.generate()
        let script = try KeyScript(printing: [first])
        defer { script.remove() }
        let command = KeyCommand(script.path)
        let clock = ManualClock()
        let vault = Vault(keyring: try command.run(), keyCommand: command, keyCommandInterval: .seconds(30), clock: clock)
        XCTAssertEqual(vault.keyring.active.id, first.id)

        try script.set([second, first])
        try await clock.sleeper(dueIn: .seconds(30))
        clock.advance(by: .seconds(30) - .milliseconds(1))
        XCTAssertEqual(clock.sleepersDueIn, [.milliseconds(1)], "the command ran again before its interval was over")
        XCTAssertEqual(vault.keyring.active.id, first.id)
        clock.advance(by: .milliseconds(1))
        // The next run is due an interval after this one ended.
        try await clock.sleeper(dueIn: .seconds(30))
        XCTAssertEqual(vault.keyring.all.map(\.id), [second.id, first.id], "followed without any miss")

        let failedRuns = script.directory + "/failed-runs"
        try script.write("#!/bin/sh\necho run >> '\(failedRuns)'\necho 'vault: not logged in' >&2\nexit 3\n")
        for run in 1...2 {
            clock.advance(by: .seconds(30))
            try await clock.sleeper(dueIn: .seconds(30))
            XCTAssertEqual(runCount(failedRuns), run, "one run an interval, and a failed one does not stop the next")
        }
        XCTAssertEqual(vault.keyring.all.map(\.id), [second.id, first.id], "a failed run keeps the keys in use")
    }

    func testAKeyThatNeverComesRunsTheCommandAtMostOnceASecondAndARetiredKeyIsNotFollowed() async throws {
        let held = MasterKey.generate()
        let retired = MasterKey.generate()
        let script = try KeyScript(printing: [held])
        defer { script.remove() }
        let runs = script.directory + "/runs"
        try script.write("#!/bin/sh\necho run >> '\(runs)'\ncat '\(script.directory)/keys.txt'\n")
        let command = KeyCommand(script.path)
        let clock = ManualClock()
        let vault = Vault(keyring: try command.run(), keyCommand: command, keyCommandInterval: .seconds(30),
                          retiredKeyIDs: [retired.id], clock: clock)
        let foreign = try Vault(keyring: Keyring(active: MasterKey.generate())).seal(Data("x".utf8), context: "connection:c1")

        try script.set([retired, held])
        try await clock.sleeper(dueIn: .seconds(30))
        clock.advance(by: .seconds(30))
        try await clock.sleeper(dueIn: .seconds(30))
        XCTAssertEqual(runCount(runs), 2, "the command ran again on its interval")
        XCTAssertEqual(vault.keyring.all.map(\.id), [held.id], "a keyring whose active key is retired is not taken")

        func miss(_ times: Int) {
            for _ in 0..<times {
                XCTAssertThrowsError(try vault.open(foreign, context: "connection:c1")) { error in
                    guard case VaultError.unknownKey = error else { return XCTFail("\(error)") }
                }
            }
        }
        miss(50)
        XCTAssertEqual(runCount(runs), 2, "within a second of the interval's run, a miss does not run the command")
        clock.advance(by: .seconds(1) - .milliseconds(1))
        miss(1)
        XCTAssertEqual(runCount(runs), 2, "a miss ran the command before a second had passed")
        clock.advance(by: .milliseconds(1))
        miss(50)
        XCTAssertEqual(runCount(runs), 3, "50 misses in a row a second later ran the command once")
    }

    func testServeTakesItsKeysFromTheCommandAndStopsWithOneLineWhenItFails() throws {
        let key = MasterKey.generate()
        let script = try KeyScript(printing: [key])
        defer { script.remove() }
        let data = script.directory + "/data"
        let served = ServedHost(directory: data)
        let url = try served.start(log: script.directory + "/serve.log", arguments: ["--master-key-command", script.path])
        served.kill()
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: Keyring.filePath(dataDirectory: data)), "no key file beside the command")
        let (status, listing) = try run(["vault", "status", "--data-dir", data, "--master-key-command", script.path], withErrors: true)
        XCTAssertEqual(status, 0, listing)
        XCTAssertTrue(listing.contains(key.id), listing)

        try script.write("#!/bin/sh\nexit 3\n")
        let (failed, failure) = try run(["serve", "--data-dir", data, "--port", "0", "--master-key-command", script.path], withErrors: true)
        XCTAssertEqual(failed, 1, failure)
        XCTAssertTrue(failure.contains("Error: cannot open the vault: the master key command exited with status 3"), failure)

        // Output that is no keyring is refused without being quoted: not the text, and not a
        // base64 value of the wrong length, which could be a key of another kind.
        let short = Data((0..<12).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        for (printed, reason) in [("not-a-key", "the master key number 1 is not base64"),
                                  ("\(key.base64),\(short)", "the master key number 2 must be 32 bytes, got 12"),
                                  ("", "the master key is empty")] {
            try script.write("#!/bin/sh\nprintf '%s\\n' '\(printed)'\n")
            let (status, output) = try run(["serve", "--data-dir", data, "--port", "0"], withErrors: true,
                                           environment: [Keyring.commandVariable: script.path])
            XCTAssertEqual(status, 1, output)
            XCTAssertTrue(output.contains("Error: cannot open the vault: the master key command printed no valid keyring: \(reason)"), output)
            XCTAssertEqual(output.split(separator: "\n").filter { $0.contains("Error") }.count, 1, output)
            for secret in [key.base64, short, "not-a-key"] {
                XCTAssertFalse(output.contains(secret), "the output is never echoed: \(output)")
            }
        }

        let (twice, both) = try run(["serve", "--data-dir", data, "--port", "0", "--master-key-command", script.path], withErrors: true,
                                    environment: [Keyring.environmentVariable: key.base64])
        XCTAssertEqual(twice, 1, both)
        XCTAssertTrue(both.contains("the master key is given twice, by PATCHBAY_MASTER_KEY and by a master key command; keep one"), both)
    }
}

/// The key command's runs, as a script that appends a line per run records them.
private func runCount(_ path: String) -> Int {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
}
