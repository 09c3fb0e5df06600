import Foundation
import HTTPTypes
public import Hummingbird
import PatchbayClock
import PatchbayWire

extension FakeOAuth {
    /// Paths below `<prefix>/<provider host>/`, as on the provider's own host.
    var authorizePath: String {
        switch dialect {
        case .slack: return "oauth/v2/authorize"
        case .github: return "login/oauth/authorize"
        case .google: return "o/oauth2/v2/auth"
        case .shopify: return "admin/oauth/authorize"
        }
    }

    var tokenPath: String {
        switch dialect {
        case .slack: return "api/oauth.v2.access"
        case .github: return "login/oauth/access_token"
        case .google: return "token"
        case .shopify: return "admin/oauth/access_token"
        }
    }

    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let group = router.group(RouterPath(prefix))
        group.get(RouterPath(":host/" + authorizePath)) { request, context in
            self.authorize(request, host: context.parameters.get("host") ?? "")
        }
        group.post(RouterPath(":host/" + tokenPath)) { request, _ in
            try await self.token(request)
        }
        // Not a provider endpoint: lets a sandbox user revoke the app, to see the host's
        // `needs_reauth` path without a real account.
        group.post("_sandbox/revoke") { _, _ in
            self.revokeAll()
            return Self.json(.ok, ["revoked": true])
        }
    }

    // MARK: Consent page

    func authorize(_ request: Request, host: String) -> Response {
        let query = FormURLEncoding.lenientDictionary(request.uri.query ?? "")
        return lock.withLock {
            authorizeLog.append(query)
            guard let clientID = query["client_id"], let app = apps[clientID] else {
                return Self.page(.badRequest, "Unknown client_id")
            }
            // Providers refuse to redirect anywhere but the registered URI: the classic setup mistake.
            guard query["redirect_uri"] == app.redirectURI else {
                return Self.page(.badRequest, "The redirect_uri does not match the one registered for this application")
            }
            guard let state = query["state"] else { return Self.page(.badRequest, "state is required") }
            if query["code_challenge"] != nil, query["code_challenge_method"] != "S256" {
                return Self.page(.badRequest, "code_challenge_method must be S256")
            }
            var parameters: [String: String]
            if denyNext {
                denyNext = false
                parameters = ["error": "access_denied", "state": state]
                if dialect == .github { parameters["error_description"] = "The user has denied your application access." }
            } else {
                let code = randomToken("")
                codes[code] = CodeGrant(clientID: clientID, redirectURI: app.redirectURI, challenge: query["code_challenge"],
                                        scope: query["scope"] ?? "", issuedAt: clock.now)
                parameters = ["code": code, "state": state]
                if dialect == .shopify {
                    parameters["shop"] = host
                    parameters["timestamp"] = String(clock.wallMillis / 1000)
                    parameters["hmac"] = Self.shopifyHMAC(parameters, secret: app.secret)
                }
            }
            var response = Response(status: .found)
            response.headers[.location] = app.redirectURI + "?" + Self.formEncode(parameters)
            return response
        }
    }

    // MARK: Token endpoint

    func token(_ request: Request) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 1 << 16))
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = RecordedRequest(method: "POST", path: request.uri.path, query: [:], headers: headers, body: body)
        let form = FormURLEncoding.dictionary(body) ?? [:]
        let wantsJSON = headers["accept"]?.contains("application/json") == true
        let draw = controls.record(recorded)
        await draw.hold.wait()
        if let retryAfter = draw.throttleRetryAfter {
            return throttled(retryAfter: retryAfter, status: draw.throttleStatus)
        }
        if let code = draw.failure { return failure(code: code, json: wantsJSON) }
        return lock.withLock {
            var clientID = form["client_id"]
            var secret = form["client_secret"]
            if let basic = headers["authorization"], basic.hasPrefix("Basic "),
               let decoded = Data(base64Encoded: String(basic.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":") {
                clientID = String(decoded[..<colon])
                secret = String(decoded[decoded.index(after: colon)...])
            }
            guard let clientID, let app = apps[clientID], app.secret == secret else {
                return failure(.invalidClient, json: wantsJSON)
            }
            if form["grant_type"] == "refresh_token" {
                // Checked and rotated under `lock`: of two refreshes with one token, only the first succeeds.
                guard refreshPrefix != nil, let presented = form["refresh_token"], controls.grant(for: presented) == clientID else {
                    return failure(.invalidRefresh, json: wantsJSON)
                }
                refreshes += 1
                var rotated: String?
                if rotatesRefreshTokens {
                    controls.revokeToken(presented)
                    rotated = issueRefreshToken(clientID)
                }
                return success(refreshToken: rotated, scope: "", json: wantsJSON)
            }
            guard let code = form["code"], let grant = codes.removeValue(forKey: code), grant.clientID == clientID,
                  clock.now - grant.issuedAt < Self.codeLifetime
            else { return failure(.invalidCode, json: wantsJSON) }
            if dialect == .slack || dialect == .google, form["redirect_uri"] != grant.redirectURI {
                return failure(.invalidCode, json: wantsJSON)
            }
            if let challenge = grant.challenge {
                guard let verifier = form["code_verifier"], Self.challenge(for: verifier) == challenge else {
                    return failure(.invalidCode, json: wantsJSON)
                }
            }
            return success(refreshToken: refreshPrefix == nil ? nil : issueRefreshToken(clientID), scope: grant.scope, json: wantsJSON)
        }
    }

    private func issueRefreshToken(_ clientID: String) -> String {
        let token = randomToken(refreshPrefix ?? "")
        controls.addToken(token, grant: clientID)
        issued.append(token)
        return token
    }

    private func success(refreshToken: String?, scope: String, json: Bool) -> Response {
        let accessToken = randomToken(accessPrefix)
        register(accessToken)
        issued.append(accessToken)
        var fields: [String: JSONValue] = ["access_token": .string(accessToken), "scope": .string(scope)]
        if let lifetime { fields["expires_in"] = .integer(Int64(lifetime)) }
        if let refreshToken { fields["refresh_token"] = .string(refreshToken) }
        switch dialect {
        case .slack:
            fields["ok"] = true
            fields["token_type"] = "bot"
            fields["app_id"] = "A0PATCHBAY"
            fields["bot_user_id"] = "U0BOT"
            fields["team"] = ["id": "T0SANDBOX", "name": "Sandbox Co"]
            fields["authed_user"] = ["id": "U0INSTALLER"]
        case .github:
            fields["token_type"] = "bearer"
            if refreshToken != nil { fields["refresh_token_expires_in"] = 15_811_200 }
            // GitHub answers form-encoded unless asked for JSON.
            if !json { return Self.form(.ok, fields.mapValues { $0.stringValue ?? $0.intValue.map(String.init) ?? "" }) }
        case .google:
            fields["token_type"] = "Bearer"
        case .shopify:
            break
        }
        return Self.json(.ok, .object(fields))
    }

    enum Refusal { case invalidClient, invalidCode, invalidRefresh }

    /// Each provider's own way of saying no.
    private func failure(_ refusal: Refusal, json: Bool) -> Response {
        switch dialect {
        case .slack:
            let code = refusal == .invalidClient ? "invalid_client_id" : refusal == .invalidCode ? "invalid_code" : "invalid_refresh_token"
            return failure(code: code, json: json)
        case .github:
            let code = refusal == .invalidClient ? "incorrect_client_credentials" : refusal == .invalidCode ? "bad_verification_code" : "bad_refresh_token"
            return failure(code: code, json: json)
        case .google:
            return failure(code: refusal == .invalidClient ? "invalid_client" : "invalid_grant", json: json)
        case .shopify:
            return failure(code: "invalid_request", json: json)
        }
    }

    /// Error `code` in the provider's format, with the status it answers it with.
    private func failure(code: String, json: Bool) -> Response {
        switch dialect {
        case .slack:
            return Self.json(.ok, ["ok": false, "error": .string(code)])
        case .github:
            let fields = ["error": code, "error_description": "The code passed is incorrect or expired.",
                          "error_uri": "https://docs.github.com/apps/troubleshooting"]
            return json ? Self.json(.ok, .object(fields.mapValues(JSONValue.string))) : Self.form(.ok, fields)
        case .google:
            return code == "invalid_client"
                ? Self.json(.unauthorized, ["error": .string(code), "error_description": "Unauthorized"])
                : Self.json(.badRequest, ["error": .string(code), "error_description": "Bad Request"])
        case .shopify:
            return Self.json(.badRequest, ["error": .string(code),
                                           "error_description": "The authorization code was not found or was already used"])
        }
    }

    /// A rate-limited token exchange: `status` (429 unless the test asked otherwise) with
    /// `Retry-After`, and the provider's own body for it.
    private func throttled(retryAfter: Int, status: Int) -> Response {
        let body: JSONValue
        switch dialect {
        case .slack: body = ["ok": false, "error": "ratelimited"]
        case .github: body = ["message": "API rate limit exceeded", "documentation_url": "https://docs.github.com/rest/rate-limit"]
        case .google: body = ["error": "rate_limit_exceeded", "error_description": "Rate Limit Exceeded"]
        case .shopify: body = ["errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."]
        }
        var response = Self.json(HTTPResponse.Status(code: status), body)
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }

    // MARK: Encoding

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        let data = (try? WireCoding.encode(value)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func form(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        Response(status: status, headers: [.contentType: "application/x-www-form-urlencoded; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: formEncode(fields))))
    }

    static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    static func formEncode(_ fields: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return fields.sorted { $0.key < $1.key }
            .map { "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
