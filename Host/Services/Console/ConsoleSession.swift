public import PatchbayModel

/// A signed-in browser: the API key it signed in with, the token its state-changing requests
/// must repeat in a header, and when it ends. It lives only sealed inside the session cookie,
/// so any replica that shares the master key can read it and nothing is kept on the server.
public struct ConsoleSession: Sendable, Equatable {
    public var key: String
    public var csrfToken: String
    public var expiresAt: Millis

    public init(key: String, csrfToken: String, expiresAt: Millis) {
        self.key = key
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
