import ArgumentParser
import Foundation
import PatchbayEgress
import PatchbayServices

/// `provider=URL` overrides given by a repeatable flag and an environment variable
/// (`--upstream` and `PATCHBAY_UPSTREAMS`, `--oauth-endpoint` and `PATCHBAY_OAUTH_ENDPOINTS`).
/// Each entry remembers where it came from, so a refusal names the flag or the variable.
struct ProviderOverrides {
    let urls: [String: URL]
    private let sources: [String: String]

    /// Reads the variable, then the flag's values, which win; a malformed entry is refused, naming its source.
    init(flag: String, values: [String], variable: String, environment: [String: String]) throws {
        var urls: [String: URL] = [:]
        var sources: [String: String] = [:]
        let fromEnvironment = environment[variable].map { [(variable, $0)] } ?? []
        let given = fromEnvironment.filter { !$0.1.isEmpty } + values.map { (flag, $0) }
        for (source, value) in given {
            let parsed: [String: URL]
            do {
                parsed = try HostSettings.parseUpstreams([value])
            } catch let error as ServiceError {
                throw ValidationError("\(source): \(error.message)")
            }
            for (provider, url) in parsed {
                urls[provider] = url
                sources[provider] = source
            }
        }
        self.urls = urls
        self.sources = sources
    }

    /// Refuses an override for a provider no loaded plugin has: a typo would otherwise send
    /// that provider's calls to the real service without a word. An override keyed by an
    /// origin names no provider.
    func requireKnown(_ providers: [String]) throws {
        for provider in urls.keys.sorted() where !providers.contains(provider) && !OriginOverrides.isOrigin(provider) {
            let loaded = providers.isEmpty ? "no plugin is loaded" : "loaded: \(providers.sorted().joined(separator: ", "))"
            throw CommandFailure(description: "\(sources[provider] ?? "override") names provider \"\(provider)\", which no loaded plugin provides (\(loaded))")
        }
    }
}
