import ArgumentParser
import PatchbayEgress

/// Which non-public addresses `serve` lets plugins and connections reach.
struct EgressOptions: ParsableArguments {
    @Option(name: .customLong("allow-egress"),
            help: "Let plugins and connections reach a private or other special-purpose range or host, e.g. 10.0.0.0/8 or db.internal (repeatable; also PATCHBAY_ALLOW_EGRESS, comma separated).")
    var allowEgress: [String] = []

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
