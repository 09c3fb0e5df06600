import Foundation

/// The master keys this host holds: one active key that seals, and any older ones that still open.
///
/// Source, in order: `PATCHBAY_MASTER_KEY` (base64; older keys may follow, comma-separated),
/// else the key file `master.key` in the data dir, created with mode 0600 on first run.
/// A key file readable by group or others is refused rather than used.
public struct Keyring: Sendable {
    public let active: MasterKey
    private let keys: [String: MasterKey]

    public init(active: MasterKey, retired: [MasterKey] = []) {
        self.active = active
        var keys = Dictionary(uniqueKeysWithValues: retired.map { ($0.id, $0) })
        keys[active.id] = active
        self.keys = keys
    }

    public func key(id: String) -> MasterKey? { keys[id] }

    public enum Source: Equatable, Sendable {
        case environment
        case existingFile(String)
        case newFile(String)
    }

    public static let environmentVariable = "PATCHBAY_MASTER_KEY"
    public static let fileName = "master.key"

    public static func load(dataDirectory: String, environment: [String: String]) throws -> (Keyring, Source) {
        if let value = environment[environmentVariable], !value.isEmpty {
            let keys = try value.split(separator: ",").map { try MasterKey(base64: String($0)) }
            return (Keyring(active: keys[0], retired: Array(keys.dropFirst())), .environment)
        }
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: path) {
            return (try readFile(path), .existingFile(path))
        }
        let key = MasterKey.generate()
        try createFile(path, contents: key.base64 + "\n")
        return (Keyring(active: key), .newFile(path))
    }

    private static func readFile(_ path: String) throws -> Keyring {
        var info = stat()
        guard stat(path, &info) == 0 else { throw VaultError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))) }
        if info.st_mode & 0o077 != 0 {
            throw VaultError.keyFileUnsafe(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VaultError.keyFileUnreadable(path: path, reason: "not UTF-8 text")
        }
        // One key per line; the first is active, the rest are retired keys kept for opening.
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw VaultError.keyFileUnreadable(path: path, reason: "it is empty") }
        let keys = try lines.map(MasterKey.init(base64:))
        return Keyring(active: keys[0], retired: Array(keys.dropFirst()))
    }

    private static func createFile(_ path: String, contents: String) throws {
        // O_EXCL: never overwrite a key file that appeared meanwhile; 0600 from the first byte.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw VaultError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw VaultError.keyFileUnreadable(path: path, reason: "could not write it")
        }
    }
}
