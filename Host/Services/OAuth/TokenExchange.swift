import Foundation
import PatchbayEgress
import PatchbayWire

/// Talks to a provider's token endpoint: exchanges an authorization code, or a refresh token,
/// for tokens. Requests go through the egress (no redirects, timeouts, throttling retries).
struct TokenExchange: Sendable {
    let egress: Egress
    let settings: HostSettings

    struct Tokens: Sendable {
        var accessToken: String
        var refreshToken: String?
        var expiresIn: Int?
    }

    enum Failure: Error {
        /// The provider answered with an OAuth error (`invalid_grant`, a provider's own `invalid_code`, …):
        /// retrying the same grant will not help.
        case refused(code: String, description: String?)
        /// The provider could not be reached or failed (5xx, timeout): worth retrying later.
        case unavailable(String)

        var summary: String {
            switch self {
            case .refused(let code, let description): return description.map { "\(code): \($0)" } ?? code
            case .unavailable(let reason): return reason
            }
        }
    }

    struct Client: Sendable {
        var id: String
        var secret: String
    }

    func exchangeCode(_ code: String, verifier: String?, redirectURI: String, spec: OAuthSpec, client: Client,
                      provider: String, config: JSONValue) async throws -> Tokens {
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        if let verifier { form.append(("code_verifier", verifier)) }
        return try await post(form, spec: spec, client: client, provider: provider, config: config)
    }

    func refresh(_ refreshToken: String, spec: OAuthSpec, client: Client, provider: String, config: JSONValue) async throws -> Tokens {
        try await post([("grant_type", "refresh_token"), ("refresh_token", refreshToken)],
                       spec: spec, client: client, provider: provider, config: config)
    }

    private func post(_ form: [(String, String)], spec: OAuthSpec, client: Client, provider: String,
                      config: JSONValue) async throws -> Tokens {
        let url = try OAuthEndpoints.resolve(spec.tokenURL, provider: provider, config: config, settings: settings)
        var form = form
        // RFC 8707: the resource a token is for is named on the token requests as on the authorize request.
        if let resource = spec.authorizeParams["resource"] { form.append(("resource", resource)) }
        let auth: AuthScheme
        switch spec.clientAuth {
        case _ where client.secret.isEmpty:
            // A public client (a dynamically registered one, `token_endpoint_auth_method: none`) names itself only.
            auth = AuthScheme(type: .none)
            form.append(("client_id", client.id))
        case .basic:
            auth = AuthScheme(type: .basic, username: "client_id", password: "client_secret")
        case .body:
            auth = AuthScheme(type: .none)
            form += [("client_id", client.id), ("client_secret", client.secret)]
        }
        let target = EgressTarget(baseURL: url, allowedHosts: [], auth: auth,
                                  credentials: ["client_id": client.id, "client_secret": client.secret])
        // Some providers answer form-encoded unless JSON is asked for; the parser reads both anyway.
        let request = HTTPRequestMessage(
            method: "POST", path: url.absoluteString,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: FormEncoding.encode(form))
        let response = await egress.send(request, to: target)
        if let error = response.error { throw Failure.unavailable("the token endpoint failed: \(error.code)") }
        if response.status >= 500 || response.status == 429 {
            throw Failure.unavailable("the token endpoint answered HTTP \(response.status)")
        }
        return try Self.parse(response, spec: spec)
    }

    static func parse(_ response: HTTPResponseMessage, spec: OAuthSpec) throws -> Tokens {
        let body = response.body.trimmingCharacters(in: .whitespacesAndNewlines)
        let fields: JSONValue
        if body.hasPrefix("{") {
            guard let json = try? WireCoding.decode(JSONValue.self, from: Data(body.utf8)) else {
                throw Failure.refused(code: "unreadable_response", description: "the token endpoint's JSON does not parse")
            }
            fields = json
        } else {
            fields = .object(FormEncoding.decode(body).mapValues(JSONValue.string))
        }
        if let code = fields["error"]?.stringValue {
            throw Failure.refused(code: code, description: fields["error_description"]?.stringValue)
        }
        if fields["ok"] == .bool(false) {
            throw Failure.refused(code: "unknown_error", description: nil)
        }
        guard response.status < 400 else { throw Failure.refused(code: "http_\(response.status)", description: nil) }
        var value: JSONValue? = fields
        for key in spec.accessTokenPath.split(separator: ".") { value = value?[String(key)] }
        guard let accessToken = value?.stringValue, !accessToken.isEmpty else {
            throw Failure.refused(code: "no_access_token", description: "the answer has no \(spec.accessTokenPath)")
        }
        let expiresIn = fields["expires_in"].flatMap { $0.intValue ?? $0.stringValue.flatMap { Int($0) } }
        return Tokens(accessToken: accessToken, refreshToken: fields["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                      expiresIn: expiresIn)
    }
}
