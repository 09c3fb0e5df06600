#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The free space of the file system a directory is on, read with `statvfs` each time it is asked.
public struct DirectoryFreeSpace: FreeSpaceReading {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func availableBytes() throws -> UInt64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { throw FreeSpaceUnreadable(reason: String(cString: strerror(errno))) }
        // The blocks left to unprivileged writers, not the root reserve the host could never use.
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }
}
