public import Foundation
public import PatchbayWire

/// Where one connection's requests may go and how they are authenticated.
public struct EgressTarget: Sendable {
    public var baseURL: URL
    public var allowedHosts: [String]
    public var auth: AuthScheme
    /// Decrypted for this call only; never logged, never returned.
    public var credentials: [String: String]
    /// Whom the requests are sent for (a connection's id): when every slot to the upstream is
    /// busy, waiting requests are served round-robin across callers.
    public var caller = ""
    /// The provider the requests are for (its manifest id): which egress limit applies.
    public var provider = ""
    /// The rate budget the requests spend (see `RateBudgets`), read by `rateLimits`; nil
    /// for requests that spend none (a token exchange).
    public var budgetKey: String?
    public var rateLimits = RateLimitSpec()
    /// When the call the requests belong to ends: a request the budget would hold past it is
    /// refused at once. Nil: the host waits at most `EgressSettings.maxRetryAfter`.
    public var deadline: ContinuousClock.Instant?

    public init(baseURL: URL, allowedHosts: [String], auth: AuthScheme, credentials: [String: String]) {
        self.baseURL = baseURL
        self.allowedHosts = allowedHosts
        self.auth = auth
        self.credentials = credentials
    }

    /// The base URL in effect, most specific first: the host's override for this provider
    /// (operators, tests and the sandbox), the connection's own base URL config field
    /// (a self-hosted edition of the service), then the manifest's, with `{field}` placeholders from the config.
    public static func resolve(manifest: Manifest, config: JSONValue, credentials: [String: String],
                               hostOverride: URL?) throws -> EgressTarget {
        let base: URL
        if let hostOverride {
            base = hostOverride
        } else if let field = manifest.baseURLConfigField, let custom = config[field]?.stringValue, !custom.isEmpty {
            guard let url = URL(string: custom), url.host != nil else { throw EgressError.invalidBaseURL("config.\(field) is not a URL") }
            base = url
        } else if let template = manifest.baseURL {
            base = try fill(template, from: config)
        } else {
            throw EgressError.invalidBaseURL("the provider declares no base URL")
        }
        var target = EgressTarget(baseURL: base, allowedHosts: manifest.allowedHosts, auth: manifest.auth, credentials: credentials)
        target.provider = manifest.id
        target.rateLimits = manifest.rateLimits ?? RateLimitSpec()
        return target
    }

    /// The template with `{field}` placeholders filled from the config, each value checked to be a plain host label.
    public static func fill(_ template: String, from config: JSONValue) throws -> URL {
        var url = template
        while let open = url.range(of: "{"), let close = url.range(of: "}", range: open.upperBound..<url.endIndex) {
            let field = String(url[open.upperBound..<close.lowerBound])
            guard let value = config[field]?.stringValue, !value.isEmpty else {
                throw EgressError.invalidBaseURL("config.\(field) is required to build the provider's URL")
            }
            guard value.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw EgressError.invalidBaseURL("config.\(field) may only hold letters, digits, '-', '_' and '.'")
            }
            url.replaceSubrange(open.lowerBound..<close.upperBound, with: value)
        }
        guard let resolved = URL(string: url), resolved.host != nil else { throw EgressError.invalidBaseURL("\(url) is not a URL") }
        return resolved
    }

    /// Whether a request may go to `host`: the base URL's host, or one the manifest allows.
    public func allows(host: String) -> Bool {
        let host = host.lowercased()
        if host == baseURL.host?.lowercased() { return true }
        return allowedHosts.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern.hasPrefix("*.") { return host.hasSuffix(String(pattern.dropFirst(1))) }
            return host == pattern
        }
    }

    /// Every secret value, for redaction.
    public var secretValues: [String] { Array(credentials.values) }
}

public enum EgressError: Error, Equatable, CustomStringConvertible {
    case invalidBaseURL(String)

    public var description: String {
        switch self {
        case .invalidBaseURL(let reason): return reason
        }
    }
}
