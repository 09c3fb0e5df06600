import PatchbayModel
import PatchbayServices
import PatchbayWire

/// Credential records as clients see them: an API key by its prefix and scopes, an OAuth app
/// without its secret, a connection's token lifecycle without its tokens.
extension Views {
    static func apiKey(_ record: APIKeyRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "prefix": .string("pb_\(record.prefix)"),
            "scopes": .array(record.scopes.map(JSONValue.string)),
            "created_at": time(record.createdAt),
            "revoked_at": time(record.revokedAt),
            "rate_limit": record.rateLimit.map { .integer(Int64($0)) } ?? .null,
        ]
    }

    static func oauthApp(_ record: OAuthAppRecord) -> JSONValue {
        [
            "provider": .string(record.provider),
            "client_id": .string(record.clientID),
            "has_client_secret": true,
            "scopes": .array(record.scopes.map(JSONValue.string)),
            "redirect_uri": .string(record.redirectURI),
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func authorization(_ authorization: OAuthService.Authorization) -> JSONValue {
        var view = connection(authorization.connection).objectValue ?? [:]
        view["oauth_url"] = authorization.oauthURL.map(JSONValue.string) ?? .null
        return .object(view)
    }

    static func connectionAuth(_ record: ConnectionRecord, _ auth: ConnectionAuthRecord?) -> JSONValue {
        [
            "connection_id": .string(record.id),
            "status": .string(record.status.rawValue),
            "reason": auth?.statusReason.map(JSONValue.string) ?? .null,
            "expires_at": time(auth?.expiresAt),
            "refreshed_at": time(auth?.refreshedAt),
        ]
    }
}
