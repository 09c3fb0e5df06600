import Foundation
import PatchbayEgress
import PatchbayWire

/// Finds a remote MCP server's authorization server as the MCP authorization specification
/// says, every request through the host's egress: the server's protected resource metadata (RFC
/// 9728), from its 401's `WWW-Authenticate: Bearer resource_metadata=…` or else the well-known
/// URIs; then the authorization server's metadata (RFC 8414, or OpenID Connect discovery); and
/// registers a client (RFC 7591) when the account brings none.
struct MCPOAuthDiscovery: Sendable {
    let egress: Egress

    /// A client the host registered: public unless the authorization server issued a secret.
    struct Client: Sendable {
        var id: String
        var secret: String?
        var clientAuth: OAuthSpec.ClientAuth
    }

    /// Discovers where tokens for `server` come from. `scopes` are the account's; without
    /// them, those the server's challenge or its metadata name.
    func discover(_ server: URL, scopes: [String]?) async throws -> MCPAuthorization {
        let challenge = try await challenge(server)
        let resourceMetadata = try await protectedResourceMetadata(server, named: challenge["resource_metadata"])
        guard let resource = resourceMetadata["resource"]?.stringValue, Self.covers(resource, server) else {
            throw Self.failure("the server's protected resource metadata names resource \(resourceMetadata["resource"]?.stringValue ?? "none"), not \(server.absoluteString)")
        }
        // The first authorization server the resource names; the specification leaves the choice to the client.
        guard let issuer = resourceMetadata["authorization_servers"]?.arrayValue?.first?.stringValue, let issuerURL = URL(string: issuer),
              ["http", "https"].contains(issuerURL.scheme ?? ""), issuerURL.host != nil
        else { throw Self.failure("the server's protected resource metadata names no authorization server") }
        let metadata = try await authorizationServerMetadata(issuerURL)
        guard metadata["issuer"]?.stringValue == issuer else {
            throw Self.failure("the authorization server's metadata names issuer \(metadata["issuer"]?.stringValue ?? "none"), not \(issuer)")
        }
        guard let authorize = metadata["authorization_endpoint"]?.stringValue, let token = metadata["token_endpoint"]?.stringValue,
              Self.usableEndpoint(authorize), Self.usableEndpoint(token)
        else { throw Self.failure("the authorization server's metadata has no usable authorization_endpoint and token_endpoint") }
        // Without S256 in the metadata there is no PKCE to rely on, and the specification says not to go on.
        guard metadata["code_challenge_methods_supported"]?.arrayValue?.contains("S256") == true else {
            throw ServiceError(.badRequest, "mcp_oauth_unsupported",
                               "the authorization server \(issuer) does not declare PKCE with S256, which MCP authorization requires")
        }
        let named = challenge["scope"].map { $0.split(separator: " ").map(String.init) }
            ?? resourceMetadata["scopes_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let methods = metadata["token_endpoint_auth_methods_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // RFC 8414: client_secret_basic when the server does not say.
        let clientAuth: OAuthSpec.ClientAuth = methods.contains("client_secret_post") && !methods.contains("client_secret_basic") ? .body : .basic
        var authorization = MCPAuthorization(resource: resource, issuer: issuer, authorizationEndpoint: authorize, tokenEndpoint: token,
                                             scopes: scopes ?? named, clientAuth: clientAuth, registered: false)
        authorization.registrationEndpoint = metadata["registration_endpoint"]?.stringValue
        return authorization
    }

    /// Registers the host as a client of the authorization server for `redirectURI` (RFC 7591):
    /// a public client using PKCE, unless the server insists on issuing a secret.
    func register(_ authorization: MCPAuthorization, redirectURI: String) async throws -> Client {
        guard let endpoint = authorization.registrationEndpoint, let url = URL(string: endpoint), Self.usableEndpoint(endpoint) else {
            throw ServiceError(.badRequest, "mcp_oauth_registration_unsupported",
                               "the authorization server \(authorization.issuer) offers no dynamic client registration: give auth.client_id (and auth.client_secret) of a client registered there",
                               field: "auth.client_id")
        }
        var metadata: [String: JSONValue] = [
            "client_name": "Patchbay", "redirect_uris": [.string(redirectURI)], "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"], "token_endpoint_auth_method": "none",
        ]
        if !authorization.scopes.isEmpty { metadata["scope"] = .string(authorization.scopes.joined(separator: " ")) }
        let body = String(decoding: try WireCoding.encode(JSONValue.object(metadata)), as: UTF8.self)
        let response = await send(HTTPRequestMessage(method: "POST", path: url.absoluteString,
                                                     headers: ["Content-Type": "application/json", "Accept": "application/json"], body: body), to: url)
        let answer = try? WireCoding.decode(JSONValue.self, from: Data(response.body.utf8))
        guard (200..<300).contains(response.status), let clientID = answer?["client_id"]?.stringValue, !clientID.isEmpty else {
            let reason = answer?["error"]?.stringValue.map { code in code + (answer?["error_description"]?.stringValue.map { ": \($0)" } ?? "") }
            throw ServiceError(.upstreamRejected, "mcp_oauth_registration_failed",
                               "the authorization server refused to register a client (\(reason ?? "HTTP \(response.status)"))")
        }
        let secret = answer?["client_secret"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let method = answer?["token_endpoint_auth_method"]?.stringValue
        return Client(id: clientID, secret: secret, clientAuth: method == "client_secret_post" ? .body : authorization.clientAuth)
    }

    // MARK: Steps

    /// The parameters of the server's Bearer challenge to a request without a token; empty when it asks for none.
    private func challenge(_ server: URL) async throws -> [String: String] {
        let initialize: JSONValue = [
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "patchbay", "version": "1.0"]],
        ]
        let response = await send(HTTPRequestMessage(
            method: "POST", path: server.absoluteString,
            headers: ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"],
            body: String(decoding: try WireCoding.encode(initialize), as: UTF8.self)), to: server)
        guard response.status == 401, let header = response.headers["www-authenticate"] else { return [:] }
        return Self.bearerParameters(header)
    }

    private func protectedResourceMetadata(_ server: URL, named: String?) async throws -> JSONValue {
        var candidates: [URL] = []
        if let named, let url = URL(string: named), ["http", "https"].contains(url.scheme ?? "") { candidates.append(url) }
        candidates += Self.wellKnown("oauth-protected-resource", for: server, rootToo: true)
        return try await firstDocument(candidates, what: "protected resource metadata")
    }

    private func authorizationServerMetadata(_ issuer: URL) async throws -> JSONValue {
        var candidates = Self.wellKnown("oauth-authorization-server", for: issuer, rootToo: false)
        candidates += Self.wellKnown("openid-configuration", for: issuer, rootToo: false)
        let path = issuer.path.hasSuffix("/") ? String(issuer.path.dropLast()) : issuer.path
        // OpenID Connect's own form for an issuer with a path: appended rather than inserted.
        if !path.isEmpty { candidates.append(issuer.appendingPathComponent(".well-known/openid-configuration")) }
        return try await firstDocument(candidates, what: "authorization server metadata")
    }

    private func firstDocument(_ candidates: [URL], what: String) async throws -> JSONValue {
        var tried: [String] = []
        for url in candidates {
            let response = await send(HTTPRequestMessage(method: "GET", path: url.absoluteString, headers: ["Accept": "application/json"]), to: url)
            if let error = response.error, error.code == "egress_refused" {
                throw ServiceError(.badRequest, "egress_refused", "the host will not connect to \(url.host ?? "?"): \(error.message)")
            }
            if response.status == 200, let document = try? WireCoding.decode(JSONValue.self, from: Data(response.body.utf8)),
               document.objectValue != nil {
                return document
            }
            tried.append("\(url.absoluteString) (\(response.error.map { $0.code } ?? "HTTP \(response.status)"))")
        }
        throw Self.failure("no \(what) found at \(tried.joined(separator: ", "))")
    }

    private func send(_ request: HTTPRequestMessage, to url: URL) async -> HTTPResponseMessage {
        await egress.send(request, to: EgressTarget(baseURL: url, allowedHosts: [], auth: AuthScheme(type: .none), credentials: [:]))
    }

    // MARK: Rules

    /// The well-known URI inserted between the host and the path (RFC 8414 §3.1, RFC 9728 §3.1),
    /// and at the root too when `rootToo` (MCP's fallback for protected resources).
    static func wellKnown(_ suffix: String, for url: URL, rootToo: Bool) -> [URL] {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return [] }
        let path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.query = nil
        components.fragment = nil
        components.path = "/.well-known/" + suffix + path
        var urls = components.url.map { [$0] } ?? []
        if rootToo, !path.isEmpty {
            components.path = "/.well-known/" + suffix
            if let root = components.url { urls.append(root) }
        }
        return urls
    }

    /// Whether a protected resource identifier names the server: the same origin, and the
    /// server's path at or below the resource's.
    static func covers(_ resource: String, _ server: URL) -> Bool {
        guard let resourceURL = URL(string: resource), resourceURL.scheme?.lowercased() == server.scheme?.lowercased(),
              resourceURL.host?.lowercased() == server.host?.lowercased(), resourceURL.port == server.port
        else { return false }
        let base = resourceURL.path.hasSuffix("/") ? String(resourceURL.path.dropLast()) : resourceURL.path
        return base.isEmpty || server.path == base || server.path.hasPrefix(base + "/")
    }

    /// The host's authorize URLs append their own query, and its templates read braces as placeholders.
    static func usableEndpoint(_ endpoint: String) -> Bool {
        guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else { return false }
        return url.query == nil && url.fragment == nil && !endpoint.contains("{") && !endpoint.contains("}")
    }

    /// `Bearer realm="x", resource_metadata="https://…", scope="a b"` as its parameters, names lowercased.
    static func bearerParameters(_ header: String) -> [String: String] {
        guard let range = header.range(of: "bearer", options: [.caseInsensitive, .anchored]) else { return [:] }
        var rest = header[range.upperBound...]
        var parameters: [String: String] = [:]
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ,\t")).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[name] = value
        }
        return parameters
    }

    private static func failure(_ reason: String) -> ServiceError {
        ServiceError(.upstreamFailed, "mcp_oauth_discovery_failed", "cannot find how to authorize with the MCP server: \(reason)")
    }
}
