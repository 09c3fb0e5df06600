import Foundation
import PatchbayEgress
import PatchbayWire

/// Where a provider's OAuth URLs point for one connection: the manifest's template filled from
/// the connection's config (a tenant's subdomain), then the operator's override origin, if any.
enum OAuthEndpoints {
    static func resolve(_ template: String, provider: String, config: JSONValue, settings: HostSettings) throws -> URL {
        let url: URL
        do {
            url = try EgressTarget.fill(template, from: config)
        } catch {
            throw ServiceError.validation(String(describing: error), field: "config")
        }
        guard let origin = settings.oauthEndpoints[provider], let host = url.host else { return url }
        let base = origin.absoluteString.hasSuffix("/") ? String(origin.absoluteString.dropLast()) : origin.absoluteString
        guard let overridden = URL(string: base + "/" + host + url.path) else { return url }
        return overridden
    }
}
