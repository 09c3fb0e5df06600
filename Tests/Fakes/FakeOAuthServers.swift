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

    /// Mounted as `<provider id>_oauth`: `google_sheets_oauth` serves Google's OAuth endpoints.
    var mounts: [FakeMount] {
        [FakeMount(name: "slack_oauth", fake: slack), FakeMount(name: "github_oauth", fake: github),
         FakeMount(name: "google_sheets_oauth", fake: google), FakeMount(name: "shopify_oauth", fake: shopify)]
    }
}
