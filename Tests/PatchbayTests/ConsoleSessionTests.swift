import Foundation
import PatchbayClock
import PatchbayModel
import PatchbayServices
import PatchbayWire
import XCTest

/// The console's sessions: a key sealed in an HttpOnly SameSite=Strict cookie, a CSRF token on
/// every write made with it, and no more power than the key has.
final class ConsoleSessionTests: XCTestCase {
    var host: TestHost!
    var browser: ConsoleBrowser!
    /// The host's clock: sessions start and end by it.
    let clock = ManualClock()

    override func setUp() async throws {
        host = try await TestHost.start(clock: clock)
        browser = ConsoleBrowser(baseURL: host.baseURL)
    }

    override func tearDown() async throws {
        try await browser.shutdown()
        try await host.stop()
    }

    func testSignInSetsASealedHttpOnlyStrictCookieThatNeverHoldsTheKeyInClear() async throws {
        let key = try await host.key()
        let signedIn = try await browser.signIn(key: key)
        XCTAssertEqual(signedIn.status, 303, signedIn.body)
        XCTAssertEqual(signedIn.location, "/console/catalog")
        let cookie = try XCTUnwrap(signedIn.setCookie("pb_session"))
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] { XCTAssertTrue(cookie.contains(flag), cookie) }
        XCTAssertFalse(cookie.contains(key))
        XCTAssertFalse(cookie.contains(String(key.split(separator: "_")[2])), "the key's secret is sealed")
        XCTAssertNotNil(signedIn.setCookie("pb_signin").map { $0.contains("Max-Age=0") }, "the one-time value is dropped")

