import Foundation
import XCTest

/// A real, small file system (tmpfs with a size limit) mounted for one test, to be filled up
/// or turned read-only under a running host. Mounting needs root (or a mount namespace); the
/// test is skipped, saying so, where it is not allowed.
final class SmallFileSystem {
    let path: String
    private var filler: String { path + "/filler" }

    init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "patchbay-small-fs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let (status, output) = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path])
        guard status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw XCTSkip("cannot mount a small tmpfs here (mounting needs root): \(output)")
        }
    }

    /// Fills every free byte with a file of its own.
    func fill() {
        let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5a, count: 64 << 10)
        while write(fd, chunk, chunk.count) > 0 {}
        var byte: UInt8 = 0
        while write(fd, &byte, 1) > 0 {}
    }

    /// Frees what `fill` took.
    func free() {
        unlink(filler)
    }

    func remount(readOnly: Bool) throws {
        let (status, output) = Self.run("/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path])
        guard status == 0 else { throw TestHostError.unexpected("remount \(path): \(output)") }
    }

    func unmount() {
        _ = Self.run("/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func run(_ tool: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
