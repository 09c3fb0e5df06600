import Crypto
import Foundation
public import PatchbayClock

/// A provider's OAuth 2 server as documented: the consent page (which consents at once, or
/// denies when told to), the token endpoint with the provider's own answer format, errors and
/// client authentication, single-use codes bound to client, redirect URI and PKCE challenge,
/// and refresh tokens that rotate (Slack, GitHub) or stay (Google), with `invalid_grant` for
/// one that was rotated out or revoked. Issued access tokens are made valid on the provider's
/// fake API. The token endpoint takes the controls every fake provider API offers: a test
/// holds, throttles, delays or fails token exchanges as it does calls to the API.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeOAuth: FakeProviderAPI, @unchecked Sendable {
    public enum Dialect: String, Sendable, CaseIterable {
        case slack, github, google, shopify
    }

    public let dialect: Dialect
    public let apiPath = ""

    struct App {
        var secret: String
        var redirectURI: String
    }

    /// What an authorization code was issued for, checked when it is exchanged.
    struct CodeGrant {
        var clientID: String
        var redirectURI: String
        var challenge: String?
        var scope: String
        /// When it was issued, on the fake's clock: it is good for `codeLifetime`.
        var issuedAt: ContinuousClock.Instant
    }

    /// How long an authorization code may wait to be exchanged, as the providers allow.
    static let codeLifetime: Duration = .seconds(600)

    let lock = NSLock()
    var apps: [String: App] = [:]
    var codes: [String: CodeGrant] = [:]
    var denyNext = false
    var lifetime: Int?
    var refreshes = 0
    var authorizeLog: [[String: String]] = []
    var issued: [String] = []
    /// Live refresh tokens, each granting the client it belongs to; the token endpoint's
    /// throttling, holds, delays and failures; and each request to the token endpoint.
    public let controls = FakeControls<String>(tokens: [:])
    let register: @Sendable (String) -> Void
    let revoke: @Sendable (String) -> Void
    /// What codes expire and callbacks are stamped by.
    let clock: any HostClock

    /// `register` makes an issued access token valid on the provider's fake API, `revoke`
    /// invalid again.
    public init(dialect: Dialect, register: @escaping @Sendable (String) -> Void,
                revoke: @escaping @Sendable (String) -> Void = { _ in }, clock: any HostClock = SystemClock()) {
        self.dialect = dialect
        self.clock = clock
        self.register = register
        self.revoke = revoke
        lifetime = Self.defaultLifetime(dialect)
    }

    /// Seconds an access token lives, as each provider documents; nil: it does not expire.
    static func defaultLifetime(_ dialect: Dialect) -> Int? {
        switch dialect {
        case .slack: return 43_200
        case .github: return 28_800
        case .google: return 3_599
        case .shopify: return nil
        }
    }

    // MARK: Controls

    /// Registers an OAuth app, as its owner does in the provider's developer console.
    public func registerApp(clientID: String, secret: String, redirectURI: String) {
        lock.withLock { apps[clientID] = App(secret: secret, redirectURI: redirectURI) }
    }

    /// The next consent is refused: the user clicks "Cancel".
    public func denyNextConsent() {
        lock.withLock { denyNext = true }
    }

    /// Lifetime of access tokens issued from now on, in seconds (nil: no expiry is announced).
    public func setAccessTokenLifetime(_ seconds: Int?) {
        lock.withLock { lifetime = seconds }
    }

    /// Every refresh token stops working, as when the user revokes the app.
    public func revokeRefreshTokens() {
        controls.revokeAllTokens()
    }

    /// Every token handed out so far stops working, access tokens on the provider's fake API
    /// included: the user removed the app from their account.
    public func revokeAll() {
        controls.revokeAllTokens()
        lock.withLock { issued.filter { $0.hasPrefix(accessPrefix) } }.forEach(revoke)
    }

    /// Successful refresh grants so far.
    public var refreshCount: Int { lock.withLock { refreshes } }

    /// Query parameters of each consent page visit.
    public var authorizeRequests: [[String: String]] { lock.withLock { authorizeLog } }

    /// Every access and refresh token handed out, oldest first.
    public var issuedTokens: [String] { lock.withLock { issued } }

    /// The access token handed out last.
    public var lastAccessToken: String? { lock.withLock { issued.last { $0.hasPrefix(accessPrefix) } } }

    // MARK: Tokens

    func randomToken(_ prefix: String) -> String {
        prefix + (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
    }

    var accessPrefix: String {
        switch dialect {
        case .slack: return "xoxb-"
        case .github: return "ghu_"
        case .google: return "ya29."
        case .shopify: return "shpca_"
        }
    }

    var refreshPrefix: String? {
        switch dialect {
        case .slack: return "xoxe-1-"
        case .github: return "ghr_"
        case .google: return "1//"
        case .shopify: return nil
        }
    }

    /// Slack and GitHub hand out a new refresh token with every refresh and retire the old one.
    var rotatesRefreshTokens: Bool { dialect == .slack || dialect == .github }

    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Shopify's callback signature: hex HMAC-SHA256 over the sorted other parameters.
    static func shopifyHMAC(_ parameters: [String: String], secret: String) -> String {
        let message = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        return HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}
