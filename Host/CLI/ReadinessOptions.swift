import ArgumentParser
import Foundation
import PatchbayServices

/// What `serve`'s `/readyz` holds against the host besides its store and migrations.
struct ReadinessOptions: ParsableArguments {
    @Flag(help: "Answer /readyz 200 although a plugin was refused at load or quarantined (it is still named there). By default such a host is not ready, so a load balancer sends nothing to a replica that lacks a provider its peers have.")
    var readyWithDisabledPlugins = false

    @Option(help: "MB (of 1,048,576 bytes) that must stay free on the SQLite data directory's file system for /readyz to answer 200, 0 = no check (also PATCHBAY_MIN_FREE_DISK_MB; not used with --database-url). Default: 256")
    var minFreeDiskMb: String?

    /// A minimum past 16 TiB is a typo; the bound also keeps its count of bytes well within 64 bits.
    static let largestMinimum: UInt64 = 16 << 20

    func validate() throws {
        _ = try minimumFreeDisk(environment: ProcessInfo.processInfo.environment)
    }

    /// The minimum in bytes from the flag, else the variable, else nil for the default.
    func minimumFreeDisk(environment: [String: String]) throws -> UInt64? {
        guard let given = GivenSetting(flag: "--min-free-disk-mb", minFreeDiskMb, variable: "PATCHBAY_MIN_FREE_DISK_MB", in: environment)
        else { return nil }
        guard let megabytes = UInt64(given.raw), megabytes <= Self.largestMinimum else {
            throw ValidationError("\(given.source) must be a whole number of MB from 0 (no check) to \(Self.largestMinimum), not \(given.raw)")
        }
        return megabytes << 20
    }

    /// `settings` with these options applied; `dataDirectory` is the SQLite store's, nil on PostgreSQL.
    func apply(to settings: inout HostSettings, dataDirectory: String?, environment: [String: String]) throws {
        settings.readyWithDisabledPlugins = readyWithDisabledPlugins
        settings.minimumFreeDisk = try minimumFreeDisk(environment: environment) ?? settings.minimumFreeDisk
        settings.dataDisk = dataDirectory.map(DirectoryFreeSpace.init(path:))
    }
}
