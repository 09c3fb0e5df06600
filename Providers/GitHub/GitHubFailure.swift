import Foundation
import PatchbaySDK

/// Turns a GitHub error response (`{"message","documentation_url"}`, plus `errors` on 422)
/// into a `PluginError` whose code says what went wrong and whether trying again can help.
enum GitHubFailure {
    static func error(for response: HTTPResponse, path: String) -> PluginError {
        let body = try? response.json()
        let message = body?["message"]?.stringValue ?? "GitHub answered HTTP \(response.status)"
        var details: [String: JSONValue] = [:]
        if let docs = body?["documentation_url"] { details["documentation_url"] = docs }

        if isRateLimit(response) {
            return rateLimited(response, message: message, details: details)
        }
        switch response.status {
        case 401:
            return PluginError(code: "unauthorized", message: "GitHub refused the token: \(message)",
                               upstreamStatus: 401, details: .object(details))
        case 403:
            return PluginError(code: "forbidden", message: message, upstreamStatus: 403, details: .object(details))
        case 404:
            // GitHub answers 404 rather than 403 for private repositories the token cannot see.
            return PluginError(code: "not_found", message: "\(message): no such resource, or the token cannot see it",
                               upstreamStatus: 404, details: .object(details))
        case 409:
            return PluginError(code: "conflict", message: message, upstreamStatus: 409, details: .object(details))
        case 410:
            let code = path.contains("/issues") ? "issues_disabled" : "gone"
            return PluginError(code: code, message: message, upstreamStatus: 410, details: .object(details))
        case 422:
            return validationFailed(body, message: message, details: details)
        case 400..<500:
            return PluginError(code: "bad_request", message: message, upstreamStatus: response.status, details: .object(details))
        default:
            return PluginError(code: "upstream_error", message: "GitHub answered HTTP \(response.status): \(message)",
                               retryable: response.status >= 500, upstreamStatus: response.status, details: .object(details))
        }
    }

    /// 429, or 403 once `x-ratelimit-remaining` hits 0 or with `retry-after` (a secondary limit).
    private static func isRateLimit(_ response: HTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard response.status == 403 else { return false }
        return response.header("x-ratelimit-remaining") == "0" || response.header("retry-after") != nil
    }

    private static func rateLimited(_ response: HTTPResponse, message: String, details: [String: JSONValue]) -> PluginError {
        var details = details
        if let reset = response.header("x-ratelimit-reset").flatMap(Double.init) {
            details["reset_at"] = .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: reset)))
            details["reset_epoch"] = .integer(Int64(reset))
        }
        if let retryAfter = response.retryAfterSeconds { details["retry_after_seconds"] = .number(retryAfter) }
        if let limit = response.header("x-ratelimit-limit").flatMap(Int64.init) { details["limit"] = .integer(limit) }
        return PluginError(code: "rate_limited", message: "GitHub rate limit reached: \(message)", retryable: true,
                           upstreamStatus: response.status, details: .object(details))
    }

    /// GitHub lists each invalid field as `{resource, field, code}` (or a `custom` code with its
    /// own message). All of them go in `details.errors`; the first field is the one reported.
    private static func validationFailed(_ body: JSONValue?, message: String, details: [String: JSONValue]) -> PluginError {
        let errors = body?["errors"]?.arrayValue ?? []
        var details = details
        details["errors"] = .array(errors)
        let reasons = errors.map { error -> String in
            if let text = error["message"]?.stringValue { return text }
            return [error["field"]?.stringValue, error["code"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        }
        let text = reasons.isEmpty ? message : "\(message): \(reasons.joined(separator: "; "))"
        return PluginError(code: "validation_failed", message: text, upstreamStatus: 422,
                           field: errors.lazy.compactMap { $0["field"]?.stringValue }.first, details: .object(details))
    }
}
