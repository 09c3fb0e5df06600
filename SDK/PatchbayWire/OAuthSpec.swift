/// How the host runs OAuth 2 for a provider: the authorization-code flow, the token exchange
/// and refresh. Optional in the manifest: a provider without it is connected with pasted
/// credentials only. The host does all of it; the plugin only declares the provider's quirks.
public struct OAuthSpec: Codable, Sendable, Equatable {
    /// How the client id and secret travel to the token endpoint.
    public enum ClientAuth: String, Codable, Sendable, CaseIterable {
        /// `Authorization: Basic base64(client_id:client_secret)` (Slack, RFC 6749 default).
        case basic
        /// `client_id` and `client_secret` as form fields of the body (GitHub, Google, Shopify).
        case body
    }

    /// Where users consent. May hold `{field}` placeholders from the connection's config
    /// (Shopify: `https://{shop}.myshopify.com/admin/oauth/authorize`).
    public var authorizeURL: String
    /// Where codes and refresh tokens are exchanged (POST, form-encoded). Placeholders as above.
    public var tokenURL: String
    /// Whether the provider accepts PKCE with S256; the host sends a challenge when it does.
    public var pkce: Bool
    public var clientAuth: ClientAuth
    /// Dotted path of the access token in the token response: `access_token`, or
    /// `authed_user.access_token` for a Slack user token.
    public var accessTokenPath: String
    /// The credential field the access token is stored in (one of the manifest's credentials).
    public var credential: String
    /// Whether the provider issues refresh tokens the host should use before expiry.
    public var refresh: Bool
    /// Scopes requested when the account's OAuth app names none.
    public var defaultScopes: [String]
    /// Joins scopes in the authorize URL: `" "` by the spec, `","` for Slack and Shopify.
    public var scopeSeparator: String
    /// Fixed extra authorize parameters, e.g. Google's `access_type=offline`.
    public var authorizeParams: [String: String]
    /// Values the provider accepts for `prompt` (re-consent, account choice), e.g. `consent`, `select_account`.
    public var promptValues: [String]
    /// The callback carries an `hmac` (hex HMAC-SHA256, keyed with the client secret) over its
    /// other query parameters sorted by name, as Shopify's does.
    public var callbackHMAC: Bool
    /// A callback query parameter that must name the host of `authorizeURL` filled from the
    /// connection's config (Shopify's `shop`: `{shop}.myshopify.com`), so that a callback for
    /// another tenant is refused. Manifests from before this field that set `callback_hmac`
    /// meant `shop`.
    public var callbackHostParam: String?

    public init(authorizeURL: String, tokenURL: String, pkce: Bool, clientAuth: ClientAuth = .body,
                accessTokenPath: String = "access_token", credential: String, refresh: Bool = false,
                defaultScopes: [String] = [], scopeSeparator: String = " ", authorizeParams: [String: String] = [:],
                promptValues: [String] = [], callbackHMAC: Bool = false, callbackHostParam: String? = nil) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.pkce = pkce
        self.clientAuth = clientAuth
        self.accessTokenPath = accessTokenPath
        self.credential = credential
        self.refresh = refresh
        self.defaultScopes = defaultScopes
        self.scopeSeparator = scopeSeparator
        self.authorizeParams = authorizeParams
        self.promptValues = promptValues
        self.callbackHMAC = callbackHMAC
        self.callbackHostParam = callbackHostParam
    }

    enum CodingKeys: String, CodingKey {
        case pkce, credential, refresh
        case authorizeURL = "authorize_url"
        case tokenURL = "token_url"
        case clientAuth = "client_auth"
        case accessTokenPath = "access_token_path"
        case defaultScopes = "default_scopes"
        case scopeSeparator = "scope_separator"
        case authorizeParams = "authorize_params"
        case promptValues = "prompt_values"
        case callbackHMAC = "callback_hmac"
        case callbackHostParam = "callback_host_param"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        authorizeURL = try c.decode(String.self, forKey: .authorizeURL)
        tokenURL = try c.decode(String.self, forKey: .tokenURL)
        credential = try c.decode(String.self, forKey: .credential)
        pkce = try c.decodeIfPresent(Bool.self, forKey: .pkce) ?? false
        clientAuth = try c.decodeIfPresent(ClientAuth.self, forKey: .clientAuth) ?? .body
        accessTokenPath = try c.decodeIfPresent(String.self, forKey: .accessTokenPath) ?? "access_token"
        refresh = try c.decodeIfPresent(Bool.self, forKey: .refresh) ?? false
        defaultScopes = try c.decodeIfPresent([String].self, forKey: .defaultScopes) ?? []
        scopeSeparator = try c.decodeIfPresent(String.self, forKey: .scopeSeparator) ?? " "
        authorizeParams = try c.decodeIfPresent([String: String].self, forKey: .authorizeParams) ?? [:]
        promptValues = try c.decodeIfPresent([String].self, forKey: .promptValues) ?? []
        callbackHMAC = try c.decodeIfPresent(Bool.self, forKey: .callbackHMAC) ?? false
        callbackHostParam = c.contains(.callbackHostParam) || !callbackHMAC
            ? try c.decodeIfPresent(String.self, forKey: .callbackHostParam) : "shop"
    }

    /// Writes `callback_host_param` even when nil, so that a signed callback without the check
    /// does not read back as a manifest from before the field.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(authorizeURL, forKey: .authorizeURL)
        try c.encode(tokenURL, forKey: .tokenURL)
        try c.encode(pkce, forKey: .pkce)
        try c.encode(clientAuth, forKey: .clientAuth)
        try c.encode(accessTokenPath, forKey: .accessTokenPath)
        try c.encode(credential, forKey: .credential)
        try c.encode(refresh, forKey: .refresh)
        try c.encode(defaultScopes, forKey: .defaultScopes)
        try c.encode(scopeSeparator, forKey: .scopeSeparator)
        try c.encode(authorizeParams, forKey: .authorizeParams)
        try c.encode(promptValues, forKey: .promptValues)
        try c.encode(callbackHMAC, forKey: .callbackHMAC)
        try c.encode(callbackHostParam, forKey: .callbackHostParam)
    }
}
