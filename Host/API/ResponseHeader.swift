import HTTPTypes
import PatchbayWire

/// A header the API sets on its responses, and which responses carry it. `/openapi.json`
/// declares each from this list, by the same field names the server sets them with, and the
/// contract every test's replies are held to checks the list against what is actually sent.
struct ResponseHeader: Sendable {
    let name: HTTPField.Name
    let description: String
    let schema: JSONValue
    /// Present on every response that declares it, or only on some.
    let required: Bool
    /// Whether the response of `endpoint` with this status declares it.
    let carried: @Sendable (_ endpoint: Endpoint, _ status: Int) -> Bool

    /// The declaration a response refers to: `#/components/headers/<name>`.
    var reference: JSONValue { ["$ref": .string("#/components/headers/\(name.rawName)")] }

    var component: JSONValue {
        ["description": .string(description), "required": .bool(required), "schema": schema]
    }

    /// Every header the routes of the table send (`Allow` is sent by the 405s of methods a path
    /// does not serve, which the document has no operation for).
    static let all: [ResponseHeader] = [requestID, retryAfter, rateLimitPolicy, rateLimit, idempotentReplayed, wwwAuthenticate]

    /// The headers a response of `endpoint` with `status` declares.
    static func declared(for endpoint: Endpoint, status: Int) -> [ResponseHeader] {
        all.filter { $0.carried(endpoint, status) }
    }

    /// Set by `RequestLogMiddleware` on every response.
    static let requestID = ResponseHeader(
        name: .requestID,
        description: "The request's id, as the request log line names it: the caller's own X-Request-Id when it is a plain token, else a new one.",
        schema: ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"], required: true, carried: { _, _ in true })

    /// Set from `APIError.retryAfter`: a key's spent budget (429), the provider's rate budget
    /// held by the host (429), a storage fault or a starting host (503), an idempotent request
    /// whose first run is still going (409).
    static let retryAfter = ResponseHeader(
        name: .retryAfter, description: "Seconds to wait before trying again.",
        schema: ["type": "integer", "minimum": 0], required: false,
        carried: { endpoint, status in status == 429 || status == 503 || (status == 409 && endpoint.idempotent) })

    /// Set by `RateLimitHeaders` on every response to a key when the host limits keys (`serve --api-rate-limit`).
    static let rateLimitPolicy = ResponseHeader(
        name: .rateLimitPolicy,
        description: "The key's request budget (draft-ietf-httpapi-ratelimit-headers): `\"per-key\";q=<requests>;w=<window seconds>`. Sent when the host limits keys.",
        schema: ["type": "string"], required: false, carried: { endpoint, _ in endpoint.keyed })

    static let rateLimit = ResponseHeader(
        name: .rateLimit,
        description: "Where the key's budget stands: `\"per-key\";r=<remaining>;t=<seconds until the window resets>`. Sent when the host limits keys.",
        schema: ["type": "string"], required: false, carried: { endpoint, _ in endpoint.keyed })

    /// Set by `IdempotentRoute` on an answer kept from the first request with the same key.
    static let idempotentReplayed = ResponseHeader(
        name: .idempotentReplayed,
        description: "The answer is the one kept for the first request with this Idempotency-Key; nothing was done again.",
        schema: ["type": "string", "enum": ["true"]], required: false, carried: { endpoint, _ in endpoint.idempotent })

    /// Set by `APIError` on every 401.
    static let wwwAuthenticate = ResponseHeader(
        name: .wwwAuthenticate, description: "How to authenticate: an API key as a bearer token.",
        schema: ["type": "string", "enum": ["Bearer"]], required: true, carried: { _, status in status == 401 })

    /// Set by `APIError` on the 405 of a method a path does not serve.
    static let allow = ResponseHeader(
        name: .allow, description: "The methods the path serves, with a 405 for a method it does not.",
        schema: ["type": "string"], required: true, carried: { _, status in status == 405 })
}
