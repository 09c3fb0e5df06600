import Foundation
import Logging
import PatchbayClock
import PatchbayModel
import PatchbayStore
public import ServiceLifecycle

/// This host process as the store knows it: a heartbeat kept fresh while it serves, and the
/// sweep that marks the executions of instances that are gone as `interrupted`
/// (`outcome_unknown`), so no call cut off by a crash stays `running`. Such a call is never
/// sent again: whether the upstream acted on it is unknown.
///
/// An instance is gone when its heartbeat is older than `HostSettings.instanceTimeout`, or at
/// once when it ran on this machine and its process no longer exists (a host restarted after
/// a crash is a new instance and finds its predecessor's calls that way).
///
/// Each heartbeat also writes the outcomes the store refused earlier (`UnrecordedOutcomes`).
public final class HostInstance: Service, Sendable {
    let store: any HostInstanceStore & ExecutionStore
    let heartbeat: Duration
    let timeout: Duration
    let logger: Logger
    let record: HostInstanceRecord
    let unrecorded: UnrecordedOutcomes
    /// Heartbeats are stamped by, waited out on, and judged stale by the host's clock.
    let clock: any HostClock

    init(store: any HostInstanceStore & ExecutionStore, settings: HostSettings, unrecorded: UnrecordedOutcomes = UnrecordedOutcomes(),
         clock: any HostClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.unrecorded = unrecorded
        heartbeat = settings.instanceHeartbeat
        timeout = settings.instanceTimeout
        self.logger = logger
        let started = clock.wallMillis
        record = HostInstanceRecord(id: store.instanceID, machine: Self.machine, pid: Int(getpid()), startedAt: started,
                                    heartbeatAt: started)
    }

    public var id: String { record.id }

    /// Records the heartbeat and sweeps once; `serve` calls it before it takes requests. A disk
    /// that refuses writes does not stop the host: it serves reads, answers writes 503, and the
    /// next heartbeat tries again.
    public func start() async {
        await beatOrLog()
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await self.clock.sleep(for: self.heartbeat)
                await self.beatOrLog()
            }
        }
        // Stopped cleanly: the API has drained, so a call still marked running here is a leftover.
        await unrecorded.retry(store)
        _ = try? await store.interruptExecutions(ofInstances: [record.id], at: clock.wallMillis)
    }

    private func beatOrLog() async {
        do {
            try await beat()
        } catch {
            // The next beat tries again; meanwhile others may take this instance for gone.
            logger.error("could not record the host's heartbeat", metadata: ["error": "\(error)"])
        }
    }

    func beat() async throws {
        var current = record
        current.heartbeatAt = clock.wallMillis
        try await store.saveHostInstance(current)
        await unrecorded.retry(store)
        try await sweep(now: current.heartbeatAt)
    }

    /// Marks the running executions of every instance that is gone.
    func sweep(now: Millis) async throws {
        let staleBefore = now - Millis(timeout / .milliseconds(1))
        let gone = try await store.hostInstances().filter { instance in
            guard instance.id != record.id else { return false }
            return instance.heartbeatAt < staleBefore || (instance.machine == record.machine && !Self.isRunning(pid: instance.pid))
        }
        guard !gone.isEmpty else { return }
        let marked = try await store.interruptExecutions(ofInstances: gone.map(\.id), at: now)
        logger.notice("host instances are gone; their calls in flight are marked interrupted (outcome unknown)", metadata: [
            "instances": "\(gone.map(\.id).joined(separator: ","))", "executions": "\(marked)",
        ])
    }

    /// The host name and, on Linux, the process id namespace: two containers on one host may
    /// share a data dir, and a pid means something only within its namespace.
    static let machine: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let namespace = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")) ?? ""
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + " " + namespace
    }()

    /// A killed host whose parent has not reaped it yet (an orphan under an init that reaps
    /// late) still answers `kill(pid, 0)`: as a zombie it runs nothing, so it counts as gone.
    static func isRunning(pid: Int) -> Bool {
        guard kill(pid_t(pid), 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards) else { return true }
        return stat[afterName.upperBound...].first != "Z"
    }
}
