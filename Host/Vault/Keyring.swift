import Foundation

/// The master keys this host holds: one active key that seals, and any previous ones that still
/// open what they sealed until `patchbay vault rotate` has re-encrypted it.
///
/// Source, in order: the output of `PATCHBAY_MASTER_KEY_COMMAND` (`serve --master-key-command`),
/// else `PATCHBAY_MASTER_KEY` (base64; previous keys may follow, comma-separated), else the key
/// file `master.key` in the data dir (one key per line, the active one first), created with mode
/// 0600 on first run. A key file readable by group or others is refused; a command and the
/// variable both set are refused, as one of them would be ignored.
public struct Keyring: Sendable {
    public let active: MasterKey
    /// Every key, the active one first: the order of the key file.
    public let all: [MasterKey]
    private let keys: [String: MasterKey]

    public init(active: MasterKey, previous: [MasterKey] = []) {
        self.active = active
        all = [active] + previous.filter { $0.id != active.id }
        keys = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func key(id: String) -> MasterKey? { keys[id] }

    public enum Source: Equatable, Sendable {
        case environment
        case command(KeyCommand)
        case existingFile(String)
        case newFile(String)

        /// The keys live in the key file, which `vault rotate` and `vault retire` rewrite; from
        /// anywhere else, the operator changes them where they live.
        public var isFile: Bool {
            switch self {
            case .environment, .command: return false
            case .existingFile, .newFile: return true
            }
        }
    }

    public static let environmentVariable = "PATCHBAY_MASTER_KEY"
    public static let commandVariable = "PATCHBAY_MASTER_KEY_COMMAND"
    public static let fileName = "master.key"

    public static func filePath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Reads the keyring. With `createIfMissing` false (the database already holds sealed
    /// secrets), a missing key is an error instead of a new, empty vault.
    public static func load(dataDirectory: String, environment: [String: String],
                            createIfMissing: Bool = true) throws -> (Keyring, Source) {
        let value = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let command = environment[commandVariable], !command.isEmpty {
            guard value == nil else {
                throw VaultError.invalidMasterKey("is given twice, by \(environmentVariable) and by a master key command; keep one")
            }
            let keyCommand = KeyCommand(command)
            return (try keyCommand.run(), .command(keyCommand))
        }
        if let value {
            return (try parse(value), .environment)
        }
        let path = filePath(dataDirectory: dataDirectory)
        if FileManager.default.fileExists(atPath: path) {
            return (try readFile(path), .existingFile(path))
        }
        guard createIfMissing else { throw VaultError.missingMasterKey(path: path) }
        let key = MasterKey.generate()
        try createFile(path, contents: key.base64 + "\n")
        return (Keyring(active: key), .newFile(path))
    }

    /// Base64 keys separated by commas or white space, the active one first.
    static func parse(_ text: String) throws -> Keyring {
        let keys = try text.split { $0 == "," || $0.isWhitespace }.enumerated().map { index, key in
            do {
                return try MasterKey(base64: String(key))
            } catch VaultError.invalidMasterKey(let reason) {
                throw VaultError.invalidMasterKey("number \(index + 1) \(reason)")
            }
        }
        guard let active = keys.first else { throw VaultError.invalidMasterKey("is empty") }
        return Keyring(active: active, previous: Array(keys.dropFirst()))
    }

    static func readFile(_ path: String) throws -> Keyring {
        var info = stat()
        guard stat(path, &info) == 0 else { throw VaultError.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw VaultError.keyFileUnreadable(path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "it is a directory, not a key file" : "it is not a regular file")
        }
        if info.st_mode & 0o077 != 0 {
            throw VaultError.keyFileUnsafe(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VaultError.keyFileUnreadable(path: path, reason: "not UTF-8 text")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw VaultError.keyFileUnreadable(path: path, reason: "it is empty") }
        let keys = try lines.map(MasterKey.init(base64:))
        return Keyring(active: keys[0], previous: Array(keys.dropFirst()))
    }

    /// Replaces the key file with these keys, the first active, atomically: a reader sees the
    /// old file or the new one, never a partial one.
    public static func writeFile(_ keys: [MasterKey], path: String) throws {
        let temporary = path + ".new-" + UUID().uuidString
        try createFile(temporary, contents: keys.map { $0.base64 + "\n" }.joined())
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw VaultError.keyFileUnreadable(path: path, reason: "could not replace it: \(reason)")
        }
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
