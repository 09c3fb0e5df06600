import ArgumentParser
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

    func validate() throws {
        guard connectionsPerHost >= 1 else {
            throw ValidationError("--egress-connections-per-host must be at least 1 (got \(connectionsPerHost))")
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
