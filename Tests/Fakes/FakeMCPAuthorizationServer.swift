import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PatchbayWire

/// An OAuth 2 authorization server as the MCP authorization specification expects one, on
/// loopback: its metadata (RFC 8414) at the well-known URI of an issuer with a path, dynamic
/// client registration (RFC 7591), a consent page that consents at once, and a token endpoint
/// with single-use codes bound to the client, redirect URI, PKCE S256 challenge and `resource`
/// (RFC 8707), rotating refresh tokens, and `invalid_grant` for anything used up or revoked.
/// `FakeMCPServer` asks it whether an access token is good for its resource.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeMCPAuthorizationServer: @unchecked Sendable {
    struct Client {
        var secret: String?
        var redirectURIs: [String]
    }

    struct Grant {
        var clientID: String
        var redirectURI: String
        var challenge: String
        var resource: String
        var scope: String
    }

    private let lock = NSLock()
    private var clients: [String: Client] = [:]
    private var codes: [String: Grant] = [:]
    /// Live access tokens and the resource each is good for.
    private var accessTokens: [String: String] = [:]
    /// Live refresh tokens and the grant each continues.
    private var refreshTokens: [String: Grant] = [:]
    private var lifetime = 3600
    private var registrationOpen = true
    private var registrations = 0
    private var refreshes = 0
    private var authorizeLog: [[String: String]] = []
    private var tokenLog: [[String: String]] = []
    private var issued: [String] = []
    private var loopback: LoopbackServer?
    public private(set) var issuer = ""

    private init() {}

    public static func start() async throws -> FakeMCPAuthorizationServer {
        let fake = FakeMCPAuthorizationServer()
        let router = Router()
        router.get("/.well-known/oauth-authorization-server/tenant") { _, _ in fake.metadata() }
        router.post("/tenant/register") { request, _ in try await fake.register(request) }
        router.get("/tenant/authorize") { request, _ in fake.authorize(request) }
        router.post("/tenant/token") { request, _ in try await fake.token(request) }
        let server = try await LoopbackServer.start(router, label: "patchbay.fake-mcp-oauth")
        fake.loopback = server
        fake.issuer = "http://127.0.0.1:\(server.port)/tenant"
        return fake
    }

    public func stop() async {
        await loopback?.stop()
    }

    // MARK: Controls

    /// A client registered by hand, as an account does in the server's console.
    public func registerClient(id: String, secret: String?, redirectURI: String) {
        lock.withLock { clients[id] = Client(secret: secret, redirectURIs: [redirectURI]) }
    }

    /// Whether the server takes dynamic registrations (and says so in its metadata).
    public func setRegistrationOpen(_ open: Bool) {
        lock.withLock { registrationOpen = open }
    }

    /// Seconds an access token issued from now on lives, as `expires_in` says.
    public func setAccessTokenLifetime(_ seconds: Int) {
        lock.withLock { lifetime = seconds }
    }

    /// Access tokens stop working; refresh tokens still do: the server rotated its signing key.
    public func revokeAccessTokens() {
        lock.withLock { accessTokens.removeAll() }
    }

    /// Every token stops working: the user revoked the client's access.
    public func revokeAll() {
        lock.withLock {
            accessTokens.removeAll()
            refreshTokens.removeAll()
        }
    }

    /// Whether `token` is a live access token issued for `resource`.
    public func accepts(_ token: String, resource: String) -> Bool {
        lock.withLock { accessTokens[token] == resource }
    }

    public var registrationCount: Int { lock.withLock { registrations } }
    public var refreshCount: Int { lock.withLock { refreshes } }
    /// Query parameters of each consent page visit.
    public var authorizeRequests: [[String: String]] { lock.withLock { authorizeLog } }
    /// Form fields of each token request.
    public var tokenRequests: [[String: String]] { lock.withLock { tokenLog } }
    /// Every access and refresh token handed out, oldest first.
    public var issuedTokens: [String] { lock.withLock { issued } }
    /// The clients registered, dynamically or by hand.
    public var clientIDs: [String] { lock.withLock { Array(clients.keys) } }

    // MARK: Endpoints

    private func metadata() -> Response {
        lock.withLock {
            var document: [String: JSONValue] = [
                "issuer": .string(issuer), "authorization_endpoint": .string(issuer + "/authorize"),
                "token_endpoint": .string(issuer + "/token"), "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code", "refresh_token"], "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            ]
            if registrationOpen { document["registration_endpoint"] = .string(issuer + "/register") }
            return Self.json(.ok, .object(document))
        }
    }

    private func register(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 16)
        guard let metadata = try? WireCoding.decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            return Self.json(.badRequest, ["error": "invalid_client_metadata", "error_description": "the body is not JSON"])
        }
        let redirectURIs = metadata["redirect_uris"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !redirectURIs.isEmpty, redirectURIs.allSatisfy({ URL(string: $0)?.scheme != nil }) else {
            return Self.json(.badRequest, ["error": "invalid_redirect_uri", "error_description": "redirect_uris are required"])
        }
        return lock.withLock {
            guard registrationOpen else { return Self.json(.notFound, ["error": "not_found"]) }
            let method = metadata["token_endpoint_auth_method"]?.stringValue ?? "client_secret_basic"
            let id = "dyn-" + Self.random()
            let secret = method == "none" ? nil : Self.random()
            clients[id] = Client(secret: secret, redirectURIs: redirectURIs)
            registrations += 1
            var answer: [String: JSONValue] = [
                "client_id": .string(id), "redirect_uris": .array(redirectURIs.map(JSONValue.string)),
                "token_endpoint_auth_method": .string(method), "grant_types": metadata["grant_types"] ?? ["authorization_code"],
            ]
            if let secret { answer["client_secret"] = .string(secret) }
            return Self.json(.created, .object(answer))
        }
    }

    private func authorize(_ request: Request) -> Response {
        let query = FormURLEncoding.lenientDictionary(request.uri.query ?? "")
        return lock.withLock {
            authorizeLog.append(query)
            guard let clientID = query["client_id"], let client = clients[clientID] else { return Self.page(.badRequest, "Unknown client_id") }
            guard let redirectURI = query["redirect_uri"], client.redirectURIs.contains(redirectURI) else {
                return Self.page(.badRequest, "The redirect_uri is not registered for this client")
            }
            guard let state = query["state"] else { return Self.page(.badRequest, "state is required") }
            var parameters = ["state": state]
            if query["response_type"] != "code" {
                parameters["error"] = "unsupported_response_type"
            } else if query["code_challenge_method"] != "S256" || query["code_challenge"] == nil {
                parameters["error"] = "invalid_request"
                parameters["error_description"] = "PKCE with S256 is required"
            } else if query["resource"] == nil {
                parameters["error"] = "invalid_target"
            } else {
                let code = Self.random()
                codes[code] = Grant(clientID: clientID, redirectURI: redirectURI, challenge: query["code_challenge"] ?? "",
                                    resource: query["resource"] ?? "", scope: query["scope"] ?? "")
                parameters["code"] = code
            }
            var response = Response(status: .found)
            response.headers[.location] = redirectURI + "?" + FakeOAuth.formEncode(parameters)
            return response
        }
    }

    private func token(_ request: Request) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 1 << 16))
        let form = FormURLEncoding.dictionary(body) ?? [:]
        var clientID = form["client_id"]
        var secret = form["client_secret"]
        if let basic = request.headers[.authorization], basic.hasPrefix("Basic "),
           let decoded = Data(base64Encoded: String(basic.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            clientID = String(decoded[..<colon])
            secret = String(decoded[decoded.index(after: colon)...])
        }
        return lock.withLock {
            tokenLog.append(form)
            guard let clientID, let client = clients[clientID], client.secret == secret else {
                return Self.json(.unauthorized, ["error": "invalid_client"])
            }
            switch form["grant_type"] {
            case "authorization_code":
                guard let code = form["code"], let grant = codes.removeValue(forKey: code), grant.clientID == clientID,
                      form["redirect_uri"] == grant.redirectURI, let verifier = form["code_verifier"],
                      FakeOAuth.challenge(for: verifier) == grant.challenge
                else { return Self.json(.badRequest, ["error": "invalid_grant", "error_description": "the code is invalid, used or not yours"]) }
                guard form["resource"] == grant.resource else { return Self.json(.badRequest, ["error": "invalid_target"]) }
                return issue(grant)
            case "refresh_token":
                guard let presented = form["refresh_token"], let grant = refreshTokens.removeValue(forKey: presented),
                      grant.clientID == clientID
                else { return Self.json(.badRequest, ["error": "invalid_grant", "error_description": "the refresh token is invalid or revoked"]) }
                guard form["resource"] == grant.resource else { return Self.json(.badRequest, ["error": "invalid_target"]) }
                refreshes += 1
                return issue(grant)
            default:
                return Self.json(.badRequest, ["error": "unsupported_grant_type"])
            }
        }
    }

    /// New access and refresh tokens for `grant`; the refresh token rotates with every use.
    private func issue(_ grant: Grant) -> Response {
        let access = "mcp-at-" + Self.random()
        let refresh = "mcp-rt-" + Self.random()
        accessTokens[access] = grant.resource
        refreshTokens[refresh] = grant
        issued += [access, refresh]
        return Self.json(.ok, ["access_token": .string(access), "token_type": "Bearer", "expires_in": .integer(Int64(lifetime)),
                               "refresh_token": .string(refresh), "scope": .string(grant.scope)])
    }

    // MARK: Encoding

    private static func random() -> String {
        (0..<24).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
    }

    private static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var response = FakeOAuth.json(status, value)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        FakeOAuth.page(status, message)
    }
}