        let page = try await browser.request("GET", "/console/catalog")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("acme"), "the page names the key's account")
        XCTAssertTrue(page.body.contains("integrations:write"), "and its scopes")
        XCTAssertEqual(page.setCookies, [])
        XCTAssertTrue(page.body.contains("<script src=\"/console/assets/catalog.js\""))
        XCTAssertFalse(page.body.contains(key))
    }

    func testSignInWithoutThePagesOneTimeValueIsRefused() async throws {
        let key = try await host.key()
        // Another site can post the form, but it cannot set the cookie the form's value must match.
        let forged = try await browser.request("POST", "/console/login", body: ConsoleBrowser.form(["key": key, "nonce": "guess"]),
                                               contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(forged.status, 403)
        XCTAssertNil(forged.setCookie("pb_session"))
        _ = try await browser.request("GET", "/console/login")
        let mismatched = try await browser.request("POST", "/console/login", body: ConsoleBrowser.form(["key": key, "nonce": "guess"]),
                                                   contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(mismatched.status, 403)
        XCTAssertNil(mismatched.setCookie("pb_session"))
        let malformed = try await browser.request("POST", "/console/login", body: "{\"key\":1}")
        XCTAssertEqual(malformed.status, 403)
    }

    func testAnInvalidKeyDoesNotSignIn() async throws {
        let reply = try await browser.signIn(key: "pb_nothing_here")
        XCTAssertEqual(reply.status, 401)
        XCTAssertTrue(reply.body.contains("That API key is not valid"))
        XCTAssertNil(reply.setCookie("pb_session"))
        let page = try await browser.request("GET", "/console/catalog")
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.location, "/console/login")
    }

    func testWritesWithTheSessionCookieNeedItsCSRFToken() async throws {
        try await browser.signIn(key: try await host.key())
        let read = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(read.status, 200, "reads need only the cookie")
        let body = #"{"provider":"slack","credentials":{"bot_token":"xoxb-sandbox"}}"#

        // A cross-site form post: the cookie, but no token (a form cannot set a header).
        let forged = try await browser.request("POST", "/v1/connections", body: body, contentType: "text/plain")
        XCTAssertEqual(forged.status, 403)
        XCTAssertEqual(TestHost.Reply(status: forged.status, headers: [:], body: forged.body).errorCode, "csrf_token_invalid")
        let wrong = try await browser.request("POST", "/v1/connections", headers: ["X-CSRF-Token": "guess"], body: body)
        XCTAssertEqual(wrong.status, 403)
        let deleteWithout = try await browser.request("DELETE", "/v1/connections/conn_x")
        XCTAssertEqual(deleteWithout.status, 403, "every state-changing method needs the token, before anything is looked up")
        let listed = try await host.request("GET", "/v1/connections", key: try await host.key())
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0, "nothing was created")

        let token = try await browser.csrfToken()
        let created = try await browser.request("POST", "/v1/connections", headers: ["X-CSRF-Token": token], body: body)
        XCTAssertEqual(created.status, 201, created.body)
    }

    func testAReadOnlyKeyIsOfferedNoWriteAndGets403WhenItForgesOne() async throws {
        let admin = try await host.key(scopes: [.admin])
        let connection = try await host.connectSlack(key: admin)
        try await browser.signIn(key: try await host.key(scopes: [.integrationsRead]))

        let catalog = try await browser.request("GET", "/console/connections")
        XCTAssertEqual(catalog.status, 200)
        XCTAssertFalse(catalog.body.contains("New connection"), "no write button for a read-only key")
        XCTAssertFalse(catalog.body.contains("/console/keys"), "no admin page in the navigation")
        let detail = try await browser.request("GET", "/console/connections/\(connection)")
        XCTAssertEqual(detail.status, 200)
        XCTAssertFalse(detail.body.contains("id=\"disconnect\""))
        XCTAssertFalse(detail.body.contains("id=\"test-connection\""))
        let keys = try await browser.request("GET", "/console/keys")
        XCTAssertEqual(keys.status, 403)
        XCTAssertTrue(keys.body.contains("lacks the admin scope"))
        let connect = try await browser.request("GET", "/console/connect/slack")
        XCTAssertEqual(connect.status, 403)

        // With the page's own token the request passes CSRF, and meets the key's scopes.
        let token = try await browser.csrfToken()
        let forged = try await browser.request("DELETE", "/v1/connections/\(connection)", headers: ["X-CSRF-Token": token])
        XCTAssertEqual(forged.status, 403)
        XCTAssertTrue(forged.body.contains("missing_scope"), forged.body)
        let still = try await host.request("GET", "/v1/connections/\(connection)", key: admin)
        XCTAssertEqual(still.json["status"], "active")
    }

    func testATamperedExpiredOrRevokedSessionIsRefused() async throws {
        let admin = try await host.key(scopes: [.admin])
        let created = try await host.request("POST", "/v1/api-keys", key: admin, json: ["scopes": ["integrations:read"]])
        let key = try XCTUnwrap(created.json["key"]?.stringValue)
        try await browser.signIn(key: key)
        let sealed = try XCTUnwrap(browser.cookies["pb_session"])

        // One character changed in the sealed value.
        let index = sealed.index(sealed.endIndex, offsetBy: -6)
        var tampered = sealed
        tampered.replaceSubrange(index...index, with: sealed[index] == "A" ? "B" : "A")
        browser.setCookie("pb_session", tampered)
        let read = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(read.status, 401)
        XCTAssertTrue(read.body.contains("session_expired"))
        let page = try await browser.request("GET", "/console/catalog")
        XCTAssertEqual(page.location, "/console/login")

        // Past its lifetime by the host's clock; 1 ms short of it the session still works.
        let expiresAt = try host.patchbay.consoleSessions.open(sealed).expiresAt
        browser.setCookie("pb_session", sealed)
        // The last second in a short step of its own, which lands on the exact millisecond.
        clock.advance(by: .seconds(ConsoleSessions.lifetime / 1000 - 1))
        clock.advance(by: .milliseconds(expiresAt - 1 - clock.wallMillis))
        XCTAssertEqual(clock.wallMillis, expiresAt - 1)
        let lastMoment = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(lastMoment.status, 200, lastMoment.body)
        clock.advance(by: .milliseconds(1))
        let ended = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(ended.status, 401)
        XCTAssertTrue(ended.body.contains("session_expired"), ended.body)

        // Revoking the key ends the session at the next request.
        try await browser.signIn(key: key)
        let beforeRevocation = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(beforeRevocation.status, 200)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let revocation = try await host.request("DELETE", "/v1/api-keys/\(id)", key: admin)
        XCTAssertEqual(revocation.status, 200)
        let browser = self.browser!
        try await eventually("the revoked key's session to be refused") {
            (try? await browser.request("GET", "/v1/catalog").status) == 401
        }
        let afterRevocation = try await browser.request("GET", "/console/catalog")
        XCTAssertEqual(afterRevocation.location, "/console/login")
    }

    func testSignOutNeedsTheTokenAndDropsTheCookie() async throws {
        try await browser.signIn(key: try await host.key())
        let forged = try await browser.request("POST", "/console/logout", body: ConsoleBrowser.form(["csrf": "guess"]),
                                               contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(forged.status, 403)
        let afterForgery = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(afterForgery.status, 200, "still signed in")

        let token = try await browser.csrfToken()
        let signedOut = try await browser.request("POST", "/console/logout", body: ConsoleBrowser.form(["csrf": token]),
                                                  contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(signedOut.status, 303)
        XCTAssertEqual(signedOut.location, "/console/login")
        XCTAssertTrue(try XCTUnwrap(signedOut.setCookie("pb_session")).contains("Max-Age=0"))
        let afterSignOut = try await browser.request("GET", "/v1/catalog")
        XCTAssertEqual(afterSignOut.status, 401)
    }

    func testAssetsAreServedFromTheBinaryAndPagesAreUnderTheBudget() async throws {
        try await browser.signIn(key: try await host.key(scopes: [.admin]))
        let css = try await browser.request("GET", "/console/assets/console.css")
        XCTAssertEqual(css.status, 200)
        let unknownAsset = try await browser.request("GET", "/console/assets/nothing.js")
        XCTAssertEqual(unknownAsset.status, 404)
        let unknownPage = try await browser.request("GET", "/console/nowhere")
        XCTAssertEqual(unknownPage.status, 404)
        let core = try await browser.request("GET", "/console/assets/console.js")
        for path in ["catalog", "connect/slack", "connections", "executions", "agents", "webhooks", "plugins", "keys"] {
            let page = try await browser.request("GET", "/console/\(path)")
            XCTAssertEqual(page.status, 200, path)
            let script = try XCTUnwrap(page.body.range(of: #"/console/assets/[a-z]+\.js"#, options: [.regularExpression, .backwards]))
            let own = try await browser.request("GET", String(page.body[script]))
            // A page's HTML, stylesheet and scripts together, before any data.
            let bytes = page.body.utf8.count + css.body.utf8.count + core.body.utf8.count + own.body.utf8.count
            XCTAssertLessThan(bytes, 100_000, "\(path) weighs \(bytes) bytes")
        }
    }

    func testPagesSuggestTheHostsOwnOAuthCallbackUnderItsPublicURL() async throws {
        try await browser.signIn(key: try await host.key())
        let withoutPublicURL = try await browser.request("GET", "/console/connect/slack")
        XCTAssertEqual(withoutPublicURL.status, 200)
        XCTAssertFalse(withoutPublicURL.body.contains("data-oauth-callback"), "no public URL: the script uses the browser's address")

        let published = try await TestHost.start(publicURL: "https://pb.example.com/base")
        let visitor = ConsoleBrowser(baseURL: published.baseURL)
        try await visitor.signIn(key: try await published.key())
        let page = try await visitor.request("GET", "/console/connect/slack")
        try await visitor.shutdown()
        try await published.stop()
        XCTAssertTrue(page.body.contains(#"data-oauth-callback="https://pb.example.com/base/oauth/callback""#), page.body)
    }
}
