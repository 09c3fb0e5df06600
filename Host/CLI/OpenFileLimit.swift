#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files. Every action call in flight holds two sockets (the
/// caller's and the upstream's), so the soft limit a shell or service manager often gives
/// (1,024) would refuse connections at about 500 calls in flight; `serve` lifts it to the hard
/// limit, which any process may do, and logs the limit it has.
struct OpenFileLimit: Equatable {
    var soft: UInt64
    var hard: UInt64

    /// The limit now, or nil when the system does not say.
    static func current() -> OpenFileLimit? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return OpenFileLimit(soft: UInt64(limit.rlim_cur), hard: UInt64(limit.rlim_max))
    }

    /// Lifts the soft limit to the hard one and returns the limit after trying.
    @discardableResult
    static func raiseToHardLimit() -> OpenFileLimit? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            #if canImport(Darwin)
            // macOS refuses a soft limit above OPEN_MAX, whatever the hard limit says.
            limit.rlim_cur = min(limit.rlim_cur, rlim_t(OPEN_MAX))
            #endif
            _ = setrlimit(resource, &limit)
        }
        return current()
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
