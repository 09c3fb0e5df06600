import PatchbayClock

/// The four providers' fake OAuth servers, each issuing tokens its provider's fake API accepts.
public struct FakeOAuthServers: Sendable {
    public let slack: FakeOAuth
    public let github: FakeOAuth
    public let google: FakeOAuth
    public let shopify: FakeOAuth

    init(slack: FakeSlack, github: FakeGitHub, shopify: FakeShopify, google: FakeGoogleSheets, clock: any HostClock) {
        self.slack = FakeOAuth(dialect: .slack, register: { slack.addToken($0) }, revoke: { slack.revokeToken($0) }, clock: clock)
        self.github = FakeOAuth(dialect: .github, register: { github.addToken($0) }, revoke: { github.revokeToken($0) }, clock: clock)
        self.google = FakeOAuth(dialect: .google, register: { google.addToken($0) }, revoke: { google.revokeToken($0) }, clock: clock)
        self.shopify = FakeOAuth(dialect: .shopify, register: { shopify.addToken($0) }, revoke: { shopify.revokeToken($0) }, clock: clock)
    }

    /// The OAuth app the sandbox registers with every fake provider, sending users back to the
    /// host at `hostURL` (the host's default address unless the sandbox is told another).
    public static let sandboxClientID = "sandbox-client"
    public static let sandboxClientSecret = "sandbox-client-secret"
    public static let defaultHostURL = "http://127.0.0.1:8080"

    /// The host's OAuth callback: `http://127.0.0.1:8080/oauth/callback`.
    public static func sandboxRedirectURI(hostURL: String = defaultHostURL) -> String {
        (hostURL.hasSuffix("/") ? String(hostURL.dropLast()) : hostURL) + "/oauth/callback"
    }

    public func registerSandboxApp(hostURL: String = defaultHostURL) {
        for server in all {
            server.registerApp(clientID: Self.sandboxClientID, secret: Self.sandboxClientSecret,
                               redirectURI: Self.sandboxRedirectURI(hostURL: hostURL))
        }
    }

    /// Lifetime of access tokens every fake issues from now on, in seconds.
    public func setAccessTokenLifetime(_ seconds: Int) {
        all.forEach { $0.setAccessTokenLifetime(seconds) }
    }

    private var all: [FakeOAuth] { [slack, github, google, shopify] }

    /// Mounted as `<provider id>_oauth`: `google_sheets_oauth` serves Google's OAuth endpoints.
    var mounts: [FakeMount] {
        [FakeMount(name: "slack_oauth", fake: slack), FakeMount(name: "github_oauth", fake: github),
         FakeMount(name: "google_sheets_oauth", fake: google), FakeMount(name: "shopify_oauth", fake: shopify)]
    }
}
