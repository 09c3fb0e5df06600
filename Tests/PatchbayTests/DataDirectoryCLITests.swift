import Foundation
import XCTest

/// What the real `patchbay` does with its data dir: creates it owner-only, keeps the database
/// owner-only, refuses to start a new database beside an existing master key unless told to,
/// and says in words what is wrong with a data dir it cannot use.
final class DataDirectoryCLITests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "patchbay-datadir-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs the CLI; the output is stdout and stderr together.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServedHost.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "PATCHBAY_MASTER_KEY" && $0.key != "PATCHBAY_INIT" }
            .merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    /// Starts `serve` until it listens (so the database and its `-wal` and `-shm` exist), checks
    /// their modes, then stops it; returns its log.
    func serveBriefly(_ directory: String) throws -> String {
        let served = ServedHost(directory: directory)
        defer { served.kill() }
        let log = root + "/serve-\(UUID().uuidString).log"
        _ = try served.start(log: log)
        XCTAssertEqual(mode(directory + "/patchbay.sqlite-wal"), 0o600)
        XCTAssertEqual(mode(directory + "/patchbay.sqlite-shm"), 0o600)
        return try String(contentsOfFile: log, encoding: .utf8)
    }

    func testANewDataDirAndItsDatabaseAreOwnerOnly() throws {
        let directory = root + "/nested/data"
        _ = try serveBriefly(directory)
        XCTAssertEqual(mode(directory), 0o700)
        XCTAssertEqual(mode(directory + "/patchbay.sqlite"), 0o600)
        XCTAssertEqual(mode(directory + "/master.key"), 0o600)
    }

    func testAnExistingDataDirOthersCanReadIsNamedNotChanged() throws {
        let directory = root + "/shared"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        chmod(directory, 0o755)
        let (status, output) = try run(["keys", "create", "--data-dir", directory, "--account", "a", "--scopes", "admin"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("can be read by other users (mode 755)"), output)
        XCTAssertEqual(mode(directory), 0o755, "an existing directory is the operator's to change")
    }

    func testAMissingOrEmptyDatabaseBesideAMasterKeyIsRefusedUnlessInit() throws {
        let directory = root + "/data"
        _ = try serveBriefly(directory)
        for file in ["patchbay.sqlite", "patchbay.sqlite-wal", "patchbay.sqlite-shm"] {
            try? FileManager.default.removeItem(atPath: directory + "/" + file)
        }
        let keys = ["keys", "create", "--data-dir", directory, "--account", "a", "--scopes", "admin"]
        let (refused, message) = try run(keys)
        XCTAssertNotEqual(refused, 0, message)
        XCTAssertTrue(message.contains("has a master key but no database"), message)
        XCTAssertTrue(message.contains("--init"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/patchbay.sqlite-wal"), "nothing was started")

        // An empty file is no database either.
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/patchbay.sqlite", contents: nil))
        let (emptyRefused, emptyMessage) = try run(keys)
        XCTAssertNotEqual(emptyRefused, 0, emptyMessage)

        let (fromEnvironment, environmentOutput) = try run(keys, environment: ["PATCHBAY_INIT": "1"])
        XCTAssertEqual(fromEnvironment, 0, environmentOutput)
        // Now there is a database: no flag needed any more.
        let (again, againOutput) = try run(keys)
        XCTAssertEqual(again, 0, againOutput)

        let other = root + "/other"
        _ = try serveBriefly(other)
        try FileManager.default.removeItem(atPath: other + "/patchbay.sqlite")
        let (withFlag, flagOutput) = try run(keys.map { $0 == directory ? other : $0 } + ["--init"])
        XCTAssertEqual(withFlag, 0, flagOutput)
    }

    func testAFirstRunWithNeitherKeyNorDatabaseJustWorks() throws {
        let output = try serveBriefly(root + "/fresh")
        XCTAssertTrue(output.contains("created a new master key"), output)
    }

    func testStartupProblemsAreSaidInWords() throws {
        let directory = root + "/data"
        _ = try serveBriefly(directory)

        try FileManager.default.removeItem(atPath: directory + "/master.key")
        try FileManager.default.createDirectory(atPath: directory + "/master.key", withIntermediateDirectories: false)
        let (keyStatus, keyOutput) = try run(["serve", "--data-dir", directory, "--port", "0"])
        XCTAssertNotEqual(keyStatus, 0)
        XCTAssertTrue(keyOutput.contains("master.key: it is a directory, not a key file"), keyOutput)
        XCTAssertFalse(keyOutput.contains("mode 755"), keyOutput)

        let notADatabase = root + "/garbage"
        try FileManager.default.createDirectory(atPath: notADatabase, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: notADatabase + "/patchbay.sqlite"))
        let (garbageStatus, garbageOutput) = try run(["keys", "create", "--data-dir", notADatabase, "--account", "a", "--scopes", "admin"])
        XCTAssertNotEqual(garbageStatus, 0)
        XCTAssertTrue(garbageOutput.contains("not a SQLite database, or it is damaged"), garbageOutput)

        let folderDatabase = root + "/folder"
        try FileManager.default.createDirectory(atPath: folderDatabase + "/patchbay.sqlite", withIntermediateDirectories: true)
        chmod(folderDatabase, 0o700)
        let (folderStatus, folderOutput) = try run(["keys", "create", "--data-dir", folderDatabase, "--account", "a", "--scopes", "admin"])
        XCTAssertNotEqual(folderStatus, 0)
        XCTAssertTrue(folderOutput.contains("is not a regular file"), folderOutput)

        if getuid() != 0 {
            // Permissions do not stop root; the read-only file system below does.
            let locked = root + "/locked"
            _ = try serveBriefly(locked)
            chmod(locked + "/patchbay.sqlite", 0o000)
            defer { chmod(locked + "/patchbay.sqlite", 0o600) }
            let (lockedStatus, lockedOutput) = try run(["keys", "create", "--data-dir", locked, "--account", "a", "--scopes", "admin"])
            XCTAssertNotEqual(lockedStatus, 0)
            XCTAssertTrue(lockedOutput.contains("permission denied"), lockedOutput)
        }
    }

    func testAReadOnlyDataDirIsSaidInWords() throws {
        let disk = try SmallFileSystem(megabytes: 4)
        defer { disk.unmount() }
        let directory = disk.path + "/data"
        _ = try serveBriefly(directory)
        try disk.remount(readOnly: true)
        let (status, output) = try run(["serve", "--data-dir", directory, "--port", "0"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("the data dir \(directory) is not writable: it is on a read-only file system"), output)
    }
}
