import Foundation

/// Vets host names against the operator's `AddressPolicy` for everything that connects out on
/// a connection's behalf: the egress for each plugin request, the services for each network
/// target a connection's config or credentials name. A name's addresses are remembered for a
/// short while, so a busy provider costs one lookup per interval rather than one per request;
/// the interval also bounds how long a changed DNS answer goes unnoticed.
public final class EgressGate: @unchecked Sendable {
    public let policy: AddressPolicy
    private let remember: Duration
    private let lookup: @Sendable (String) async throws -> [IPAddress]?
    private let lock = NSLock()
    private var cache: [String: (addresses: [IPAddress], until: ContinuousClock.Instant)] = [:]
    /// Names remembered at most; past it, expired answers are dropped.
    private static let cacheLimit = 4096

    public init(policy: AddressPolicy, remember: Duration = .seconds(30),
                lookup: @escaping @Sendable (String) async throws -> [IPAddress]? = IPAddress.lookup) {
        self.policy = policy
        self.remember = remember
        self.lookup = lookup
    }

    /// Where to connect for `host` on `port`; throws `AddressRefusal`.
    public func vet(host: String, port: Int) async throws -> AddressPolicy.Verdict {
        try await policy.vet(host: host, port: port) { name in try await self.addresses(of: name) }
    }

    /// Vets the host of `url` (its scheme's port when it names none).
    public func vet(_ url: URL) async throws -> AddressPolicy.Verdict {
        guard let host = url.host, !host.isEmpty else { throw AddressRefusal.unresolved(host: url.absoluteString) }
        return try await vet(host: host, port: url.port ?? AddressPolicy.defaultPort(url.scheme))
    }

    private func addresses(of host: String) async throws -> [IPAddress]? {
        let key = host.lowercased()
        let now = ContinuousClock.now
        if let hit = lock.withLock({ cache[key] }), hit.until > now { return hit.addresses }
        guard let found = try await lookup(host) else { return nil }
        lock.withLock {
            if cache.count >= Self.cacheLimit { cache = cache.filter { $0.value.until > now } }
            if cache.count >= Self.cacheLimit { cache.removeAll() }
            cache[key] = (found, now + remember)
        }
        return found
    }
}
