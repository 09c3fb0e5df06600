import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// The authorization-code flow against the providers' fake OAuth servers: own apps per account,
/// pending connections, state and PKCE, error callbacks, and each provider's quirks.
final class OAuthFlowTests: XCTestCase {
    var host: TestHost!
    var key: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbaySlack", "PatchbayGitHub", "PatchbayShopify", "PatchbayGoogleSheets"])
        key = try await host.key()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testWithoutAnOAuthAppTheCatalogSaysSoAndConnectingIsA400() async throws {
        let entry = try await host.request("GET", "/v1/catalog/slack", key: key)
        XCTAssertEqual(entry.json["oauth"], true)
        XCTAssertEqual(entry.json["configured"], false)
        XCTAssertTrue(entry.json["configured_reason"]?.stringValue?.contains("PUT /v1/oauth-apps/slack") == true, entry.body)

        let refused = try await host.request("POST", "/v1/connections", key: key, json: ["provider": "slack"])
        XCTAssertEqual(refused.status, 400)
        XCTAssertEqual(refused.errorCode, "oauth_app_not_configured")
        let list = try await host.request("GET", "/v1/connections", key: key)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0, "nothing is half-created")

        try await host.configureOAuthApp("slack", key: key, fake: host.fakes.oauth.slack)
        let configured = try await host.request("GET", "/v1/catalog", key: key)
        let slack = configured.json["data"]?.arrayValue?.first { $0["id"] == "slack" }
        XCTAssertEqual(slack?["configured"], true)
        XCTAssertEqual(slack?["configured_reason"], .null)
    }

    func testOAuthAppInputIsCheckedAndTheSecretNeverComesBack() async throws {
        let cases: [(JSONValue, String?)] = [
            (["client_secret": "s", "redirect_uri": "https://h/oauth/callback"], "client_id"),
            (["client_id": "c", "redirect_uri": "https://h/oauth/callback"], "client_secret"),
            (["client_id": "c", "client_secret": "s"], "redirect_uri"),
            (["client_id": "c", "client_secret": "s", "redirect_uri": "not a url"], "redirect_uri"),
            (["client_id": "c", "client_secret": "s", "redirect_uri": "https://h/cb", "scopes": "chat:write"], "scopes"),
            (["client_id": "c", "client_secret": "s", "redirect_uri": "https://h/cb", "scopes": ["two words"]], "scopes"),
            (["client_id": "c", "client_secret": "s", "redirect_uri": "https://h/cb", "extra": 1], "extra"),
        ]
        for (body, field) in cases {
            let reply = try await host.request("PUT", "/v1/oauth-apps/slack", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(body)")
            XCTAssertEqual(reply.errorField, field, "\(body)")
        }
        let postgresLike = try await host.request("PUT", "/v1/oauth-apps/nope", key: key,
                                                  json: ["client_id": "c", "client_secret": "s", "redirect_uri": "https://h/cb"])
        XCTAssertEqual(postgresLike.status, 404)

        let secret = "app-secret-\(UUID().uuidString)"
        let saved = try await host.request("PUT", "/v1/oauth-apps/slack", key: key, json: [
            "client_id": "c1", "client_secret": .string(secret), "redirect_uri": "https://patchbay.example/oauth/callback",
        ])
        XCTAssertEqual(saved.status, 200)
        XCTAssertEqual(saved.json["scopes"], ["chat:write", "channels:read", "users:read"], "the provider's default scopes")
        XCTAssertEqual(saved.json["has_client_secret"], true)
        // Changing scopes alone keeps the secret.
        let rescoped = try await host.request("PUT", "/v1/oauth-apps/slack", key: key, json: ["scopes": ["chat:write"]])
        XCTAssertEqual(rescoped.status, 200)
        XCTAssertEqual(rescoped.json["client_id"], "c1")
        for path in ["/v1/oauth-apps", "/v1/oauth-apps/slack"] {
            let reply = try await host.request("GET", path, key: key)
            XCTAssertEqual(reply.status, 200)
            XCTAssertFalse(reply.body.contains(secret))
        }
        let readOnly = try await host.key(scopes: [.integrationsRead])
        let forbidden = try await host.request("PUT", "/v1/oauth-apps/slack", key: readOnly, json: ["scopes": ["x"]])
        XCTAssertEqual(forbidden.status, 403)
        XCTAssertEqual(forbidden.errorField, "integrations:write")
        let other = try await host.key(account: "other")
        let hidden = try await host.request("GET", "/v1/oauth-apps/slack", key: other)
        XCTAssertEqual(hidden.status, 404, "another account's app is not found")
    }

    func testANewAppsRedirectURIDefaultsToTheCallbackUnderTheHostsPublicURL() async throws {
        let missing = try await host.request("PUT", "/v1/oauth-apps/slack", key: key, json: ["client_id": "c", "client_secret": "s"])
        XCTAssertEqual(missing.status, 400, missing.body)
        XCTAssertEqual(missing.errorField, "redirect_uri")
        for way in ["redirect_uri", "--public-url", "PATCHBAY_PUBLIC_URL"] {
            XCTAssertTrue(missing.errorMessage?.contains(way) == true, "\(way) is not named: \(missing.body)")
        }

        let published = try await TestHost.start(publicURL: "https://patchbay.example.com")
        let publishedKey = try await published.key()
        let saved = try await published.request("PUT", "/v1/oauth-apps/slack", key: publishedKey,
                                                json: ["client_id": "c1", "client_secret": "s1"])
        XCTAssertEqual(saved.status, 200, saved.body)
        XCTAssertEqual(saved.json["redirect_uri"], "https://patchbay.example.com/oauth/callback")
        let started = try await published.request("POST", "/v1/connections", key: publishedKey, json: ["provider": "slack"])
        let oauthURL = try XCTUnwrap(URLComponents(string: try XCTUnwrap(started.json["oauth_url"]?.stringValue, started.body)))
        XCTAssertEqual(oauthURL.query("redirect_uri"), "https://patchbay.example.com/oauth/callback")
        // One the account gives, or gave before, is kept.
        let own = try await published.request("PUT", "/v1/oauth-apps/slack", key: publishedKey,
                                              json: ["redirect_uri": "https://tunnel.example.net/oauth/callback"])
        XCTAssertEqual(own.json["redirect_uri"], "https://tunnel.example.net/oauth/callback", own.body)
        let rescoped = try await published.request("PUT", "/v1/oauth-apps/slack", key: publishedKey, json: ["scopes": ["chat:write"]])
        XCTAssertEqual(rescoped.json["redirect_uri"], "https://tunnel.example.net/oauth/callback", rescoped.body)
        try await published.stop()
    }

    func testSlackConnectsPendingThenActiveThroughTheCallback() async throws {
        let fake = host.fakes.oauth.slack
        let app = try await host.configureOAuthApp("slack", key: key, fake: fake)
        let created = try await host.request("POST", "/v1/connections", key: key, json: ["provider": "slack", "label": "Team"])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.json["status"], "pending")
        XCTAssertEqual(created.json["has_credentials"], false)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let url = try XCTUnwrap(URLComponents(string: try XCTUnwrap(created.json["oauth_url"]?.stringValue)))
        XCTAssertTrue(url.path.hasSuffix("/slack.com/oauth/v2/authorize"), url.path)
        XCTAssertEqual(url.query("client_id"), app.clientID)
        XCTAssertEqual(url.query("redirect_uri"), host.callbackURL)
        XCTAssertEqual(url.query("scope"), "chat:write,channels:read,users:read", "Slack joins scopes with commas")
        XCTAssertNil(url.query("code_challenge"), "Slack takes no PKCE")
        XCTAssertGreaterThanOrEqual(url.query("state")?.count ?? 0, 40)

        let pendingCall = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(pendingCall.status, 409)
        XCTAssertEqual(pendingCall.errorCode, "connection_pending")

        let done = try await OAuthBrowser.authorize(url.string!)
        XCTAssertEqual(done.status, 200, done.body)
        XCTAssertEqual(done.json["status"], "active")
        XCTAssertEqual(done.json["has_credentials"], true)
        // Slack's token endpoint got Basic client auth, not the secret in the body.
        let exchange = try XCTUnwrap(fake.requests.last)
        XCTAssertEqual(exchange.headers["authorization"],
                       "Basic " + Data("\(app.clientID):\(app.secret)".utf8).base64EncodedString())
        XCTAssertFalse(exchange.body.contains(app.secret))
        XCTAssertTrue(exchange.body.contains("grant_type=authorization_code"))

        let invoked = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(invoked.status, 200, invoked.body)
        XCTAssertTrue(host.fakes.slack.requests.last?.headers["authorization"]?.hasPrefix("Bearer xoxb-") == true)
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(auth.json["status"], "active")
        XCTAssertNotEqual(auth.json["expires_at"], .null, "Slack's expires_in is kept for refresh")
    }

    func testABrowserTabGetsAPageInWordsWhileAPIClientsKeepTheJSON() async throws {
        let fake = host.fakes.oauth.slack
        try await host.configureOAuthApp("slack", key: key, fake: fake)
        let created = try await host.request("POST", "/v1/connections", key: key,
                                             json: ["provider": "slack", "label": "<b>Team</b>"])
        let id = try XCTUnwrap(created.json["id"]?.stringValue, created.body)
        let redirect = try await OAuthBrowser.consent(try XCTUnwrap(created.json["oauth_url"]?.stringValue))

        let page = try await OAuthBrowser.callback(redirect, accept: OAuthBrowser.navigationAccept)
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.body.contains("Connected Slack as “&lt;b&gt;Team&lt;/b&gt;”. You can close this tab."), page.body)
        XCTAssertFalse(page.body.contains("<b>Team"), "the label is escaped")
        XCTAssertFalse(page.body.contains(id), "the page tells a person what happened, not the connection's record")
        let connection = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(connection.json["status"], "active", "the tab that started the flow sees it by polling")

        // The same callback again: refused, in words for the tab, in the envelope for a client.
        let replayed = try await OAuthBrowser.callback(redirect, accept: OAuthBrowser.navigationAccept)
        XCTAssertEqual(replayed.status, 400)
        XCTAssertEqual(replayed.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(replayed.body.contains("the state is unknown or was already used; start the authorization again"), replayed.body)
        for accept in ["application/json", "*/*"] {
            let client = try await OAuthBrowser.callback(redirect, accept: accept)
            XCTAssertEqual(client.status, 400)
            XCTAssertEqual(client.errorCode, "invalid_state", "\(accept): \(client.body)")
        }

        // A refused consent says so, with the provider's reason.
        let (_, url) = try await host.startOAuth("slack", key: key)
        fake.denyNextConsent()
        let denied = try await OAuthBrowser.callback(try await OAuthBrowser.consent(url), accept: OAuthBrowser.navigationAccept)
        XCTAssertEqual(denied.status, 400)
        XCTAssertTrue(denied.body.contains("was not authorized (the provider answered access_denied"), denied.body)
        XCTAssertTrue(denied.body.contains("role=\"alert\""), denied.body)
    }

    /// The refusal's advice is what the API offers: the connection's view has no oauth_url (the
    /// state behind the first one is stored only as a hash), the authorize route gives a new one.
    func testAPendingConnectionsRefusalSaysWhereANewOAuthURLComesFrom() async throws {
        try await host.configureOAuthApp("slack", key: key, fake: host.fakes.oauth.slack)
        let (id, _) = try await host.startOAuth("slack", key: key)
        let refused = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(refused.errorCode, "connection_pending")
        let message = try XCTUnwrap(refused.json["error"]?["message"]?.stringValue)
        XCTAssertTrue(message.contains("POST /v1/connections/\(id)/authorize"), message)

        let authorized = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        let url = try XCTUnwrap(authorized.json["oauth_url"]?.stringValue, authorized.body)
        let done = try await OAuthBrowser.authorize(url)
        XCTAssertEqual(done.json["status"], "active", done.body)
    }

    func testStateIsSingleUseBoundAndExpires() async throws {
        try await host.configureOAuthApp("slack", key: key, fake: host.fakes.oauth.slack)
        let (id, url) = try await host.startOAuth("slack", key: key)
        let redirect = try await OAuthBrowser.consent(url)

        // No state, a made-up state: refused, nothing changes.
        for tampered in [OAuthBrowser.replacing("state", with: nil, in: redirect),
                         OAuthBrowser.replacing("state", with: "made-up-state", in: redirect)] {
            let reply = try await OAuthBrowser.callback(tampered)
            XCTAssertEqual(reply.status, 400)
            XCTAssertEqual(reply.errorCode, "invalid_state")
        }
        let first = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(first.status, 200, first.body)
        let replay = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(replay.status, 400, "a state works once")
        XCTAssertEqual(replay.errorCode, "invalid_state")

        // An expired state is refused and consumed; the connection is untouched.
        let (pendingID, _) = try await host.startOAuth("slack", key: key)
        let account = try await host.patchbay.store.account(named: "acme")
        let state = "expired-state-\(UUID().uuidString)"
        let now = host.patchbay.clock.wallMillis
        try await host.patchbay.store.insertOAuthState(OAuthStateRecord(
            id: OAuthService.stateID(state), accountID: try XCTUnwrap(account).id, connectionID: pendingID, sealedVerifier: nil,
            redirectURI: host.callbackURL, expiresAt: now - 1, createdAt: now - 700_000))
        let expired = try await OAuthBrowser.callback(OAuthBrowser.replacing("state", with: state, in: redirect))
        XCTAssertEqual(expired.status, 400)
        XCTAssertEqual(expired.errorCode, "state_expired")
        let stillPending = try await host.request("GET", "/v1/connections/\(pendingID)", key: key)
        XCTAssertEqual(stillPending.json["status"], "pending")
        let active = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(active.json["status"], "active")
    }

    func testAnotherAccountsStateOrCodeConnectsNothing() async throws {
        let fake = host.fakes.oauth.slack
        let otherKey = try await host.key(account: "other")
        try await host.configureOAuthApp("slack", key: key, fake: fake)
        try await host.configureOAuthApp("slack", key: otherKey, fake: fake)
        let (mine, myURL) = try await host.startOAuth("slack", key: key)
        let (theirs, theirURL) = try await host.startOAuth("slack", key: otherKey)
        let myRedirect = try await OAuthBrowser.consent(myURL)
        let theirRedirect = try await OAuthBrowser.consent(theirURL)

        // Their state with my code: the code was issued to my app, so their app cannot redeem it.
        let swapped = OAuthBrowser.replacing("state", with: theirRedirect.query("state"), in: myRedirect)
        let reply = try await OAuthBrowser.callback(swapped)
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "code_exchange_failed")
        let theirConnection = try await host.request("GET", "/v1/connections/\(theirs)", key: otherKey)
        XCTAssertEqual(theirConnection.json["status"], "failed")
        XCTAssertEqual(theirConnection.json["has_credentials"], false)

        // Neither account sees or re-authorizes the other's connection.
        let peek = try await host.request("GET", "/v1/connections/\(mine)/auth", key: otherKey)
        XCTAssertEqual(peek.status, 404)
        let steal = try await host.request("POST", "/v1/connections/\(mine)/authorize", key: otherKey, json: [:])
        XCTAssertEqual(steal.status, 404)
        let myConnection = try await host.request("GET", "/v1/connections/\(mine)", key: key)
        XCTAssertEqual(myConnection.json["status"], "pending")
    }

    func testAccessDeniedLeavesAClearFailedStateAndCanBeRetried() async throws {
        let fake = host.fakes.oauth.slack
        try await host.configureOAuthApp("slack", key: key, fake: fake)
        let (id, url) = try await host.startOAuth("slack", key: key)
        fake.denyNextConsent()
        let denied = try await OAuthBrowser.authorize(url)
        XCTAssertEqual(denied.status, 400)
        XCTAssertEqual(denied.errorCode, "authorization_denied")
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(auth.json["status"], "failed")
        XCTAssertTrue(auth.json["reason"]?.stringValue?.contains("access_denied") == true, auth.body)
        let call = try await host.request("POST", "/v1/connections/\(id)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(call.status, 409)
        XCTAssertEqual(call.errorCode, "connection_failed")

        let badPrompt = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: ["prompt": "select_account"])
        XCTAssertEqual(badPrompt.status, 400, "Slack takes no prompt")
        XCTAssertEqual(badPrompt.errorField, "prompt")
        let retry = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        XCTAssertEqual(retry.status, 200)
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(retry.json["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let cleared = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertEqual(cleared.json["reason"], .null)
    }

    func testGoogleUsesPKCEOfflineAccessAndAVerifierMismatchFails() async throws {
        let fake = host.fakes.oauth.google
        try await host.configureOAuthApp("google_sheets", key: key, fake: fake)
        let config: JSONValue = ["spreadsheet_id": .string(FakeGoogleSheets.spreadsheetID)]
        let (id, url) = try await host.startOAuth("google_sheets", key: key, config: config)
        let components = try XCTUnwrap(URLComponents(string: url))
        XCTAssertEqual(components.query("code_challenge_method"), "S256")
        XCTAssertEqual(components.query("access_type"), "offline")
        XCTAssertEqual(components.query("prompt"), "consent")
        XCTAssertEqual(components.query("scope"), "https://www.googleapis.com/auth/spreadsheets")
        XCTAssertFalse(url.contains("code_verifier"))

        // Two authorizations of one connection: the code of the first with the state of the
        // second carries the wrong verifier, which the provider refuses.
        let second = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: ["prompt": "select_account"])
        let secondURL = try XCTUnwrap(second.json["oauth_url"]?.stringValue)
        XCTAssertEqual(URLComponents(string: secondURL)?.query("prompt"), "select_account", "re-consent option")
        let firstRedirect = try await OAuthBrowser.consent(url)
        let secondRedirect = try await OAuthBrowser.consent(secondURL)
        let mismatch = try await OAuthBrowser.callback(
            OAuthBrowser.replacing("state", with: secondRedirect.query("state"), in: firstRedirect))
        XCTAssertEqual(mismatch.status, 422, mismatch.body)
        XCTAssertTrue(mismatch.body.contains("invalid_grant"), mismatch.body)

        // Fresh start: the verifier matches, a refresh token comes back, and the sheet reads.
        let retry = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        let done = try await OAuthBrowser.authorize(try XCTUnwrap(retry.json["oauth_url"]?.stringValue))
        XCTAssertEqual(done.json["status"], "active", done.body)
        let exchange = try XCTUnwrap(fake.requests.last?.body)
        XCTAssertTrue(exchange.contains("code_verifier="), "the verifier goes to the token endpoint")
        XCTAssertTrue(exchange.contains("client_secret="), "Google takes client credentials in the body")
        let read = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(read.json["success"], true, read.body)
    }

    func testGitHubGetsNoPKCEAndAsksForJSON() async throws {
        let fake = host.fakes.oauth.github
        let id = try await host.connectWithOAuth("github", key: key, fake: fake)
        let authorize = try XCTUnwrap(fake.authorizeRequests.last)
        XCTAssertNil(authorize["code_challenge"])
        XCTAssertEqual(authorize["scope"], "repo read:user")
        let exchange = try XCTUnwrap(fake.requests.last)
        XCTAssertEqual(exchange.headers["accept"], "application/json")
        let check = try await host.request("POST", "/v1/connections/\(id)/test", key: key)
        XCTAssertEqual(check.json["success"], true, check.body)
    }

    func testShopifyUsesTheShopsURLsAndVerifiesTheCallbackHMAC() async throws {
        let fake = host.fakes.oauth.shopify
        try await host.configureOAuthApp("shopify", key: key, fake: fake)
        let config: JSONValue = ["shop": "acme", "api_version": "2024-10"]
        let (id, url) = try await host.startOAuth("shopify", key: key, config: config)
        XCTAssertTrue(url.contains("/acme.myshopify.com/admin/oauth/authorize?"), url)
        XCTAssertTrue(URLComponents(string: url)?.query("scope") == "read_products,read_orders,read_customers,write_customers")
        let redirect = try await OAuthBrowser.consent(url)
        XCTAssertEqual(redirect.query("shop"), "acme.myshopify.com")

        for (name, value) in [("hmac", String(repeating: "0", count: 64)), ("hmac", nil), ("timestamp", "1")] {
            let forged = try await OAuthBrowser.callback(OAuthBrowser.replacing(name, with: value, in: redirect))
            XCTAssertEqual(forged.status, 400, "\(name)=\(value ?? "nil")")
            XCTAssertEqual(forged.errorCode, "invalid_hmac")
        }
        let pending = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(pending.json["status"], "pending", "a forged callback neither completes nor spends the state")

        let done = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(done.json["status"], "active", done.body)
        let exchange = try XCTUnwrap(fake.requests.last)
        XCTAssertTrue(exchange.path.contains("/acme.myshopify.com/admin/oauth/access_token"), exchange.path)
    }

    /// The shop rule is the manifest's (`callback_host_param`), not the host's: a callback signed
    /// with the app's secret but naming another shop is refused, and the state is not spent.
    func testASignedCallbackForAnotherShopIsRefused() async throws {
        let fake = host.fakes.oauth.shopify
        let app = try await host.configureOAuthApp("shopify", key: key, fake: fake)
        let (id, url) = try await host.startOAuth("shopify", key: key, config: ["shop": "acme", "api_version": "2024-10"])
        let redirect = try await OAuthBrowser.consent(url)
        var query = Dictionary((redirect.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
        query["shop"] = "other.myshopify.com"
        let resigned = OAuthBrowser.replacing("hmac", with: OAuthService.callbackHMAC(query, secret: app.secret),
                                              in: OAuthBrowser.replacing("shop", with: "other.myshopify.com", in: redirect))
        let forged = try await OAuthBrowser.callback(resigned)
        XCTAssertEqual(forged.status, 400, forged.body)
        XCTAssertEqual(forged.errorCode, "invalid_shop")
        let pending = try await host.request("GET", "/v1/connections/\(id)", key: key)
        XCTAssertEqual(pending.json["status"], "pending")
        let done = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(done.json["status"], "active", done.body)
    }

    func testShopifyCallbackHMACMatchesTheReferenceVector() {
        let query = ["code": "0907a61c0c8d55e99db179b68161bc00", "shop": "some-shop.myshopify.com",
                     "state": "0.6784241404160823", "timestamp": "1337178173",
                     "hmac": "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf"]
        XCTAssertEqual(OAuthService.callbackHMAC(query, secret: "hush"), query["hmac"])
    }

    func testTheCallbackNeedsNoKeyAndSaysWhatIsMissing() async throws {
        let empty = try await host.request("GET", "/oauth/callback")
        XCTAssertEqual(empty.status, 400)
        XCTAssertEqual(empty.errorCode, "invalid_state")
    }
}
