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

    func testTheCommandRunsAgainWhileServingAndAFailedRunKeepsTheKeys() throws {
        let first = MasterKey.generate()
        let second = MasterKey.generate()
        let script = try KeyScript(printing: [first])
        defer { script.remove() }
        let command = KeyCommand(script.path)
        let vault = Vault(keyring: try command.run(), keyCommand: command, keyCommandInterval: .milliseconds(200))
        XCTAssertEqual(vault.keyring.active.id, first.id)

        try script.set([second, first])
        let deadline = Date().addingTimeInterval(10)
        while vault.keyring.active.id != second.id, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(vault.keyring.all.map(\.id), [second.id, first.id], "followed without any miss")

        let failedRuns = script.directory + "/failed-runs"
        try script.write("#!/bin/sh\necho run >> '\(failedRuns)'\necho 'vault: not logged in' >&2\nexit 3\n")
        waitForRuns(failedRuns, atLeast: 2)
        XCTAssertEqual(vault.keyring.all.map(\.id), [second.id, first.id], "a failed run keeps the keys in use")
    }

    func testAKeyThatNeverComesRunsTheCommandAtMostOnceASecondAndARetiredKeyIsNotFollowed() throws {
        let held = MasterKey.generate()
        let retired = MasterKey.generate()
        let script = try KeyScript(printing: [held])
        defer { script.remove() }
        let runs = script.directory + "/runs"
        try script.write("#!/bin/sh\necho run >> '\(runs)'\ncat '\(script.directory)/keys.txt'\n")
        let command = KeyCommand(script.path)
        let vault = Vault(keyring: try command.run(), keyCommand: command, keyCommandInterval: .milliseconds(300),
                          retiredKeyIDs: [retired.id])
        let foreign = try Vault(keyring: Keyring(active: MasterKey.generate())).seal(Data("x".utf8), context: "connection:c1")

        try script.set([retired, held])
        // Two more runs: at least one of them started after the new keys were written.
        waitForRuns(runs, atLeast: runCount(runs) + 2)
        let before = runCount(runs)
        XCTAssertGreaterThanOrEqual(before, 2, "the command ran again on its interval")
        XCTAssertEqual(vault.keyring.all.map(\.id), [held.id], "a keyring whose active key is retired is not taken")

        for _ in 0..<50 {
            XCTAssertThrowsError(try vault.open(foreign, context: "connection:c1")) { error in
                guard case VaultError.unknownKey = error else { return XCTFail("\(error)") }
            }
        }
        let after = runCount(runs)
        XCTAssertLessThanOrEqual(after - before, 2, "50 misses in a row ran the command at most once (or twice with the interval's own run)")
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

/// Waits for the command to have run `count` times in all, instead of guessing how long that takes.
private func waitForRuns(_ path: String, atLeast count: Int, seconds: Double = 10, line: UInt = #line) {
    let deadline = Date().addingTimeInterval(seconds)
    while runCount(path) < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    XCTAssertGreaterThanOrEqual(runCount(path), count, "the key command did not run again within \(seconds) s", line: line)
}
