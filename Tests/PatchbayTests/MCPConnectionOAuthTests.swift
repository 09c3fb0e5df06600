import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Remote MCP servers connected with OAuth, against the SDK's MCP server on loopback protected
/// by a fake authorization server that follows the RFCs: the host discovers the authorization
/// server from the server's 401 (RFC 9728, RFC 8414), registers itself when no client is given
/// (RFC 7591), sends the user to consent with PKCE S256 and the `resource` (RFC 8707), and the
/// callback makes the pending connection active with sealed tokens and lists the tools. Expiring
/// or rejected tokens are refreshed; a refused refresh asks for a new authorization.
final class MCPConnectionOAuthTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var authorization: FakeMCPAuthorizationServer!
    var remote: FakeMCPServer!

    override func setUp() async throws {
        // Both servers listen on loopback, which the egress policy refuses unless the operator allows it.
        host = try await TestHost.start(plugins: [], allowEgress: ["127.0.0.0/8"])
        key = try await host.key(scopes: TestHost.agentScopes)
        authorization = try await FakeMCPAuthorizationServer.start()
        remote = try await FakeMCPServer.start(authorization: authorization)
    }

    override func tearDown() async throws {
        try await host.stop()
        await remote.stop()
        await authorization.stop()
    }

    func create(_ auth: [String: JSONValue] = [:], url: String? = nil, key: String? = nil) async throws -> TestHost.Reply {
        var fields: [String: JSONValue] = ["type": "oauth2", "redirect_uri": .string(host.callbackURL)]
        fields.merge(auth) { _, given in given }
        return try await host.request("POST", "/v1/mcp-connections", key: key ?? self.key,
                                      json: ["url": .string(url ?? remote.url), "label": "Widgets", "auth": .object(fields)])
    }

    /// A connection taken through consent; its id.
    func authorized(_ auth: [String: JSONValue] = [:]) async throws -> String {
        let created = try await create(auth)
        XCTAssertEqual(created.status, 201, created.body)
        let id = try XCTUnwrap(created.json["id"]?.stringValue, created.body)
        let callback = try await OAuthBrowser.authorize(try XCTUnwrap(created.json["authorize_url"]?.stringValue, created.body))
        XCTAssertEqual(callback.status, 200, callback.body)
        XCTAssertEqual(callback.json["status"], "active", callback.body)
        return id
    }

    func echo(_ id: String, _ text: String = "hello") async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(id)/actions/echo/invoke", key: key, json: ["input": ["text": .string(text)]])
    }

    func testTheFullFlowRegistersAClientStoresSealedTokensAndListsTheTools() async throws {
        let created = try await create()
        XCTAssertEqual(created.status, 201, created.body)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        XCTAssertEqual(created.json["status"], "pending")
        XCTAssertEqual(created.json["auth"]?["type"], "oauth2")
        XCTAssertEqual(created.json["auth"]?["issuer"]?.stringValue, authorization.issuer)
        XCTAssertEqual(created.json["auth"]?["client_registered"], true)
        XCTAssertEqual(created.json["auth"]?["scopes"], [.string(FakeMCPServer.scope)], "the scope of the server's challenge")
        XCTAssertEqual(created.json["has_credentials"], false)
        XCTAssertEqual(created.json["tools"], [])
        XCTAssertEqual(authorization.registrationCount, 1, "no client was given, so the host registers one")

        let authorizeURL = try XCTUnwrap(created.json["authorize_url"]?.stringValue)
        XCTAssertTrue(authorizeURL.hasPrefix(authorization.issuer + "/authorize?"), authorizeURL)
        let query = Dictionary(uniqueKeysWithValues: (URLComponents(string: authorizeURL)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        XCTAssertEqual(query["response_type"], "code")
        XCTAssertEqual(query["code_challenge_method"], "S256")
        XCTAssertEqual(query["code_challenge"]?.count, 43)
        XCTAssertEqual(query["resource"], remote.url, "the resource parameter names the MCP server (RFC 8707)")
        XCTAssertEqual(query["redirect_uri"], host.callbackURL)
        XCTAssertEqual(query["scope"], FakeMCPServer.scope)
        XCTAssertEqual(authorization.clientIDs, [query["client_id"] ?? "?"])

        let early = try await echo(id)
        XCTAssertEqual(early.status, 409, early.body)
        XCTAssertEqual(early.errorCode, "connection_pending")

        let callback = try await OAuthBrowser.authorize(authorizeURL)
        XCTAssertEqual(callback.status, 200, callback.body)
        XCTAssertEqual(callback.json["status"], "active")
        let exchange = try XCTUnwrap(authorization.tokenRequests.first)
        XCTAssertEqual(exchange["grant_type"], "authorization_code")
        XCTAssertEqual(exchange["resource"], remote.url, "the token request names the resource too")
        XCTAssertNotNil(exchange["code_verifier"])
        XCTAssertNil(exchange["client_secret"], "a registered public client sends no secret")

        let shown = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(shown.json["status"], "active", shown.body)
        XCTAssertEqual(shown.json["has_credentials"], true)
        XCTAssertEqual(shown.json["server_info"]?["name"], "fake-mcp")
        XCTAssertEqual(shown.json["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["echo", "add", "fail", "bad name!"])
        XCTAssertNil(shown.json["authorize_url"], "the consent URL is answered on creation only")
        let catalog = try await host.request("GET", "/v1/catalog/mcp:\(id)", key: key)
        XCTAssertEqual(catalog.json["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["echo", "add", "fail"], catalog.body)

        let echoed = try await echo(id)
        XCTAssertEqual(echoed.status, 200, echoed.body)
        XCTAssertEqual(echoed.json["output"]?["content"]?.arrayValue?.first?["text"], "hello")
        let lastSent = String(remote.receivedAuthorizations.last?.dropFirst("Bearer ".count) ?? "")
        XCTAssertTrue(authorization.accepts(lastSent, resource: remote.url), "the tool call did not carry an issued access token")

        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        let all = try await host.request("GET", "/v1/mcp-connections", key: key)
        let connection = try await host.request("GET", "/v1/connections/\(id)", key: key)
        let executions = try await host.request("GET", "/v1/executions?connection_id=\(id)", key: key)
        let apps = try await host.request("GET", "/v1/oauth-apps", key: key)
        XCTAssertEqual(auth.status, 200, auth.body)
        XCTAssertEqual(apps.json["data"]?.arrayValue?.first?["provider"]?.stringValue, "mcp:\(id)", apps.body)
        XCTAssertFalse(authorization.issuedTokens.isEmpty)
        for reply in [created, callback, shown, echoed, auth, all, connection, executions, apps, catalog] {
            for token in authorization.issuedTokens {
                XCTAssertFalse(reply.body.contains(token), "a response showed an OAuth token")
            }
        }

        let deleted = try await host.request("DELETE", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(deleted.status, 200, deleted.body)
        let app = try await host.request("GET", "/v1/oauth-apps/mcp:\(id)", key: key)
        XCTAssertEqual(app.status, 404, "the server's client outlived its connection: \(app.body)")
    }

    func testAClientTheAccountGivesIsUsedWithItsSecretAndScopesInsteadOfRegistering() async throws {
        authorization.registerClient(id: "widgets-client", secret: "widgets-client-secret-77", redirectURI: host.callbackURL)
        let created = try await create(["client_id": "widgets-client", "client_secret": "widgets-client-secret-77",
                                        "scopes": ["tools:read", "tools:write"]])
        XCTAssertEqual(created.status, 201, created.body)
        XCTAssertEqual(created.json["auth"]?["client_registered"], false)
        XCTAssertEqual(authorization.registrationCount, 0)
        let authorizeURL = try XCTUnwrap(created.json["authorize_url"]?.stringValue)
        XCTAssertTrue(authorizeURL.contains("client_id=widgets-client"), authorizeURL)
        XCTAssertTrue(authorizeURL.contains("scope=tools%3Aread%20tools%3Awrite"), authorizeURL)
        let callback = try await OAuthBrowser.authorize(authorizeURL)
        XCTAssertEqual(callback.status, 200, callback.body)
        XCTAssertNil(authorization.tokenRequests.first?["client_secret"], "the secret goes in Basic auth, as the server's default")
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let echoed = try await echo(id)
        XCTAssertEqual(echoed.status, 200, echoed.body)
        for reply in [created, callback, echoed] { XCTAssertFalse(reply.body.contains("widgets-client-secret-77")) }
    }

    func testAnAccessTokenAboutToExpireIsRefreshedBeforeUse() async throws {
        // Within the host's refresh-ahead window from the moment it is issued.
        authorization.setAccessTokenLifetime(60)
        let id = try await authorized()
        let before = authorization.refreshCount
        let echoed = try await echo(id)
        XCTAssertEqual(echoed.status, 200, echoed.body)
        XCTAssertGreaterThan(authorization.refreshCount, before, "the expiring token was not refreshed")
        let refresh = try XCTUnwrap(authorization.tokenRequests.last)
        XCTAssertEqual(refresh["grant_type"], "refresh_token")
        XCTAssertEqual(refresh["resource"], remote.url)
        let lastSent = String(remote.receivedAuthorizations.last?.dropFirst("Bearer ".count) ?? "")
        XCTAssertTrue(authorization.accepts(lastSent, resource: remote.url))
    }

    func testAnAccessTokenTheServerRejectsIsRefreshedOnceAndTheCallRetried() async throws {
        let id = try await authorized()
        let before = authorization.refreshCount
        authorization.revokeAccessTokens()
        let echoed = try await echo(id, "after a 401")
        XCTAssertEqual(echoed.status, 200, echoed.body)
        XCTAssertEqual(echoed.json["output"]?["content"]?.arrayValue?.first?["text"], "after a 401")
        XCTAssertEqual(authorization.refreshCount, before + 1)
        let shown = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(shown.json["status"], "active")
    }

    func testARefusedRefreshAsksForANewAuthorizationWhichRestoresTheConnection() async throws {
        let id = try await authorized()
        authorization.revokeAll()
        let refused = try await echo(id)
        XCTAssertEqual(refused.status, 422, refused.body)
        XCTAssertEqual(refused.errorCode, "mcp_unauthorized")
        let shown = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(shown.json["status"], "needs_reauth", shown.body)
        let auth = try await host.request("GET", "/v1/connections/\(id)/auth", key: key)
        XCTAssertTrue(auth.body.contains("invalid_grant"), auth.body)

        let again = try await echo(id)
        XCTAssertEqual(again.status, 409, again.body)
        XCTAssertEqual(again.errorCode, "needs_reauth")
        XCTAssertTrue(again.errorMessage?.contains("/v1/connections/\(id)/authorize") == true, again.body)

        let restart = try await host.request("POST", "/v1/connections/\(id)/authorize", key: key, json: [:])
        XCTAssertEqual(restart.status, 200, restart.body)
        let callback = try await OAuthBrowser.authorize(try XCTUnwrap(restart.json["oauth_url"]?.stringValue, restart.body))
        XCTAssertEqual(callback.status, 200, callback.body)
        XCTAssertEqual(callback.json["status"], "active")
        let restored = try await echo(id)
        XCTAssertEqual(restored.status, 200, restored.body)
    }

    func testAWrongOrReplayedStateIsRefusedAndChangesNothing() async throws {
        let created = try await create()
        let id = try XCTUnwrap(created.json["id"]?.stringValue, created.body)
        let redirect = try await OAuthBrowser.consent(try XCTUnwrap(created.json["authorize_url"]?.stringValue))

        let forged = try await OAuthBrowser.callback(OAuthBrowser.replacing("state", with: "not-the-state", in: redirect))
        XCTAssertEqual(forged.status, 400, forged.body)
        XCTAssertEqual(forged.errorCode, "invalid_state")
        let missing = try await OAuthBrowser.callback(OAuthBrowser.replacing("state", with: nil, in: redirect))
        XCTAssertEqual(missing.status, 400, missing.body)
        let pending = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(pending.json["status"], "pending")

        let completed = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(completed.status, 200, completed.body)
        let exchanges = authorization.tokenRequests.count
        let replayed = try await OAuthBrowser.callback(redirect)
        XCTAssertEqual(replayed.status, 400, replayed.body)
        XCTAssertEqual(replayed.errorCode, "invalid_state")
        XCTAssertEqual(authorization.tokenRequests.count, exchanges, "a replayed state reached the token endpoint")
        let active = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(active.json["status"], "active")
    }

    func testAnotherAccountCanNeitherReadNorAuthorizeNorDeleteIt() async throws {
        let created = try await create()
        let id = try XCTUnwrap(created.json["id"]?.stringValue, created.body)
        let other = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let replies = [
            try await host.request("GET", "/v1/mcp-connections/\(id)", key: other),
            try await host.request("GET", "/v1/connections/\(id)/auth", key: other),
            try await host.request("POST", "/v1/connections/\(id)/authorize", key: other, json: [:]),
            try await host.request("POST", "/v1/mcp-connections/\(id)/refresh", key: other, json: [:]),
            try await host.request("GET", "/v1/oauth-apps/mcp:\(id)", key: other),
            try await host.request("PUT", "/v1/oauth-apps/mcp:\(id)", key: other,
                                   json: ["client_id": "stolen", "client_secret": "x", "redirect_uri": .string(host.callbackURL)]),
            try await host.request("DELETE", "/v1/mcp-connections/\(id)", key: other),
        ]
        for reply in replies { XCTAssertEqual(reply.status, 404, reply.body) }
        let listed = try await host.request("GET", "/v1/mcp-connections", key: other)
        XCTAssertEqual(listed.json["data"], [])

        let callback = try await OAuthBrowser.authorize(try XCTUnwrap(created.json["authorize_url"]?.stringValue))
        XCTAssertEqual(callback.status, 200, callback.body)
        let mine = try await host.request("GET", "/v1/mcp-connections/\(id)", key: key)
        XCTAssertEqual(mine.json["status"], "active", "the other account's attempts changed the connection")
    }

    func testWithoutARedirectURITheCallbackUnderTheHostsPublicURLIsRegisteredAndUsed() async throws {
        // Served under a path behind a proxy: the callback keeps the path.
        let proxied = try await TestHost.start(plugins: [], allowEgress: ["127.0.0.0/8"], publicURL: "https://patchbay.example.com/pb/")
        let proxiedKey = try await proxied.key(scopes: TestHost.agentScopes)
        let created = try await proxied.request("POST", "/v1/mcp-connections", key: proxiedKey,
                                                json: ["url": .string(remote.url), "auth": ["type": "oauth2"]])
        XCTAssertEqual(created.status, 201, created.body)
        let id = try XCTUnwrap(created.json["id"]?.stringValue, created.body)
        let authorizeURL = try XCTUnwrap(created.json["authorize_url"]?.stringValue, created.body)
        let callback = "https://patchbay.example.com/pb/oauth/callback"
        XCTAssertEqual(URLComponents(string: authorizeURL)?.query("redirect_uri"), callback)
        let app = try await proxied.request("GET", "/v1/oauth-apps/mcp:\(id)", key: proxiedKey)
        XCTAssertEqual(app.json["redirect_uri"]?.stringValue, callback, app.body)

        // The authorization server registered that URI and sends the user there; the proxy
        // would pass it on to the host.
        let redirect = try await OAuthBrowser.consent(authorizeURL)
        XCTAssertEqual(redirect.host, "patchbay.example.com")
        XCTAssertEqual(redirect.path, "/pb/oauth/callback")
        var forwarded = try XCTUnwrap(URLComponents(string: proxied.callbackURL))
        forwarded.queryItems = redirect.queryItems
        let completed = try await OAuthBrowser.callback(forwarded)
        XCTAssertEqual(completed.status, 200, completed.body)
        XCTAssertEqual(completed.json["status"], "active", completed.body)
        XCTAssertEqual(authorization.tokenRequests.last?["redirect_uri"], callback, "the code was exchanged with another redirect URI")

        // A redirect URI the request gives still wins.
        let given = try await proxied.request("POST", "/v1/mcp-connections", key: proxiedKey, json: [
            "url": .string(remote.url), "auth": ["type": "oauth2", "redirect_uri": .string(proxied.callbackURL)],
        ])
        XCTAssertEqual(given.status, 201, given.body)
        let givenURL = try XCTUnwrap(given.json["authorize_url"]?.stringValue, given.body)
        XCTAssertEqual(URLComponents(string: givenURL)?.query("redirect_uri"), proxied.callbackURL)
        try await proxied.stop()
    }

    func testTheServersOAuthClientIsAuditedAsAnOAuthAppWithoutItsSecret() async throws {
        let admin = try await host.key(scopes: [.admin])
        let secret = "mcp-client-secret-do-not-log-31"
        authorization.registerClient(id: "widgets-client", secret: secret, redirectURI: host.callbackURL)
        let given = try await create(["client_id": "widgets-client", "client_secret": .string(secret)], key: admin)
        XCTAssertEqual(given.status, 201, given.body)
        let givenID = try XCTUnwrap(given.json["id"]?.stringValue, given.body)
        let registered = try await create(key: admin)
        XCTAssertEqual(registered.status, 201, registered.body)
        let registeredID = try XCTUnwrap(registered.json["id"]?.stringValue, registered.body)
        let deleted = try await host.request("DELETE", "/v1/mcp-connections/\(givenID)", key: admin)
        XCTAssertEqual(deleted.status, 200, deleted.body)
        // A server connected with a bearer token: the connection is audited, the token by name only.
        let plain = try await FakeMCPServer.start(token: "mcp-static-token-do-not-log-58")
        let bearer = try await host.request("POST", "/v1/mcp-connections", key: admin,
                                            json: ["url": .string(plain.url), "auth": ["token": "mcp-static-token-do-not-log-58"]])
        await plain.stop()
        XCTAssertEqual(bearer.status, 201, bearer.body)
        let bearerID = try XCTUnwrap(bearer.json["id"]?.stringValue, bearer.body)

        let log = try await host.request("GET", "/v1/audit?limit=100", key: admin)
        XCTAssertEqual(log.status, 200, log.body)
        XCTAssertFalse(log.body.contains(secret), "the client's secret is in the audit log")
        XCTAssertFalse(log.body.contains("mcp-static-token-do-not-log-58"), "the server's token is in the audit log")
        let entries = try XCTUnwrap(log.json["data"]?.arrayValue, log.body)
        func logged(_ action: String, provider: String) -> [JSONValue] {
            entries.filter { $0["action"]?.stringValue == action && $0["changes"]?["provider"]?.stringValue == provider }
        }
        let givenApp = try XCTUnwrap(logged("oauth_app.created", provider: "mcp:\(givenID)").first, log.body)
        XCTAssertEqual(givenApp["changes"]?["client_id"], "widgets-client")
        XCTAssertEqual(givenApp["changes"]?["secrets"], ["client_secret"], "a secret was set: named, never shown")
        XCTAssertEqual(givenApp["changes"]?["registered"], false)
        XCTAssertEqual(givenApp["changes"]?["redirect_uri"]?.stringValue, host.callbackURL)
        XCTAssertTrue(givenApp["target"]?.stringValue?.hasPrefix("oapp_") == true, log.body)
        let deletedApp = try XCTUnwrap(logged("oauth_app.deleted", provider: "mcp:\(givenID)").first, log.body)
        XCTAssertEqual(deletedApp["target"], givenApp["target"], "the deletion names the app the creation did")

        let registeredApp = try XCTUnwrap(logged("oauth_app.created", provider: "mcp:\(registeredID)").first, log.body)
        XCTAssertEqual(registeredApp["changes"]?["registered"], true)
        XCTAssertNil(registeredApp["changes"]?["secrets"], "a public client the host registered has no secret")
        XCTAssertEqual(registeredApp["changes"]?["client_id"]?.stringValue, authorization.clientIDs.first { $0 != "widgets-client" })
        XCTAssertTrue(logged("oauth_app.deleted", provider: "mcp:\(registeredID)").isEmpty)

        let connections = entries.filter { $0["action"]?.stringValue?.hasPrefix("connection.") == true }
        XCTAssertEqual(connections.filter { $0["action"] == "connection.created" }.compactMap { $0["target"]?.stringValue }.sorted(),
                       [givenID, registeredID, bearerID].sorted())
        let bearerEntry = connections.first { $0["target"]?.stringValue == bearerID }
        XCTAssertEqual(bearerEntry?["changes"]?["credentials"], ["token"], log.body)
        XCTAssertEqual(bearerEntry?["changes"]?["provider"]?.stringValue, "mcp:\(bearerID)")
        XCTAssertTrue(logged("oauth_app.created", provider: "mcp:\(bearerID)").isEmpty, "a server without OAuth has no OAuth app")
        XCTAssertEqual(connections.filter { $0["action"] == "connection.deleted" }.compactMap { $0["target"]?.stringValue }, [givenID])

        // Another account's log shows none of it.
        let otherAdmin = try await host.key(account: "globex", scopes: [.admin])
        let other = try await host.request("GET", "/v1/audit?limit=100", key: otherAdmin)
        XCTAssertFalse(other.body.contains(givenID), other.body)
    }

    func testBadOAuthRequestsAreRefusedBeforeAnythingIsKept() async throws {
        let noRedirect = try await host.request("POST", "/v1/mcp-connections", key: key,
                                                json: ["url": .string(remote.url), "auth": ["type": "oauth2"]])
        XCTAssertEqual(noRedirect.status, 400, noRedirect.body)
        XCTAssertEqual(noRedirect.errorField, "auth.redirect_uri")
        // A host without a public URL says both ways out.
        for way in ["auth.redirect_uri", "--public-url", "PATCHBAY_PUBLIC_URL"] {
            XCTAssertTrue(noRedirect.errorMessage?.contains(way) == true, "\(way) is not named: \(noRedirect.body)")
        }
        let relative = try await create(["redirect_uri": "/oauth/callback"])
        XCTAssertEqual(relative.errorField, "auth.redirect_uri", relative.body)
        let secretAlone = try await create(["client_secret": "s3cret"])
        XCTAssertEqual(secretAlone.status, 400, secretAlone.body)
        XCTAssertEqual(secretAlone.errorField, "auth.client_secret")
        let tokenToo = try await create(["token": "abc"])
        XCTAssertEqual(tokenToo.errorField, "auth.token", tokenToo.body)
        let badScope = try await create(["scopes": ["two words"]])
        XCTAssertEqual(badScope.errorField, "auth.scopes", badScope.body)
        let wrongType = try await create(["scopes": "tools:read"])
        XCTAssertEqual(wrongType.status, 400, wrongType.body)
        let clientWithBearer = try await host.request("POST", "/v1/mcp-connections", key: key, json: [
            "url": .string(remote.url), "auth": ["type": "bearer", "token": "abc", "client_id": "x"],
        ])
        XCTAssertEqual(clientWithBearer.errorField, "auth.client_id", clientWithBearer.body)
        let unknownType = try await create(["type": "oauth1"])
        XCTAssertEqual(unknownType.status, 400, unknownType.body)

        authorization.setRegistrationOpen(false)
        let unregistrable = try await create()
        XCTAssertEqual(unregistrable.status, 400, unregistrable.body)
        XCTAssertEqual(unregistrable.errorCode, "mcp_oauth_registration_unsupported")

        // A server that publishes no protected resource metadata: nothing to authorize with.
        let plain = try await FakeMCPServer.start(token: "static-token")
        let undiscoverable = try await create(url: plain.url)
        await plain.stop()
        XCTAssertEqual(undiscoverable.status, 502, undiscoverable.body)
        XCTAssertEqual(undiscoverable.errorCode, "mcp_oauth_discovery_failed")

        let listed = try await host.request("GET", "/v1/mcp-connections", key: key)
        XCTAssertEqual(listed.json["data"], [], "a refused request kept a connection")
        let apps = try await host.request("GET", "/v1/oauth-apps", key: key)
        XCTAssertEqual(apps.json["data"], [], "a refused request kept an OAuth app")
    }
}
