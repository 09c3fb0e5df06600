import Foundation
import PatchbayWire

/// How a connector's requests are authenticated. The secrets live in each connection's vault
/// entry under fixed field names; the definition only says where they go.
enum ConnectorAuth: Sendable, Equatable {
    case none
    /// `Authorization: Bearer <token>`.
    case bearer
    /// `Authorization: Basic base64(<username>:<password>)`.
    case basic
    /// The key in a header or a query parameter of every request.
    case apiKey(in: KeyPlacement, name: String)
    /// Through the account's OAuth app for this connector; the access token is the bearer.
    case oauth2(OAuthSpec)

    enum Kind: String, CaseIterable { case none, bearer, basic, apiKey = "api_key", oauth2 }
    enum KeyPlacement: String, CaseIterable { case header, query }

    init(_ value: JSONValue?, at path: String) throws {
        guard let value else { self = .none; return }
        let probe = try DefinitionReader(value, at: path, known: ["type", "in", "name", "authorize_url", "token_url", "scopes",
                                                                  "pkce", "client_auth", "refresh", "scope_separator"])
        let kind = try probe.oneOf("type", Kind.self) ?? .none
        let allowed: Set<String>
        switch kind {
        case .none, .bearer, .basic: allowed = ["type"]
        case .apiKey: allowed = ["type", "in", "name"]
        case .oauth2: allowed = ["type", "authorize_url", "token_url", "scopes", "pkce", "client_auth", "refresh", "scope_separator"]
        }
        let reader = try DefinitionReader(value, at: path, known: allowed)
        switch kind {
        case .none: self = .none
        case .bearer: self = .bearer
        case .basic: self = .basic
        case .apiKey:
            guard let placement = try reader.oneOf("in", KeyPlacement.self) else {
                throw ServiceError.validation("\(reader.field("in")) is required: header or query", field: reader.field("in"))
            }
            let name = try reader.requiredString("name")
            if placement == .header { try HeaderNames.check(name, field: reader.field("name")) }
            self = .apiKey(in: placement, name: name)
        case .oauth2:
            let authorize = try Self.url(reader, "authorize_url")
            let token = try Self.url(reader, "token_url")
            self = .oauth2(OAuthSpec(
                authorizeURL: authorize, tokenURL: token, pkce: try reader.bool("pkce") ?? true,
                clientAuth: try reader.oneOf("client_auth", OAuthSpec.ClientAuth.self) ?? .body,
                credential: Self.accessToken, refresh: try reader.bool("refresh") ?? true,
                defaultScopes: try reader.strings("scopes") ?? [], scopeSeparator: try reader.string("scope_separator") ?? " "))
        }
    }

    private static func url(_ reader: DefinitionReader, _ key: String) throws -> String {
        let raw = try reader.requiredString(key)
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ServiceError.validation("\(reader.field(key)) must be an http or https URL", field: reader.field(key))
        }
        return raw
    }

    static let accessToken = "access_token"

    /// The scheme egress injects.
    var scheme: AuthScheme {
        switch self {
        case .none: return AuthScheme(type: .none)
        case .bearer: return .bearer("token")
        case .basic: return AuthScheme(type: .basic, username: "username", password: "password")
        case .apiKey(.header, let name): return .header(name, credential: "api_key")
        case .apiKey(.query, let name): return AuthScheme(type: .query, credential: "api_key", param: name)
        case .oauth2: return .bearer(Self.accessToken)
        }
    }

    /// What a connection to the connector must supply.
    var credentials: [CredentialField] {
        switch self {
        case .none:
            return []
        case .bearer:
            return [CredentialField(name: "token", label: "Token", description: "Sent as Authorization: Bearer.")]
        case .basic:
            return [CredentialField(name: "username", label: "User name", description: "Sent with HTTP basic authentication."),
                    CredentialField(name: "password", label: "Password", description: "Sent with HTTP basic authentication.")]
        case .apiKey(let placement, let name):
            return [CredentialField(name: "api_key", label: "API key",
                                    description: placement == .header ? "Sent in the \(name) header." : "Sent as the \(name) query parameter.")]
        case .oauth2:
            return [CredentialField(name: Self.accessToken, label: "Access token",
                                    description: "Obtained through the account's OAuth app, or pasted.")]
        }
    }

    var oauth: OAuthSpec? {
        if case .oauth2(let spec) = self { return spec }
        return nil
    }

    /// The header that carries the secret, which a definition's own headers may not set.
    var secretHeader: String? {
        switch self {
        case .none: return nil
        case .bearer, .basic, .oauth2: return "authorization"
        case .apiKey(.header, let name): return name.lowercased()
        case .apiKey(.query, _): return nil
        }
    }
}
