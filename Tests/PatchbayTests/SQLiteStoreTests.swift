import Foundation
import GRDB
import PatchbayModel
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// Concurrent writes share commits; each must still succeed or fail on its own.
final class SQLiteStoreTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "patchbay-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Descriptors of this process open on the store's files (the database, its WAL and
    /// shared-memory index).
    private func descriptorsOnStoreFiles(_ path: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { entry in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry)) ?? ""
            return target.hasPrefix(path)
        }.count
    }

    func testClosingTheStoreLetsGoOfItsFilesAndFoldsTheWALIntoTheDatabase() async throws {
        let path = directory + "/store.sqlite"
        let store = try SQLiteStore(path: path)
        try await store.insertAccount(Account(id: "acct_closed", name: "closed", createdAt: 1))
        XCTAssertGreaterThan(try descriptorsOnStoreFiles(path), 0)

        store.close()

        // Held by `store` still, yet nothing of it is open; the last connection to close
        // checkpointed the WAL into the file and removed it.
        XCTAssertEqual(try descriptorsOnStoreFiles(path), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        do {
            _ = try await store.account(id: "acct_closed")
            XCTFail("a closed store answered a read")
        } catch {}
        let reopened = try SQLiteStore(path: path)
        defer { reopened.close() }
        let account = try await reopened.account(id: "acct_closed")
        XCTAssertEqual(account?.name, "closed")
    }

    func testConcurrentWritesAllCommitAndAFailingOneFailsAlone() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        try await store.insertAccount(Account(id: "acct_taken", name: "taken", createdAt: 1))

        // 200 inserts at once, so they queue behind each other's commits and share them; one
        // reuses a name that exists and must be refused without taking the others down.
        let outcomes = await withTaskGroup(of: (Int, (any Error)?).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let name = index == 117 ? "taken" : "account-\(index)"
                    do {
                        try await store.insertAccount(Account(id: "acct_\(index)", name: name, createdAt: Int64(index)))
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            var collected: [Int: (any Error)?] = [:]
            for await (index, error) in group { collected[index] = error }
            return collected
        }

        XCTAssertEqual(outcomes.count, 200)
        for index in 0..<200 {
            let error = outcomes[index] ?? nil
            if index == 117 {
                guard case .conflict? = error as? StoreError else { return XCTFail("the duplicate was not refused: \(String(describing: error))") }
            } else {
                XCTAssertNil(error, "insert \(index) failed")
            }
        }

        // Everything acknowledged is there after reopening the file; the refused row is not.
        let reopened = try SQLiteStore(path: directory + "/store.sqlite")
        for index in [0, 1, 116, 118, 199] {
            let account = try await reopened.account(id: "acct_\(index)")
            XCTAssertEqual(account?.name, "account-\(index)")
        }
        let refused = try await reopened.account(id: "acct_117")
        XCTAssertNil(refused)
        let original = try await reopened.account(named: "taken")
        XCTAssertEqual(original?.id, "acct_taken")
    }

    /// Point lookups run on the calling thread while other reads go through the pool's async
    /// form. Many of both at once must all finish: lookups waiting for a pooled connection
    /// could hold every thread of the task pool that the async reads need to give theirs back.
    func testLookupsAndPooledReadsAtOnceAllFinish() throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let finished = expectation(description: "every read finished")
        let reads = Task {
            try await store.insertAccount(Account(id: "acct_reader", name: "reader", createdAt: 1))
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<400 {
                    group.addTask {
                        if index.isMultiple(of: 2) { return try await store.account(id: "acct_reader")?.name == "reader" }
                        return try await store.apiKeys(accountID: "acct_reader").isEmpty
                    }
                }
                var answered = 0
                for try await correct in group where correct { answered += 1 }
                return answered
            }
        }
        Task {
            let answered = try? await reads.value
            XCTAssertEqual(answered, 400, "reads failed or gave wrong answers")
            finished.fulfill()
        }
        wait(for: [finished], timeout: 30)
    }

    /// A lookup's read transaction ends with it, also when the lookup throws: a snapshot left
    /// open would hide what another process (the CLI) commits afterwards, and hold back checkpoints.
    func testEachLookupSeesWhatAnotherProcessCommittedBeforeIt() async throws {
        let path = directory + "/store.sqlite"
        let server = try SQLiteStore(path: path)
        let cli = try SQLiteStore(path: path)
        let missing = try await server.account(named: "from-cli")
        XCTAssertNil(missing)

        try await cli.insertAccount(Account(id: "acct_cli", name: "from-cli", createdAt: 1))
        let first = try await server.account(named: "from-cli")
        XCTAssertEqual(first?.id, "acct_cli")

        struct Refused: Error {}
        XCTAssertThrowsError(try server.lookup { db -> Int in
            // Reading takes the snapshot; the throw comes after it.
            XCTAssertNotNil(try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = 'from-cli'"))
            throw Refused()
        })
        try await cli.insertAccount(Account(id: "acct_cli_2", name: "from-cli-2", createdAt: 2))
        let second = try await server.account(named: "from-cli-2")
        XCTAssertEqual(second?.id, "acct_cli_2", "a lookup after a failed one read an old snapshot")
    }

    /// Every commit the store acknowledges must be on disk: the writer has to sync the WAL at
    /// each commit (`FULL`), not only at checkpoints (`NORMAL`, which GRDB's pool sets itself).
    func testTheWriterSyncsEveryCommit() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let level = try await store.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        XCTAssertEqual(level, 2, "PRAGMA synchronous is \(level.map(String.init) ?? "unset") on the writer, not FULL (2)")
        // Still so once the writer has committed.
        try await store.insertAccount(Account(id: "acct_sync", name: "sync", createdAt: 1))
        let after = try await store.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        XCTAssertEqual(after, 2)
        // The other settings the store's commit path relies on, read back from the same connection.
        let (journal, autocheckpoint) = try await store.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"))
        }
        XCTAssertEqual(journal, "wal")
        XCTAssertEqual(autocheckpoint, 0, "commits would checkpoint inline instead of leaving it to WALCheckpointer")
    }

    /// A write that only has to outlive the process commits without a sync, and the next write
    /// that must be on disk is synced again, whether it shares a batch with relaxed ones or not.
    func testOnlyABatchOfRelaxedWritesSkipsTheSync() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let relaxed = try await store.write(.outlivesProcess) { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        XCTAssertEqual(relaxed, 1, "a lone relaxed write should commit with synchronous NORMAL (1)")
        let synced = try await store.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        XCTAssertEqual(synced, 2, "an on-disk write after a relaxed one must sync again")

        // Interleaved, so batches mix both kinds: every on-disk write must see FULL.
        let levels = try await withThrowingTaskGroup(of: (Durability, Int?).self) { group in
            for index in 0..<200 {
                let durability: Durability = index.isMultiple(of: 2) ? .onDisk : .outlivesProcess
                group.addTask {
                    (durability, try await store.write(durability) { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(levels.count, 200)
        for (durability, level) in levels where durability == .onDisk {
            XCTAssertEqual(level, 2, "an on-disk write committed in a batch without a sync")
        }
    }

    /// Every write path, not only the ones written with the committer in mind, commits with
    /// `synchronous = FULL` even right after a batch of relaxed writes turned the sync off. The
    /// writer's statements are traced: each COMMIT is checked against the setting last made.
    func testEveryWritePathSyncsEvenAfterARelaxedBatch() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        let commits = SyncLevels()
        try await store.pool.writeWithoutTransaction { db in
            db.trace { event in
                guard case .statement(let statement) = event else { return }
                commits.saw(statement.sql)
            }
        }
        try await store.insertAccount(Account(id: "acct_1", name: "one", createdAt: 1))
        try await store.insertAPIKey(APIKeyRecord(id: "key_1", accountID: "acct_1", prefix: "pfx", salt: Data([1]), hash: Data([2]),
                                                  scopes: ["admin"], createdAt: 1, revokedAt: nil))
        try await store.insertConnection(ConnectionRecord(id: "conn_1", accountID: "acct_1", provider: "slack", label: "s",
                                                          config: [:], status: .active, sealedCredentials: "pbv1.kold.c2VhbGVk",
                                                          createdAt: 1, updatedAt: 1))
        let paths: [(String, @Sendable () async throws -> Void)] = [
            ("revokeAPIKey", { _ = try await store.revokeAPIKey(id: "key_1", accountID: "acct_1", at: 2) }),
            ("saveTokens", { _ = try await store.saveTokens(connectionID: "conn_1", accountID: "acct_1", sealedCredentials: "pbv1.kold.cm90YXRlZA==",
                                                             expiresAt: nil, at: 2, leaseOwner: nil) }),
            ("replaceSealedSecret", { _ = try await store.replaceSealedSecret(
                SealedSecret(kind: .connection, rowID: "conn_1", sealed: "pbv1.kold.cm90YXRlZA=="), with: "pbv1.knew.cmVzZWFsZWQ=") }),
            ("retireKey", { try await store.retireKey("kold", at: 3) }),
            ("acquireRefreshLease", { _ = try await store.acquireRefreshLease(connectionID: "conn_1", owner: "me", now: 3, until: 9) }),
            ("releaseRefreshLease", { try await store.releaseRefreshLease(connectionID: "conn_1", owner: "me") }),
            ("setConnectionStatus", { try await store.setConnectionStatus(connectionID: "conn_1", accountID: "acct_1", status: .active,
                                                                          reason: nil, at: 4, leaseOwner: nil) }),
            ("saveVaultCanary", { try await store.saveVaultCanary("pbv1.knew.Y2FuYXJ5", at: 4) }),
            ("leaseWebhookDeliveries", { _ = try await store.leaseWebhookDeliveries(owner: "w", now: 5, leaseUntil: 9, limit: 8) }),
            ("saveHostInstance", { try await store.saveHostInstance(HostInstanceRecord(id: "inst_1", machine: "m", pid: 1, startedAt: 1,
                                                                                       heartbeatAt: 5)) }),
        ]
        for (name, path) in paths {
            _ = try await store.write(.outlivesProcess) { db in try db.execute(sql: "UPDATE accounts SET created_at = created_at") }
            XCTAssertEqual(commits.last, "NORMAL", "the relaxed write before \(name) should commit without the sync")
            try await path()
            XCTAssertEqual(commits.last, "FULL", "\(name) committed with the sync a relaxed batch had turned off")
        }
    }

    /// Commits stay in the WAL until a checkpoint copies them into the database file. The
    /// writer no longer does that inside a commit; the background checkpointer does, without
    /// waiting for the WAL to reach a size threshold.
    func testCommittedPagesReachTheDatabaseFileInTheBackground() async throws {
        let path = directory + "/store.sqlite"
        let store = try SQLiteStore(path: path)
        let fileSize = { ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0 }
        let before = fileSize()
        let name = String(repeating: "n", count: 1000)
        for index in 0..<500 {
            try await store.insertAccount(Account(id: "acct_\(index)", name: "\(name)-\(index)", createdAt: Int64(index)))
        }
        // About 500 KB of rows, far below SQLite's own threshold of 1,000 pages (4 MB).
        let deadline = ContinuousClock.now + .seconds(10)
        while fileSize() < before + 400_000, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertGreaterThan(fileSize(), before + 400_000, "the rows never left the WAL")
        let last = try await store.account(id: "acct_499")
        XCTAssertEqual(last?.name, "\(name)-499")
    }
}

/// The writer's `synchronous` setting at each of its commits, followed through its statements.
/// Unchecked because `lock` guards `level` and `commits`, which the compiler cannot see.
private final class SyncLevels: @unchecked Sendable {
    private let lock = NSLock()
    private var level = "FULL"
    private var commits: [String] = []

    func saw(_ sql: String) {
        lock.withLock {
            if sql.hasPrefix("PRAGMA synchronous = ") { level = String(sql.dropFirst("PRAGMA synchronous = ".count)) }
            if sql.hasPrefix("COMMIT") { commits.append(level) }
        }
    }

    var last: String? { lock.withLock { commits.last } }
}
