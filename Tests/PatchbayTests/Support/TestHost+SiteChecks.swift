import Foundation
import PatchbayWire

/// The example plugins (Uptime in C, RustUptime in Rust) share one shape: a connection names a
/// site, and `check_path` checks a page of it.
extension TestHost {
    /// A connection of `provider` to `siteURL`, by default the fake Slack's API root, which
    /// answers 200 on its methods and 404 elsewhere.
    func connectSite(_ provider: String, key: String, siteURL: String? = nil) async throws -> String {
        let site = siteURL ?? fakes.baseURLs["slack"]!
        let reply = try await request("POST", "/v1/connections", key: key,
                                      json: ["provider": .string(provider), "config": ["site_url": .string(site)]])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect \(provider): \(reply.status) \(reply.body)")
        }
        return id
    }

    func checkPath(_ connection: String, key: String, _ input: JSONValue) async throws -> Reply {
        try await request("POST", "/v1/connections/\(connection)/actions/check_path/invoke", key: key, json: ["input": input])
    }
}
