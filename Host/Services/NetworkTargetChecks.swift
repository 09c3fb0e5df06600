import Foundation
import PatchbayEgress
import PatchbayWire

/// The places a connection's config and credentials name (the manifest's network targets),
/// checked against the operator's egress policy: when the connection is created or changed,
/// so a refused target is a clear 400, and on every call of a plugin that connects to one
/// itself, since a name may resolve elsewhere by then. Targets the host's egress sends to
/// (`url`) are checked again by the egress on every request.
struct NetworkTargetChecks: Sendable {
    let gate: EgressGate

    /// For a connection as it is created or changed: a target the policy refuses is a 400
    /// naming its field. A name that does not resolve yet is accepted; calls check it again.
    func validate(_ manifest: Manifest, config: JSONValue, credentials: [String: String]) async throws {
        for target in manifest.networkTargets {
            guard let (host, port) = Self.endpoint(target, config: config, credentials: credentials) else { continue }
            do {
                _ = try await gate.vet(host: host, port: port)
            } catch let refusal as AddressRefusal {
                guard case .refused = refusal else { continue }
                throw ServiceError.validation("\(target.field) must reach a public address, but \(refusal); "
                    + "an operator can allow it with --allow-egress", field: target.field)
            }
        }
    }

    /// For a call: the checked address of each target the plugin connects to itself, by field,
    /// to hand to the plugin with the call. Nothing is recorded yet when this refuses.
    func addresses(_ manifest: Manifest, config: JSONValue, credentials: [String: String]) async throws -> [String: String] {
        var addresses: [String: String] = [:]
        for target in manifest.networkTargets where target.kind != .url {
            guard let (host, port) = Self.endpoint(target, config: config, credentials: credentials) else { continue }
            do {
                switch try await gate.vet(host: host, port: port) {
                case .asWritten: addresses[target.field] = host
                case .pinned(let address): addresses[target.field] = address.description
                }
            } catch let refusal as AddressRefusal {
                guard case .refused = refusal else {
                    throw ServiceError(.upstreamFailed, "connection_failed", "could not resolve \(host)", retryable: true)
                }
                throw ServiceError(.conflict, "egress_refused", "the host will not connect to \(host) for \(target.field): \(refusal); "
                    + "an operator can allow it with --allow-egress", field: target.field)
            }
        }
        return addresses
    }

    /// The host and port a target's value names, or nil when it is unset or names none (the
    /// config schema, the credential's pattern or the plugin refuses such a value).
    static func endpoint(_ target: NetworkTarget, config: JSONValue, credentials: [String: String]) -> (host: String, port: Int)? {
        guard let value = target.value(config: config, credentials: credentials),
              let components = URLComponents(string: value), let host = components.host, !host.isEmpty
        else { return nil }
        return (host, components.port ?? AddressPolicy.defaultPort(components.scheme))
    }
}
