/// The four providers' fake OAuth servers, each issuing tokens its provider's fake API accepts.
public struct FakeOAuthServers: Sendable {
    public let slack: FakeOAuth
    public let github: FakeOAuth
    public let google: FakeOAuth
    public let shopify: FakeOAuth

    init(slack: FakeSlack, github: FakeGitHub, shopify: FakeShopify, google: FakeGoogleSheets) {
        self.slack = FakeOAuth(dialect: .slack) { slack.addToken($0) }
        self.github = FakeOAuth(dialect: .github) { github.addToken($0) }
        self.google = FakeOAuth(dialect: .google) { google.addToken($0) }
        self.shopify = FakeOAuth(dialect: .shopify) { shopify.addToken($0) }
    }

    /// The OAuth app the sandbox registers with every fake provider, for a host on its default port.
    public static let sandboxClientID = "sandbox-client"
    public static let sandboxClientSecret = "sandbox-client-secret"
    public static let sandboxRedirectURI = "http://127.0.0.1:8080/oauth/callback"

    public func registerSandboxApp() {
        for server in [slack, github, google, shopify] {
            server.registerApp(clientID: Self.sandboxClientID, secret: Self.sandboxClientSecret, redirectURI: Self.sandboxRedirectURI)
        }
    }

    /// Mounted as `<provider id>_oauth`: `google_sheets_oauth` serves Google's OAuth endpoints.
    var mounts: [FakeMount] {
        [FakeMount(name: "slack_oauth", fake: slack), FakeMount(name: "github_oauth", fake: github),
         FakeMount(name: "google_sheets_oauth", fake: google), FakeMount(name: "shopify_oauth", fake: shopify)]
    }
}
