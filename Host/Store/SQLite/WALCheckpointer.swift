import GRDB

/// Copies committed pages from the WAL into the database file in the background.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
/// writer's thread: every few hundred group commits, one of them also copies megabytes into
/// the database file and waits for two more flushes, and every write queued behind it waits
/// too. Here the writer never checkpoints (`wal_autocheckpoint = 0` on the store's
/// connections); a connection of this class's own runs a passive checkpoint every
/// `interval`, which copies what no reader still needs without blocking the writer or the
/// readers. Durability is unchanged: each commit is flushed to the WAL before it returns.
///
/// The interval runs on real time, not the host's clock: with SQLite's own checkpoint turned
/// off, these passes are all that keeps the WAL from growing, and a host on a `ManualClock`
/// that a test never moves would otherwise grow it for as long as it writes. Nothing the host
/// decides waits on a pass, so there is nothing for a test to move time for.
final class WALCheckpointer: Sendable {
    /// A WAL longer than this many frames (4 KiB each) after a passive pass means readers
    /// kept it from being reused; the next pass waits for them, briefly holding writers.
    static let restartAfterFrames = 16_384

    private let task: Task<Void, Never>
    private let database: DatabaseQueue

    init(path: String, interval: Duration = .milliseconds(100)) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let database = try DatabaseQueue(path: path, configuration: configuration)
        self.database = database
        task = Task.detached(priority: .utility) {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                await Self.checkpoint(database)
            }
        }
    }

    deinit {
        task.cancel()
    }

    /// Stops the passes and closes the connection, after the pass running now, if any, ends:
    /// GRDB runs the close on the connection's own queue, behind it.
    func stop() {
        task.cancel()
        try? database.close()
    }

    private static func checkpoint(_ database: DatabaseQueue) async {
        // A failed pass (the database busy past the timeout) is retried at the next interval.
        _ = try? await database.writeWithoutTransaction { db in
            let (frames, _) = try db.checkpoint(.passive)
            if frames > Self.restartAfterFrames { try db.checkpoint(.restart) }
        }
    }
}
