public import Foundation
public import PatchbayEgress

/// Operator settings that shape how the host reaches plugins and providers.
public struct HostSettings: Sendable {
    /// Where browsers and providers reach this host: webhook endpoint URLs and the OAuth
    /// redirect URI are built on it. Nil: a redirect URI must be given where one is needed.
    public var publicURL: PublicURL?
    /// Per-provider base URL overrides (`crm` → `http://127.0.0.1:4010/crm/api`),
    /// for sandboxes, tests and proxies. Trusted operator input: their hosts are always allowed.
    /// An entry keyed by an origin instead (`https://upload.example.com`) redirects every
    /// request to that origin, whichever provider or operation sends it (`OriginOverrides`).
    public var upstreams: [String: URL] = [:]
    /// How long a plugin call may take before the host gives up on it.
    public var pluginTimeout: Duration = .seconds(60)
    /// Timeouts, retries and limits for requests to providers.
    public var egress = EgressSettings()
    /// Receiving, verifying and delivering webhooks.
    public var webhooks = WebhookSettings()
    /// Per-provider replacement origin for OAuth authorize and token URLs, for sandboxes and
    /// tests: `crm=http://127.0.0.1:4010/crm_oauth` sends `https://crm.example.com/oauth/token`
    /// to `http://127.0.0.1:4010/crm_oauth/crm.example.com/oauth/token`.
    public var oauthEndpoints: [String: URL] = [:]
    /// Sessions of the agents' MCP servers.
    public var mcpSessions = MCPSessionSettings()
    /// How often a serving host records its heartbeat and looks for instances that are gone.
    public var instanceHeartbeat: Duration = .seconds(5)
    /// A heartbeat older than this means its host is gone, and its calls in flight are marked
    /// interrupted. Well above `instanceHeartbeat`, so a busy host is not taken for dead.
    public var instanceTimeout: Duration = .seconds(60)
    /// How long executions and webhook events are kept.
    public var retention = RetentionSettings()
    /// How long `Idempotency-Key` answers are kept and how repeats wait for them.
    public var idempotency = IdempotencySettings()
    /// Each API key's request budget.
    public var apiRateLimits = APIRateLimitSettings()
    /// `/readyz` stays 200 although a plugin was refused at load or quarantined
    /// (`serve --ready-with-disabled-plugins`); it still names the plugin.
    public var readyWithDisabledPlugins = false
    /// `/readyz`'s `disk` check fails while `dataDisk` has less room than this, in bytes
    /// (`serve --min-free-disk-mb`, default 256 MB of 2^20 bytes); 0 leaves the check out.
    public var minimumFreeDisk: UInt64 = 256 << 20
    /// The file system of the SQLite data directory; nil leaves the `disk` check out, as on
    /// PostgreSQL, whose disk is the database server's to watch.
    public var dataDisk: (any FreeSpaceReading)?

    public init(upstreams: [String: URL] = [:], pluginTimeout: Duration = .seconds(60), egress: EgressSettings = EgressSettings(),
                oauthEndpoints: [String: URL] = [:]) {
        self.upstreams = upstreams
        self.pluginTimeout = pluginTimeout
        self.egress = egress
        self.oauthEndpoints = oauthEndpoints
    }

    /// The egress settings with the operator's own upstream and OAuth endpoint overrides
    /// trusted as written: they are the operator's choice, like `--allow-egress`, and the
    /// sandbox and tests run them on loopback. Upstreams keyed by origin are applied there.
    var egressTrustingUpstreams: EgressSettings {
        var egress = self.egress
        for url in Array(upstreams.values) + Array(oauthEndpoints.values) { egress.addresses.trust(url) }
        // `parseUpstreams` checked each origin key.
        for (origin, url) in upstreams where OriginOverrides.isOrigin(origin) { try? egress.origins.add(origin, to: url) }
        return egress
    }

    /// Reads `crm=http://…,tickets=http://…` (the `PATCHBAY_UPSTREAMS` format; also one `--upstream` each);
    /// a key may be an origin (`https://upload.example.com=http://…`).
    public static func parseUpstreams(_ entries: [String]) throws -> [String: URL] {
        var upstreams: [String: URL] = [:]
        for entry in entries.flatMap({ $0.split(separator: ",") }) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let url = URL(string: parts[1]), url.host != nil,
                  ["http", "https"].contains(url.scheme ?? "")
            else {
                throw ServiceError.validation("entry \"\(entry)\" must look like provider=http://host:port/path", field: "upstream")
            }
            if OriginOverrides.isOrigin(parts[0]) {
                var check = OriginOverrides()
                do {
                    try check.add(parts[0], to: url)
                } catch {
                    throw ServiceError.validation("entry \"\(entry)\": \(error)", field: "upstream")
                }
            }
            upstreams[parts[0]] = url
        }
        return upstreams
    }
}
