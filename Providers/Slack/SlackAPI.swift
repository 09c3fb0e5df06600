import PatchbaySDK

/// Slack Web API calls through the host. Slack reports most errors as HTTP 200 with
/// `{"ok": false, "error": "..."}`; this turns both those and HTTP failures into `PluginError`s.
struct SlackAPI {
    let http: HostHTTP

    /// Slack error codes that may succeed if the same call is tried again later.
    static let retryableErrors: Set<String> = [
        "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
    ]

    /// Calls a write method with a JSON body.
    func post(_ method: String, _ body: JSONValue) async throws -> JSONValue {
        try unwrap(await http.send("POST", "/\(method)", json: body))
    }

    /// Calls a read method with query parameters.
    func get(_ method: String, _ query: [String: String] = [:]) async throws -> JSONValue {
        try unwrap(await http.get("/\(method)", query: query))
    }

    /// Follows `response_metadata.next_cursor` until `limit` items of `key` are collected.
    /// Returns the cursor to continue from, or nil when Slack has no more.
    func paginate(_ method: String, key: String, query: [String: String], limit: Int, cursor: String?) async throws
        -> (items: [JSONValue], nextCursor: String?)
    {
        var items: [JSONValue] = []
        var cursor = cursor
        repeat {
            var pageQuery = query
            pageQuery["limit"] = String(min(200, limit - items.count))
            if let cursor { pageQuery["cursor"] = cursor }
            let page = try await get(method, pageQuery)
            items += page[key]?.arrayValue ?? []
            let next = page["response_metadata"]?["next_cursor"]?.stringValue ?? ""
            cursor = next.isEmpty ? nil : next
        } while cursor != nil && items.count < limit
        return (Array(items.prefix(limit)), cursor)
    }

    private func unwrap(_ response: HTTPResponse) throws -> JSONValue {
        if response.status == 429 {
            throw PluginError(code: "rate_limited", message: "Slack is rate limiting this workspace; try again later",
                              retryable: true, upstreamStatus: 429)
        }
        guard response.isSuccess else {
            throw PluginError(code: "upstream_error", message: "Slack answered HTTP \(response.status)",
                              retryable: response.status >= 500, upstreamStatus: response.status)
        }
        let body = try response.json()
        guard let ok = body["ok"]?.boolValue else {
            throw PluginError.invalidResponse("Slack answered without its \"ok\" field", status: response.status)
        }
        guard ok else {
            let code = body["error"]?.stringValue ?? "unknown_error"
            throw PluginError(code: code, message: "Slack answered \(code)",
                              retryable: Self.retryableErrors.contains(code), upstreamStatus: response.status)
        }
        return body
    }
}
