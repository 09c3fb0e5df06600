import Foundation
import Logging
import PatchbayClock

/// The keyring a running host uses. When it came from the key file, the file is watched, so
/// `patchbay vault rotate` (another process) can add a key and the server seals with it from
/// its next operation, and `vault retire` can take one away, without a restart.
///
/// When it came from a master key command, the command runs again every `interval`, and when a
/// sealed value names a key this keyring lacks (another replica sealed it under a key the
/// secret manager now hands out), at most once per `missInterval`, so a value under a key that
/// never comes does not start a process per request. A run that fails keeps the keys in use.
/// Both are measured on the host's clock, which tests move instead of waiting.
// @unchecked: `keyring` and `stamp` are only touched under `lock`, `lastRun` under `runLock`,
// and `refreshing` only in init and deinit.
final class KeyringSource: @unchecked Sendable {
    private let lock = NSLock()
    private var keyring: Keyring
    private let path: String?
    private var stamp: FileStamp?

    private let command: KeyCommand?
    /// One command run at a time: a miss waits for a run under way and then uses its keys.
    private let runLock = NSLock()
    private var lastRun: ContinuousClock.Instant
    private let missInterval: Duration
    /// The clock `interval` and `missInterval` are measured by.
    private let clock: any HostClock
    /// A command that starts printing a retired key first is not followed: what the host
    /// sealed with it would be refused.
    private let retiredKeyIDs: Set<String>
    /// Runs the command every `interval`, while there is one.
    private var refreshing: Task<Void, Never>?
    private let logger = Logger(label: "patchbay.vault")

    init(keyring: Keyring, watching path: String?, command: KeyCommand? = nil, retiredKeyIDs: Set<String> = [],
         interval: Duration = .seconds(30), missInterval: Duration = .seconds(1),
         clock: any HostClock = SystemClock()) {
        self.keyring = keyring
        self.path = path
        self.command = command
        self.retiredKeyIDs = retiredKeyIDs
        self.missInterval = missInterval
        self.clock = clock
        lastRun = clock.now
        stamp = path.flatMap(FileStamp.init)
        if command != nil { startRefreshing(every: interval) }
    }

    deinit {
        refreshing?.cancel()
    }

    var current: Keyring {
        lock.withLock {
            if let path, let now = FileStamp(path), now != stamp, let reloaded = try? Keyring.readFile(path) {
                // A file that does not read (mid-edit by hand, wrong mode) keeps the keys in use.
                keyring = reloaded
                stamp = now
            }
            return keyring
        }
    }

    /// The keyring after running the command again for a key it lacks, or nil when there is no
    /// command or it ran too recently.
    func reloaded(lacking keyID: String) -> Keyring? {
        guard command != nil else { return nil }
        return runLock.withLock {
            let held = lock.withLock { keyring }
            // Another caller's run, while this one waited, may have brought the key.
            if held.key(id: keyID) != nil { return held }
            guard clock.now - lastRun >= missInterval else { return nil }
            return runCommand()
        }
    }

    /// Runs the command `interval` after the end of its last run, until this source is dropped.
    private func startRefreshing(every interval: Duration) {
        // The command blocks its thread for as long as it runs (up to its timeout): it runs on a
        // queue of its own, not on the threads every task shares.
        let queue = DispatchQueue(label: "patchbay.vault.key-command")
        refreshing = Task.detached(priority: .utility) { [weak self, clock] in
            while true {
                do {
                    try await clock.sleep(for: interval)
                } catch {
                    return
                }
                guard let self else { return }
                await withCheckedContinuation { (ran: CheckedContinuation<Void, Never>) in
                    queue.async {
                        _ = self.runLock.withLock { self.runCommand() }
                        ran.resume()
                    }
                }
            }
        }
    }

    /// Runs the command (the caller holds `runLock`) and takes its keyring; nil when it failed.
    private func runCommand() -> Keyring? {
        guard let command else { return nil }
        lastRun = clock.now
        do {
            let reloaded = try command.run()
            if retiredKeyIDs.contains(reloaded.active.id) { throw VaultError.retiredKey(reloaded.active.id) }
            let previous = lock.withLock {
                defer { keyring = reloaded }
                return keyring
            }
            if previous.all.map(\.id) != reloaded.all.map(\.id) {
                logger.notice("master keys changed", metadata: [
                    "active": "\(reloaded.active.id)", "keys": "\(reloaded.all.map(\.id).joined(separator: ","))",
                ])
            }
            return reloaded
        } catch {
            logger.warning("keeping the master keys in use", metadata: ["reason": "\(error)"])
            return nil
        }
    }

    private struct FileStamp: Equatable {
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int
        var size: Int64

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            inode = UInt64(info.st_ino)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            size = Int64(info.st_size)
        }
    }
}
