import Foundation

/// The OAuth part of a request to connect an MCP server, checked before anything is sent.
struct MCPOAuthClientDraft: Sendable {
    var clientID: String?
    var clientSecret: String?
    var scopes: [String]?
    var redirectURI: String

    /// Nil when the connection is not made with OAuth; refuses OAuth fields given with another auth type.
    /// Without `auth.redirect_uri`, the redirect URI is the host's callback under its public URL.
    init?(_ draft: MCPServerService.Draft, publicURL: PublicURL?) throws {
        guard draft.authType == "oauth2" else {
            for (value, field) in [(draft.clientID, "auth.client_id"), (draft.clientSecret, "auth.client_secret"),
                                   (draft.redirectURI, "auth.redirect_uri")] where value != nil {
                throw ServiceError.validation("\(field) is only taken with auth.type oauth2", field: field)
            }
            if draft.scopes != nil { throw ServiceError.validation("auth.scopes is only taken with auth.type oauth2", field: "auth.scopes") }
            return nil
        }
        guard let redirectURI = draft.redirectURI ?? publicURL?.oauthCallback else {
            throw ServiceError.validation(
                "auth.redirect_uri is required with auth.type oauth2 on a host without a public URL: give auth.redirect_uri (the absolute URL of this host's \(OAuthService.callbackPath)), or start the host with --public-url (PATCHBAY_PUBLIC_URL) and it defaults to <public URL>\(OAuthService.callbackPath)",
                field: "auth.redirect_uri")
        }
        guard redirectURI.count <= 2048, let url = URL(string: redirectURI),
              ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil, url.fragment == nil
        else {
            throw ServiceError.validation("auth.redirect_uri must be the absolute http(s) URL of this host's \(OAuthService.callbackPath)",
                                          field: "auth.redirect_uri")
        }
        try ControlCharacters.refuse(in: redirectURI, field: "auth.redirect_uri")
        if let clientID = draft.clientID {
            guard (1...500).contains(clientID.count) else { throw ServiceError.validation("auth.client_id must be 1 to 500 characters", field: "auth.client_id") }
            try ControlCharacters.refuse(in: clientID, field: "auth.client_id")
        }
        if let secret = draft.clientSecret {
            guard draft.clientID != nil else {
                throw ServiceError.validation("auth.client_secret is only taken with the auth.client_id it belongs to", field: "auth.client_secret")
            }
            guard (1...1000).contains(secret.count) else {
                throw ServiceError.validation("auth.client_secret must be 1 to 1000 characters", field: "auth.client_secret")
            }
            try ControlCharacters.refuse(in: secret, field: "auth.client_secret")
        }
        if let scopes = draft.scopes {
            for scope in scopes { try ControlCharacters.refuse(in: scope, field: "auth.scopes") }
            guard scopes.count <= 50 else { throw ServiceError.validation("auth.scopes names at most 50 scopes", field: "auth.scopes") }
            if let bad = scopes.first(where: { $0.isEmpty || $0.count > 200 || $0.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "\\" }) }) {
                throw ServiceError.validation("scope \"\(bad)\" must be one word of up to 200 characters", field: "auth.scopes")
            }
        }
        clientID = draft.clientID
        clientSecret = draft.clientSecret
        scopes = draft.scopes
        self.redirectURI = redirectURI
    }
}
