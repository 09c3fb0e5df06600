public import HTTPTypes
public import Hummingbird

/// The page a browser tab gets back from `/oauth/callback`, in place of the JSON an API client
/// reads: the provider's consent ends in a person's tab, and they should read what happened.
public enum OAuthResultPage {
    private static let renderer = ConsoleRenderer()

    /// Whether the request comes from a browser navigating: it asks for HTML by name.
    /// An API client asks for JSON, or for anything (`*/*`), and keeps the JSON.
    public static func wanted(by request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains("text/html") == true
    }

    public static func connected(provider: String, label: String) -> Response {
        renderer.oauthResult(provider: provider, label: label, error: nil, status: .ok)
    }

    /// `provider` is nil when the callback could not be tied to a connection (an unknown state).
    public static func failed(provider: String?, message: String, status: HTTPResponse.Status) -> Response {
        renderer.oauthResult(provider: provider, label: nil, error: message, status: status)
    }
}
