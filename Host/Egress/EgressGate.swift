public import Foundation
public import PatchbayClock
import Synchronization

/// Vets host names against the operator's `AddressPolicy` for everything that connects out on
/// a connection's behalf: the egress for each plugin request, the services for each network
/// target a connection's config or credentials name. A name's verdict (its checked address, or
/// why it is refused) is remembered for a short while, so a busy provider costs one lookup and
/// one check per interval rather than per request; the interval also bounds how long a changed
/// DNS answer goes unnoticed. The interval runs on the host's clock.
public final class EgressGate: Sendable {
    public let policy: AddressPolicy
    private let remember: Duration
    private let clock: any HostClock
    private let lookup: @Sendable (String) async throws -> [IPAddress]?
    private let verdicts = Mutex<[String: (verdict: Result<AddressPolicy.Verdict, AddressRefusal>, until: ContinuousClock.Instant)]>([:])
    /// Names remembered at most; past it, expired verdicts are dropped.
    private static let cacheLimit = 4096

    public init(policy: AddressPolicy, remember: Duration = .seconds(30), clock: any HostClock,
                lookup: @escaping @Sendable (String) async throws -> [IPAddress]? = IPAddress.lookup) {
        self.policy = policy
        self.remember = remember
        self.clock = clock
        self.lookup = lookup
    }

    /// Where to connect for `host` on `port`; throws `AddressRefusal`.
    public func vet(host: String, port: Int) async throws -> AddressPolicy.Verdict {
        // Trust depends on the port, so it is not part of what is remembered per name.
        if policy.allowsEverything || policy.trusts(host: host, port: port) { return .asWritten }
        let key = host.lowercased()
        let now = clock.now
        if let hit = verdicts.withLock({ $0[key] }), hit.until > now { return try hit.verdict.get() }
        let verdict: Result<AddressPolicy.Verdict, AddressRefusal>
        do {
            verdict = .success(try await policy.vet(host: host, port: port, lookup: lookup))
        } catch let refusal as AddressRefusal {
            // A name that does not resolve is asked again next time: it may be published any moment.
            guard case .refused = refusal else { throw refusal }
            verdict = .failure(refusal)
        }
        verdicts.withLock { verdicts in
            if verdicts.count >= Self.cacheLimit { verdicts = verdicts.filter { $0.value.until > now } }
            if verdicts.count >= Self.cacheLimit { verdicts.removeAll() }
            verdicts[key] = (verdict, now + remember)
        }
        return try verdict.get()
    }

    /// Vets the host of `url` (its scheme's port when it names none).
    public func vet(_ url: URL) async throws -> AddressPolicy.Verdict {
        guard let host = url.host, !host.isEmpty else { throw AddressRefusal.unresolved(host: url.absoluteString) }
        return try await vet(host: host, port: url.port ?? AddressPolicy.defaultPort(url.scheme))
    }
}
