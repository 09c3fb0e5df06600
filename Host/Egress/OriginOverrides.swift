public import Foundation

/// The operator's overrides keyed by origin (`https://upload.box.com=http://127.0.0.1:9000/box`):
/// every request whose URL has that origin goes to the replacement instead, its path appended
/// to the replacement's. Unlike an override keyed by provider, which replaces a provider's
/// base URL, this also reaches what a base URL does not: an operation with a server of its
/// own, an absolute URL a plugin sends, a remote MCP server.
public struct OriginOverrides: Sendable, Equatable {
    /// Replacements by normalized origin (`scheme://host` with the port only when it is not the scheme's default).
    public private(set) var replacements: [String: URL] = [:]

    public init() {}

    /// Whether an override entry's key names an origin rather than a provider.
    public static func isOrigin(_ key: String) -> Bool { key.contains("://") }

    /// Adds the override for `origin`, an http(s) URL of scheme, host and optional port only
    /// (a path, query, fragment or credentials are refused: they would make the match ambiguous).
    public mutating func add(_ origin: String, to replacement: URL) throws {
        guard let url = URL(string: origin), let normalized = Self.origin(of: url), url.user == nil, url.password == nil,
              url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil
        else {
            throw EgressError.invalidBaseURL("\(origin) is not an origin: write scheme://host[:port], e.g. https://upload.example.com")
        }
        replacements[normalized] = replacement
    }

    /// The origin a request to `url` goes to, as keys are kept; nil for a URL that is not http(s).
    public static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host?.lowercased(), !host.isEmpty
        else { return nil }
        let port = url.port.flatMap { $0 == AddressPolicy.defaultPort(scheme) ? nil : $0 }
        return "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }

    /// `components` sent to the replacement of its origin, if there is one; the path and query are kept.
    func redirect(_ components: URLComponents) -> URLComponents {
        guard !replacements.isEmpty, let url = components.url, let origin = Self.origin(of: url), let replacement = replacements[origin],
              var redirected = URLComponents(url: replacement, resolvingAgainstBaseURL: false)
        else { return components }
        let prefix = redirected.percentEncodedPath.hasSuffix("/") ? String(redirected.percentEncodedPath.dropLast()) : redirected.percentEncodedPath
        redirected.percentEncodedPath = prefix + components.percentEncodedPath
        redirected.percentEncodedQuery = components.percentEncodedQuery
        return redirected
    }
}
