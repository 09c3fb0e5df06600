import Foundation
import OpenAPIKit
import PatchbayWire

/// A document's security scheme as a connector's `auth`. A connector authenticates every
/// request one way, so the import picks the scheme the document requires globally (else the
/// first one its operations require, else the first it declares) and says what it left out.
enum OpenAPIAuthMapper {
    static func auth(of document: OpenAPI.Document) -> (auth: JSONValue?, notes: [String]) {
        let declared = document.components.securitySchemes
        guard !declared.isEmpty else { return (nil, []) }
        let requirements = document.security + document.paths.values.lazy
            .compactMap { document.components[$0] }
            .flatMap { $0.endpoints.compactMap(\.operation.security).joined() }
        let required = requirements.lazy.compactMap { $0.keys.compactMap(\.name).sorted().first }.first
        guard let name = required ?? declared.keys.first?.rawValue, let key = OpenAPI.ComponentKey(rawValue: name),
              let entry = declared[key], let scheme = try? document.components.lookup(entry)
        else { return (nil, ["the security scheme the document requires is not declared; auth is none"]) }

        var notes: [String] = []
        let others = declared.keys.map(\.rawValue).filter { $0 != name }
        if !others.isEmpty {
            notes.append("a connector authenticates one way: security scheme \(name) is used; \(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") not")
        }
        let (auth, note) = translate(scheme, named: name)
        if let note { notes.append(note) }
        return (auth, notes)
    }

    static func translate(_ scheme: OpenAPI.SecurityScheme, named name: String) -> (JSONValue?, String?) {
        switch scheme.type {
        case .http(let kind, _):
            switch kind.lowercased() {
            case "bearer": return (["type": "bearer"], nil)
            case "basic": return (["type": "basic"], nil)
            default: return (nil, "security scheme \(name) is HTTP \(kind), which connectors do not send; auth is none")
            }
        case .apiKey(let parameter, let location):
            switch location {
            case .header:
                do {
                    try HeaderNames.check(parameter, field: "auth.name")
                } catch {
                    return (nil, "security scheme \(name) puts the key in the \(parameter) header, which a connector cannot set; auth is none")
                }
                return (["type": "api_key", "in": "header", "name": .string(parameter)], nil)
            case .query: return (["type": "api_key", "in": "query", "name": .string(parameter)], nil)
            case .cookie: return (nil, "security scheme \(name) puts the key in a cookie, which connectors do not send; auth is none")
            }
        case .oauth2(let flows, _):
            guard let code = flows.authorizationCode else {
                return (["type": "bearer"], "security scheme \(name) is OAuth 2 without an authorization code flow; the connection's bearer token is sent as it is")
            }
            let scopes = code.scopes.keys.map { JSONValue.string($0) }
            return (["type": "oauth2", "authorize_url": .string(code.authorizationUrl.absoluteString),
                     "token_url": .string(code.tokenUrl.absoluteString), "scopes": .array(scopes)],
                    "security scheme \(name) is OAuth 2: register the account's OAuth app for the connector (PUT /v1/oauth-apps/{provider}) before connecting; every scope the flow declares is requested, narrow auth.scopes to what you need")
        case .openIdConnect(let url):
            return (["type": "bearer"], "security scheme \(name) is OpenID Connect (\(url.absoluteString)); the connection's bearer token is sent as it is")
        case .mutualTLS:
            return (nil, "security scheme \(name) is mutual TLS, which connectors do not use; auth is none")
        }
    }
}
