import Foundation
import PatchbayWire

/// What the host learned of a remote MCP server's authorization, kept with the server: the
/// resource its tokens are bound to (RFC 8707) and its authorization server's endpoints (RFC
/// 8414). As the server's provider manifest's `oauth`, it lets the host's OAuth flow (state,
/// PKCE, code exchange, refresh, `needs_reauth`) run for the server as for any provider.
struct MCPAuthorization: Sendable, Equatable {
    /// The protected resource, as its metadata names it: the `resource` of every authorize and token request.
    var resource: String
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var scopes: [String]
    /// How a confidential client authenticates at the token endpoint (`basic` unless the server only takes `body`).
    var clientAuth: OAuthSpec.ClientAuth
    /// The client was registered by the host (RFC 7591) rather than given by the account.
    var registered: Bool
    /// Where the authorization server registers clients, if it does.
    var registrationEndpoint: String?

    var json: JSONValue {
        [
            "resource": .string(resource), "issuer": .string(issuer),
            "authorization_endpoint": .string(authorizationEndpoint), "token_endpoint": .string(tokenEndpoint),
            "scopes": .array(scopes.map(JSONValue.string)), "client_auth": .string(clientAuth.rawValue),
            "registered": .bool(registered),
            "registration_endpoint": registrationEndpoint.map(JSONValue.string) ?? .null,
        ]
    }

    init(resource: String, issuer: String, authorizationEndpoint: String, tokenEndpoint: String, scopes: [String],
         clientAuth: OAuthSpec.ClientAuth, registered: Bool) {
        self.resource = resource
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.scopes = scopes
        self.clientAuth = clientAuth
        self.registered = registered
    }

    /// Reads what `json` wrote; nil for a server without OAuth or a record that does not read.
    init?(_ json: JSONValue?) {
        guard let json, let resource = json["resource"]?.stringValue, let issuer = json["issuer"]?.stringValue,
              let authorize = json["authorization_endpoint"]?.stringValue, let token = json["token_endpoint"]?.stringValue
        else { return nil }
        self.init(resource: resource, issuer: issuer, authorizationEndpoint: authorize, tokenEndpoint: token,
                  scopes: json["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                  clientAuth: json["client_auth"]?.stringValue.flatMap(OAuthSpec.ClientAuth.init(rawValue:)) ?? .basic,
                  registered: json["registered"]?.boolValue ?? false)
        registrationEndpoint = json["registration_endpoint"]?.stringValue
    }

    /// The provider's OAuth as the host's flow runs it: PKCE with S256 always (the MCP
    /// authorization specification requires it), the `resource` on authorize and token
    /// requests (the token exchange sends an authorize `resource` along), refresh tokens used when issued, the access token sent as the bearer token.
    func spec(credential: String) -> OAuthSpec {
        OAuthSpec(authorizeURL: authorizationEndpoint, tokenURL: tokenEndpoint, pkce: true, clientAuth: clientAuth,
                  credential: credential, refresh: true, defaultScopes: scopes,
                  authorizeParams: ["resource": resource])
    }
}
