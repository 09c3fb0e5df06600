import Foundation

/// The keyring a running host uses. When it came from the key file, the file is watched, so
/// `patchbay vault rotate` (another process) can add a key and the server seals with it from
/// its next operation, and `vault retire` can take one away, without a restart.
final class KeyringSource: @unchecked Sendable {
    private let lock = NSLock()
    private var keyring: Keyring
    private let path: String?
    private var stamp: FileStamp?

    init(keyring: Keyring, watching path: String?) {
        self.keyring = keyring
        self.path = path
        stamp = path.flatMap(FileStamp.init)
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
