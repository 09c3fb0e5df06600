public import Foundation

/// Where browsers and providers reach this host (`serve --public-url`, `PATCHBAY_PUBLIC_URL`),
/// which the host cannot tell from where it listens behind a proxy or a tunnel. Webhook
/// endpoint URLs and the OAuth redirect URI are built on it.
public struct PublicURL: Sendable, Equatable {
    public let url: URL

    /// An absolute http(s) URL, possibly with a path (a host served under a prefix), without
    /// credentials, query or fragment: anything else could not have a path appended to it.
    public init(_ raw: String) throws {
        guard raw.count <= 2048, !raw.contains(where: { $0.isWhitespace || $0.isNewline }),
              let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil, url.query == nil, url.fragment == nil,
              !raw.hasSuffix("?"), !raw.hasSuffix("#")
        else {
            throw ServiceError.validation("the public URL must be an absolute http or https URL without credentials, query or fragment, like https://patchbay.example.com (got \(raw))",
                                          field: "public_url")
        }
        self.url = url
    }

    /// `path` (which starts with `/`) under the public URL, keeping the URL's own path:
    /// `https://example.com/patchbay/` and `/oauth/callback` give `https://example.com/patchbay/oauth/callback`.
    public func appending(_ path: String) -> String {
        let base = url.absoluteString
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// The URL providers send the user back to after consent, the host's `OAuthService.callbackPath`.
    public var oauthCallback: String { appending(OAuthService.callbackPath) }
}
