import Foundation

/// An account's own OAuth app for one provider. The client secret is sealed by the vault.
public struct OAuthAppRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var provider: String
    public var clientID: String
    public var sealedClientSecret: String
    public var scopes: [String]
    public var redirectURI: String
    public var createdAt: Millis
    public var updatedAt: Millis

    public init(id: String, accountID: String, provider: String, clientID: String, sealedClientSecret: String,
                scopes: [String], redirectURI: String, createdAt: Millis, updatedAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.provider = provider
        self.clientID = clientID
        self.sealedClientSecret = sealedClientSecret
        self.scopes = scopes
        self.redirectURI = redirectURI
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One authorization in flight. The id is a hash of the `state` sent to the provider, so the
/// database never holds a usable state; the PKCE verifier is sealed.
public struct OAuthStateRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var connectionID: String
    public var sealedVerifier: String?
    public var redirectURI: String
    public var expiresAt: Millis
    public var createdAt: Millis

    public init(id: String, accountID: String, connectionID: String, sealedVerifier: String?, redirectURI: String,
                expiresAt: Millis, createdAt: Millis) {
        self.id = id
        self.accountID = accountID
        self.connectionID = connectionID
        self.sealedVerifier = sealedVerifier
        self.redirectURI = redirectURI
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}

/// A connection's token lifecycle beside its sealed credentials: when the access token
/// expires, when it was last refreshed, and why the connection is not active, if it is not.
public struct ConnectionAuthRecord: Sendable, Equatable {
    public var connectionID: String
    public var expiresAt: Millis?
    public var refreshedAt: Millis?
    public var statusReason: String?

    public init(connectionID: String, expiresAt: Millis? = nil, refreshedAt: Millis? = nil, statusReason: String? = nil) {
        self.connectionID = connectionID
        self.expiresAt = expiresAt
        self.refreshedAt = refreshedAt
        self.statusReason = statusReason
    }
}

/// Any value the vault sealed, wherever it is stored, for re-encryption under a new key.
public struct SealedSecret: Sendable, Equatable {
    /// Each kind is stored in one column (`SealedColumn`) and sealed with the context `<kind>:<row id>`.
    public enum Kind: String, Sendable, CaseIterable {
        case connection
        case oauthApp = "oauth_app"
        case oauthState = "oauth_state"
        case vaultCanary = "vault_canary"
        case webhookEndpoint = "webhook_endpoint"
        case webhookSubscription = "webhook_subscription"
    }

    public var kind: Kind
    public var rowID: String
    public var sealed: String

    public init(kind: Kind, rowID: String, sealed: String) {
        self.kind = kind
        self.rowID = rowID
        self.sealed = sealed
    }

    /// The authenticated context it was sealed with: `connection:<id>`, `oauth_app:<id>`, ….
    public var context: String { Self.context(kind, rowID) }

    public static func context(_ kind: Kind, _ rowID: String) -> String { "\(kind.rawValue):\(rowID)" }
}
