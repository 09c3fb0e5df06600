public import PatchbayModel

/// A host process's heartbeat. `machine` and `pid` let an instance on the same machine tell at
/// once that another one has died, without waiting for its heartbeat to go stale.
public struct HostInstanceRecord: Sendable, Equatable {
    public var id: String
    public var machine: String
    public var pid: Int
    public var startedAt: Millis
    public var heartbeatAt: Millis

    public init(id: String, machine: String, pid: Int, startedAt: Millis, heartbeatAt: Millis) {
        self.id = id
        self.machine = machine
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
    }
}
