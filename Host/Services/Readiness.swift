/// What `/readyz` answers a load balancer: each check by name, and whether it passed.
public struct Readiness: Sendable {
    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        /// Why it failed, or what an operator should know although it passed (a plugin refused
        /// at load on a host that allows it). Never a secret or a file's full path.
        public var detail: String?
    }

    public var checks: [Check]

    public var isReady: Bool { checks.allSatisfy(\.passed) }
}
