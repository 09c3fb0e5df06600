import Foundation
import PatchbaySDK

/// Maps Shopify's error answers, `{"errors": "Not Found"}` or
/// `{"errors": {"email": ["has already been taken"]}}`, to `PluginError`s with a code named
/// after the HTTP status, since Shopify's REST API has no error codes of its own.
enum ShopifyFailure {
    static let codes: [Int: String] = [
        400: "bad_request", 401: "unauthorized", 402: "payment_required", 403: "forbidden", 404: "not_found",
        406: "not_acceptable", 409: "conflict", 415: "unsupported_media_type", 422: "validation_failed",
        423: "shop_locked", 429: "rate_limited", 500: "internal_error", 502: "bad_gateway",
        503: "service_unavailable", 504: "gateway_timeout",
    ]

    static func error(for response: HTTPResponse, inputFields: Set<String>) -> PluginError {
        let errors = (try? WireCoding.decode(JSONValue.self, from: Data(response.body.utf8)))?["errors"]
        let code = codes[response.status] ?? (response.status >= 500 ? "upstream_error" : "request_failed")
        let retryable = response.status == 429 || response.status >= 500
        let detail = errors.map(describe) ?? ""
        var message = "Shopify answered \(response.status)" + (detail.isEmpty ? "" : ": \(detail)")
        if response.status == 429 { message = "Shopify is throttling this store's API calls; try again shortly" }
        let perField = errors?.objectValue
        let field = perField?.keys.sorted().first { inputFields.contains($0) }
        return PluginError(code: code, message: message, retryable: retryable, upstreamStatus: response.status,
                           field: field, details: perField.map(JSONValue.object))
    }

    /// One readable line: "email has already been taken; phone is invalid".
    static func describe(_ errors: JSONValue) -> String {
        switch errors {
        case .string(let text):
            return text
        case .array(let items):
            return items.map(describe).joined(separator: "; ")
        case .object(let fields):
            return fields.keys.sorted().map { name in
                let value = fields[name] ?? .null
                let problems = value.arrayValue.map { $0.map(describe).joined(separator: ", ") } ?? describe(value)
                // Shopify's base errors ("base": ["..."]) are whole sentences without a subject.
                return name == "base" ? problems : "\(name) \(problems)"
            }.joined(separator: "; ")
        default:
            return ""
        }
    }
}
