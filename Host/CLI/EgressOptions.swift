import ArgumentParser
import Foundation
import PatchbayEgress

/// Which non-public addresses `serve` lets plugins and connections reach, and how many requests
/// it sends to one provider host at once.
struct EgressOptions: ParsableArguments {
    @Option(name: .customLong("allow-egress"),
            help: "Let plugins and connections reach a private or other special-purpose range or host, e.g. 10.0.0.0/8 or db.internal (repeatable; also PATCHBAY_ALLOW_EGRESS, comma separated).")
    var allowEgress: [String] = []

    @Option(name: .customLong("egress-connections-per-host"),
            help: "Requests in flight at once to one provider host (its HTTP/1.1 connections); more wait in the host's queue for up to 5 seconds, then fail with egress_queue_timeout (at least 1).")
    var connectionsPerHost = EgressSettings().connectionsPerHost

    @Option(name: .customLong("egress-limit"),
            help: "The limit of --egress-connections-per-host for one provider's hosts instead, e.g. crm=256 (repeatable; at least 1; the provider's calls queue apart from others').")
    var providerLimits: [String] = []

    func validate() throws {
        guard connectionsPerHost >= 1 else {
            throw ValidationError("--egress-connections-per-host must be at least 1 (got \(connectionsPerHost))")
        }
        _ = try limitsByProvider()
    }

    /// `--egress-limit` entries by provider id; a later entry for the same provider wins.
    func limitsByProvider() throws -> [String: Int] {
        var limits: [String: Int] = [:]
        for entry in providerLimits {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, let limit = Int(parts[1]), limit >= 1 else {
                throw ValidationError("--egress-limit \"\(entry)\" is not provider=N with N at least 1, e.g. crm=256")
            }
            limits[parts[0]] = limit
        }
        return limits
    }

    /// Refuses a limit for a provider no loaded plugin has: a typo would leave the real one unlimited by it.
    func requireKnown(_ providers: [String]) throws {
        for provider in try limitsByProvider().keys.sorted() where !providers.contains(provider) {
            let loaded = providers.isEmpty ? "no plugin is loaded" : "loaded: \(providers.sorted().joined(separator: ", "))"
            throw CommandFailure(description: "--egress-limit names provider \"\(provider)\", which no loaded plugin provides (\(loaded))")
        }
    }

    /// Only public addresses, plus what the operator allowed. A malformed entry stops `serve`
    /// with one line naming it.
    func policy(environment: [String: String]) throws -> AddressPolicy {
        let fromEnvironment = (environment["PATCHBAY_ALLOW_EGRESS"] ?? "").split(separator: ",").map(String.init)
        var policy = AddressPolicy()
        for entry in allowEgress + fromEnvironment where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                try policy.allow(entry)
            } catch {
                throw CommandFailure(description: String(describing: error))
            }
        }
        return policy
    }
}
