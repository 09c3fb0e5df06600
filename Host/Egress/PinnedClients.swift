import AsyncHTTPClient
import Foundation
import PatchbayClock
import PatchbayWire
import Synchronization

/// The HTTP client for each request: the shared one for a target the policy takes as written,
/// and for a name, a pooled client that connects only to the address the name was checked at
/// (AsyncHTTPClient's `dnsOverride`) while still presenting the name for TLS. There is one such
/// client per name, kept while the name's checked address stays the same, so calls keep their
/// connection pool; a client whose name moved, or that was used least recently when there are
/// too many, is shut down once the requests that may still use it are over. Use and that wait
/// are timed on the host's clock.
final class PinnedClients: Sendable {
    private let gate: EgressGate
    private let shared: HTTPClient
    private let configuration: HTTPClient.Configuration
    private let retireAfter: Duration
    private let limit: Int
    private let clock: any HostClock
    private let state = Mutex(State())

    private struct State {
        var clients: [String: Pinned] = [:]
        var retiring: [ObjectIdentifier: HTTPClient] = [:]
    }

    private struct Pinned {
        let address: IPAddress
        let client: HTTPClient
        var lastUsed: ContinuousClock.Instant
    }

    /// `retireAfter` must outlast any request (with its retries) that may have picked a client.
    init(gate: EgressGate, shared: HTTPClient, configuration: HTTPClient.Configuration, retireAfter: Duration, limit: Int = 256,
         clock: any HostClock) {
        self.gate = gate
        self.shared = shared
        self.configuration = configuration
        self.retireAfter = retireAfter
        self.limit = limit
        self.clock = clock
    }

    /// The client to send `url` with, or the failure to answer instead: `egress_refused` for an
    /// address the policy forbids, `connection_failed` for a name that does not resolve.
    func client(for url: URL) async -> Result<HTTPClient, PluginError> {
        guard let host = url.host else { return .failure(PluginError(code: "invalid_request", message: "the URL names no host")) }
        let verdict: AddressPolicy.Verdict
        do {
            verdict = try await gate.vet(url)
        } catch AddressRefusal.refused(let host, let address, let kind) {
            let reason = AddressRefusal.refused(host: host, address: address, kind: kind)
            return .failure(PluginError(code: "egress_refused", message: "the host will not connect to \(host): \(reason); "
                                            + "an operator can allow it with --allow-egress"))
        } catch {
            return .failure(PluginError(code: "connection_failed", message: "could not resolve \(host)", retryable: true))
        }
        guard case .pinned(let address) = verdict else { return .success(shared) }
        return .success(pinned(host: host, address: address))
    }

    private func pinned(host: String, address: IPAddress) -> HTTPClient {
        let now = clock.now
        var retired: [HTTPClient] = []
        let client: HTTPClient = state.withLock { state in
            if var existing = state.clients[host], existing.address == address {
                existing.lastUsed = now
                state.clients[host] = existing
                return existing.client
            }
            if let moved = state.clients.removeValue(forKey: host) { retired.append(moved.client) }
            if state.clients.count >= limit, let oldest = state.clients.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                state.clients.removeValue(forKey: oldest.key)
                retired.append(oldest.value.client)
            }
            var configuration = self.configuration
            // The key must be the host exactly as the client reads it from the URL, or the
            // override would not apply and the client would resolve the name itself.
            configuration.dnsOverride = [host: address.description]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            state.clients[host] = Pinned(address: address, client: client, lastUsed: now)
            for old in retired { state.retiring[ObjectIdentifier(old)] = old }
            return client
        }
        for old in retired { retire(old) }
        return client
    }

    private func retire(_ client: HTTPClient) {
        let (wait, clock) = (retireAfter, clock)
        Task {
            try? await clock.sleep(for: wait)
            let due = state.withLock { $0.retiring.removeValue(forKey: ObjectIdentifier(client)) }
            try? await due?.shutdown()
        }
    }

    func shutdown() async {
        let all = state.withLock { state in
            defer { state.clients = [:]; state.retiring = [:] }
            return state.clients.values.map(\.client) + Array(state.retiring.values)
        }
        for client in all { try? await client.shutdown() }
    }
}
