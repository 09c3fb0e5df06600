import PatchbaySDK

/// Records collected across pages, and where to continue.
struct ShopifyPage {
    var items: [JSONValue]
    /// The `page_info` of the next page, or nil when Shopify has no more.
    var nextPageInfo: String?

    var nextPageInfoJSON: JSONValue { nextPageInfo.map(JSONValue.string) ?? .null }
}
