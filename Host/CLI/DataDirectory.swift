import Foundation
import PatchbayStore
import PatchbayVault

/// Checks the data directory before the store opens it, so that what is wrong is said in words
/// rather than as SQLite's "unable to open database file", and so that a missing database is
/// not silently replaced by an empty one.
struct DataDirectory {
    let path: String

    var databasePath: String { DataOptions.databasePath(in: path) }

    /// Creates the directory owner-only (0700) and the database file owner-only (0600; SQLite
    /// gives its `-wal` and `-shm` files the database file's mode), or checks what exists.
    /// Returns warnings for the operator: an existing directory or database that others can
    /// read is left as it is (it may be shared on purpose) but named.
    ///
    /// With a master key file and no database (or an empty one), refuses unless `initialize`:
    /// the old database was lost or moved, and a new one would refuse every existing API key.
    func prepare(initialize: Bool) throws -> [String] {
        var warnings = try prepareDirectory()
        var info = stat()
        let keyFile = Keyring.filePath(dataDirectory: path)
        if !hasDatabase(&info) {
            if access(keyFile, F_OK) == 0, !initialize {
                throw CommandFailure(description: """
                    the data dir \(path) has a master key but no database (\((databasePath as NSString).lastPathComponent) is missing or empty): a new, empty \
                    database would refuse every existing API key and connection. Restore the database, or start a new one with \
                    --init (PATCHBAY_INIT=1)
                    """)
            }
            try createDatabaseFile()
            return warnings
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw CommandFailure(description: "the database \(databasePath) is not a regular file")
        }
        if access(databasePath, R_OK | W_OK) != 0 {
            throw CommandFailure(description: "cannot open the database \(databasePath): \(Self.reason(errno))")
        }
        if info.st_mode & 0o077 != 0 {
            warnings.append("the database \(databasePath) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))): "
                            + "chmod 600 \(databasePath)*")
        }
        return warnings
    }

    /// The directory alone, created owner-only or checked, for a store kept elsewhere
    /// (PostgreSQL): the directory still holds the master key file.
    func prepareDirectory() throws -> [String] {
        var warnings: [String] = []
        var info = stat()
        if stat(path, &info) != 0 {
            try create()
        } else {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw CommandFailure(description: "the data dir \(path) is not a directory") }
            if info.st_mode & 0o077 != 0 {
                warnings.append("the data dir \(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); "
                                + "it holds the master key and every secret: chmod 700 \(path)")
            }
        }
        if access(path, W_OK | X_OK) != 0 {
            throw CommandFailure(description: "the data dir \(path) is not writable: \(Self.reason(errno))")
        }
        return warnings
    }

    /// False when the database file is missing, or empty with no log beside it: a database
    /// never checkpointed has an empty file and its whole content in the `-wal` file.
    private func hasDatabase(_ info: inout stat) -> Bool {
        guard stat(databasePath, &info) == 0 else { return false }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 else { return true }
        var log = stat()
        return stat(databasePath + "-wal", &log) == 0 && log.st_size > 0
    }

    /// The parents as `mkdir -p` makes them; the data dir itself 0700 whatever the umask.
    private func create() throws {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            if !parent.isEmpty { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        } catch {
            throw CommandFailure(description: "cannot create the data dir \(path): \(error.localizedDescription)")
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST, chmod(path, 0o700) == 0 else {
            throw CommandFailure(description: "cannot create the data dir \(path): \(Self.reason(errno))")
        }
    }

    private func createDatabaseFile() throws {
        let fd = open(databasePath, O_WRONLY | O_CREAT, 0o600)
        guard fd >= 0 else { throw CommandFailure(description: "cannot create the database \(databasePath): \(Self.reason(errno))") }
        fchmod(fd, 0o600)
        close(fd)
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EROFS: return "it is on a read-only file system"
        case EACCES, EPERM: return "permission denied for this user"
        case ENOSPC: return "the disk is full"
        default: return String(cString: strerror(code))
        }
    }
}
