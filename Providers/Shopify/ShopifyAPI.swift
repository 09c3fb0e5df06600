import PatchbaySDK

/// Shopify Admin REST calls through the host, which adds `X-Shopify-Access-Token`.
/// Non-2xx answers become `PluginError`s (see `ShopifyFailure`).
struct ShopifyAPI {
    /// Shopify refuses to return more than this many records per page.
    static let maximumPageSize = 250

    let http: HostHTTP
    /// Input fields of the running action, so that a validation error about one of them names it.
    var inputFields: Set<String> = []

    func get(_ path: String, query: [String: String] = [:]) async throws -> JSONValue {
        try unwrap(await http.get(path, query: query))
    }

    func post(_ path: String, _ body: JSONValue) async throws -> JSONValue {
        try unwrap(await http.send("POST", path, json: body))
    }

    /// Collects up to `limit` records of `key` from a list endpoint, following the `Link`
    /// header's `rel="next"` URL. A request that carries `page_info` may carry nothing but
    /// `limit`, so `filters` apply only to a fresh listing; a cursor already holds them.
    func list(_ path: String, key: String, filters: [String: String], limit: Int, pageSize: Int?, pageInfo: String?)
        async throws -> ShopifyPage
    {
        let size = min(pageSize ?? limit, limit, Self.maximumPageSize)
        var query = ["limit": String(size)]
        if let pageInfo {
            query["page_info"] = pageInfo
        } else {
            query.merge(filters) { _, filter in filter }
        }
        var request = HTTPRequestMessage(method: "GET", path: path, query: query)
        var items: [JSONValue] = []
        while true {
            let response = try await http.send(request)
            let records = try unwrap(response)[key]?.arrayValue ?? []
            items += records
            let next = ShopifyLink.find("next", in: response.header("link"))
            // An empty page with a next link would loop forever on a misbehaving upstream.
            guard let next, items.count < limit, !records.isEmpty else {
                return ShopifyPage(items: Array(items.prefix(limit)), nextPageInfo: next?.pageInfo)
            }
            request = HTTPRequestMessage(method: "GET", path: next.url(pageSize: limit - items.count))
        }
    }

    private func unwrap(_ response: HTTPResponse) throws -> JSONValue {
        guard response.isSuccess else { throw ShopifyFailure.error(for: response, inputFields: inputFields) }
        return try response.json()
    }
}
