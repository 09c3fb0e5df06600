import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the console's pages from the templates compiled into the binary (`ConsoleTemplates`),
/// so the console needs no file next to the executable and works offline.
struct ConsoleRenderer: Sendable {
    private let library: MustacheLibrary
    /// Where providers send a person back after OAuth consent, from the host's public URL; nil
    /// when none is set, and the pages then suggest the address the browser reached the host at.
    private let oauthCallback: String?

    init(oauthCallback: String? = nil) {
        self.oauthCallback = oauthCallback
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            // The templates are part of the source; one that does not parse is a programming error.
            do { try library.register(text, named: name) } catch { preconditionFailure("console template \(name): \(error)") }
        }
        self.library = library
    }

    /// A page in the console's frame: the navigation, the visitor, then the page's own body.
    func page(_ page: ConsolePage, visitor: ConsoleVisitor, id: String?) -> Response {
        var values = visitor.templateValues(current: page)
        values["title"] = page.title
        values["page"] = page.name
        values["param"] = id ?? ""
        values["script"] = page.script
        if let oauthCallback { values["oauthCallback"] = oauthCallback }
        values["body"] = library.render(values, withTemplate: page.template) ?? ""
        return html(library.render(values, withTemplate: "layout") ?? "")
    }

    /// A message in the console's frame, for a page the visitor may not open or that does not exist.
    func message(_ title: String, _ text: String, visitor: ConsoleVisitor, status: HTTPResponse.Status) -> Response {
        var values = visitor.templateValues(current: nil)
        values["title"] = title
        values["page"] = "message"
        values["param"] = ""
        values["body"] = library.render(["title": title, "text": text], withTemplate: "message") ?? ""
        return html(library.render(values, withTemplate: "layout") ?? "", status: status)
    }

    /// The page a person's tab lands on after an OAuth consent: what happened, in words.
    func oauthResult(provider: String?, label: String?, error: String?, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["title": error == nil ? "Connected" : "Not connected"]
        if let provider { values["provider"] = provider }
        if let label { values["label"] = label }
        if let error { values["error"] = error }
        return html(library.render(values, withTemplate: "oauth-result") ?? "", status: status)
    }

    func signIn(nonce: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = ["nonce": nonce, "title": "Sign in"]
        if let error { values["error"] = error }
        return html(library.render(values, withTemplate: "signin") ?? "", status: status)
    }

    /// Pages are never cached (they carry the CSRF token), never framed, and run only the
    /// console's own scripts and styles.
    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: Self.pageHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let pageHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]
}
