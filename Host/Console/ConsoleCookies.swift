import Foundation
public import HTTPTypes
import Hummingbird

/// The console's cookies and the header its scripts send. Both cookies are HttpOnly (page
/// scripts never read them) and SameSite=Strict (a request another site starts carries none).
public enum ConsoleCookies {
    /// The sealed session: the API key and the CSRF token (see `ConsoleSessions`).
    public static let session = "pb_session"
    /// A one-time value the sign-in form repeats, so another site cannot sign a browser in to its own account.
    public static let signIn = "pb_signin"
    /// Carries the session's CSRF token on every state-changing API call the console makes.
    public static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func sessionCookie(_ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: session, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func signInCookie(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: signIn, value: value, maxAge: 3600, path: "/console", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Tells the browser to drop a cookie at once.
    static func cleared(_ name: String, path: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Secure cookies only when the browser reached the host over HTTPS (directly or through a
    /// proxy that says so), since a browser drops a Secure cookie set over plain HTTP elsewhere
    /// than on loopback.
    static func secure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
