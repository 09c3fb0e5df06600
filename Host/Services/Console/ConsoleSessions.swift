import Foundation
import PatchbayClock
import PatchbayModel
import PatchbayVault
import PatchbayWebhookSchemes
import PatchbayWire

/// Signs browsers in to the console with an API key, and turns their session cookie back into
/// the key's principal on every request.
///
/// The key is sealed with the vault into the cookie (HttpOnly, so page scripts never see it),
/// next to a CSRF token that the page repeats in `X-CSRF-Token`: a forged cross-site request
/// carries neither the cookie (SameSite=Strict) nor the token. The key is checked again on every
/// request, so revoking it ends its sessions.
public struct ConsoleSessions: Sendable {
    /// How long a session lasts; signing in again starts a new one.
    public static let lifetime: Int64 = 12 * 3600 * 1000
    static let sealingContext = "console-session"

    private let vault: Vault
    private let apiKeys: APIKeyService
    /// Sessions start and end by the host's clock.
    private let clock: any HostClock

    init(vault: Vault, apiKeys: APIKeyService, clock: any HostClock) {
        self.vault = vault
        self.apiKeys = apiKeys
        self.clock = clock
    }

    /// A new session for a valid key: the sealed cookie value, the session, and who it is.
    public func start(key: String) async throws -> (sealed: String, session: ConsoleSession, principal: Principal) {
        let key = key.trimmingCharacters(in: .whitespacesAndNewlines)
        let principal = try await apiKeys.authenticate(key)
        let session = ConsoleSession(key: key, csrfToken: Self.token(), expiresAt: clock.wallMillis + Self.lifetime)
        let payload: JSONValue = ["k": .string(session.key), "c": .string(session.csrfToken), "e": .integer(session.expiresAt)]
        let sealed = try vault.seal(try WireCoding.encode(payload), context: Self.sealingContext)
        return (sealed, session, principal)
    }

    /// The session a cookie holds; a cookie that was altered, sealed by a retired master key or
    /// is past its end is refused alike.
    public func open(_ sealed: String) throws -> ConsoleSession {
        let expired = ServiceError(.unauthenticated, "session_expired", "the console session has ended; sign in again")
        guard let data = try? vault.open(sealed, context: Self.sealingContext),
              let payload = try? WireCoding.decode(JSONValue.self, from: data).objectValue,
              let key = payload["k"]?.stringValue, let csrf = payload["c"]?.stringValue,
              let expires = payload["e"]?.intValue.map(Int64.init) else { throw expired }
        guard expires > clock.wallMillis else { throw expired }
        return ConsoleSession(key: key, csrfToken: csrf, expiresAt: expires)
    }

    /// The principal behind a session cookie. A request that may change state must repeat the
    /// session's CSRF token, or it is refused before the key is even looked at.
    public func authenticate(_ sealed: String, stateChanging: Bool, csrfToken: String?) async throws -> Principal {
        let session = try open(sealed)
        if stateChanging { try Self.check(csrfToken, against: session.csrfToken) }
        return try await apiKeys.authenticate(session.key)
    }

    /// Compares in constant time (the webhook verifier's comparison), so the token cannot be guessed a byte at a time.
    public static func check(_ presented: String?, against expected: String) throws {
        guard let presented, !expected.isEmpty, WebhookVerifier.constantTimeEqual(presented, expected) else {
            throw ServiceError(.forbidden, "csrf_token_invalid",
                               "this request changes state and must carry the console's X-CSRF-Token")
        }
    }

    /// 32 random bytes in base64url: a CSRF token, or the one-time value the sign-in form repeats.
    public static func token() -> String {
        IDs.randomBytes(count: 32).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
