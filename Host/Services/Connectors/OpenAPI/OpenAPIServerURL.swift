import Foundation
import OpenAPIKit

/// A server of a document as the URL a connector sends to: its variables at their defaults,
/// no trailing slash. Nil when that is not an absolute http(s) URL (a relative server, or a
/// placeholder no variable declares).
enum OpenAPIServerURL {
    static func resolve(_ server: OpenAPI.Server) -> String? {
        var url = server.urlTemplate.absoluteString
        for (name, variable) in server.variables {
            url = url.replacingOccurrences(of: "{\(name)}", with: variable.default)
        }
        while url.hasSuffix("/") { url.removeLast() }
        guard !url.contains("{"), let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
              parsed.query == nil, parsed.fragment == nil, parsed.user == nil
        else { return nil }
        return url
    }
}
