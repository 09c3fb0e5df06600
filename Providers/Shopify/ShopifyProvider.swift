public import PatchbaySDK

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: ShopifyProvider.self) }

/// Shopify: products, orders and customers of one store through the Admin REST API.
public struct ShopifyProvider: Provider {
    public init() {}

    public func check(_ context: ProviderContext) async throws -> CheckResult {
        do {
            let shop = try await ShopifyAPI(http: context.http).get("shop.json")["shop"]
            let name = shop?["name"]?.stringValue ?? "?"
            let domain = shop?["myshopify_domain"]?.stringValue ?? "?"
            return CheckResult(ok: true, message: "Connected to \(name) (\(domain))")
        } catch let error as PluginError {
            return CheckResult(ok: false, message: error.message)
        }
    }

    public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        let inputFields = Self.manifest.action(named: action)?.inputSchema["properties"]?.objectValue ?? [:]
        let api = ShopifyAPI(http: context.http, inputFields: Set(inputFields.keys))
        let (limit, pageSize, pageInfo) = ShopifyListInputs.read(input)
        switch action {
        case "get_shop":
            return ShopifyRecords.shop(try await api.get("shop.json")["shop"] ?? [:])

        case "list_products":
            let page = try await api.list("products.json", key: "products",
                                          filters: strings(input, ["status", "vendor", "product_type", "title"]),
                                          limit: limit, pageSize: pageSize, pageInfo: pageInfo)
            return ["products": .array(page.items.map(ShopifyRecords.product)), "next_page_info": page.nextPageInfoJSON]

        case "get_product":
            return ShopifyRecords.product(try await api.get("products/\(try id(input, "product_id")).json")["product"] ?? [:])

        case "list_orders":
            var filters = strings(input, ["financial_status", "fulfillment_status"])
            // Shopify lists only open orders unless told otherwise; an agent asking about
            // orders means all of them.
            filters["status"] = input["status"]?.stringValue ?? "any"
            let path = try input["customer_id"] == nil ? "orders.json" : "customers/\(id(input, "customer_id"))/orders.json"
            let page = try await api.list(path, key: "orders", filters: filters,
                                          limit: limit, pageSize: pageSize, pageInfo: pageInfo)
            return ["orders": .array(page.items.map(ShopifyRecords.order)), "next_page_info": page.nextPageInfoJSON]

        case "get_order":
            return ShopifyRecords.order(try await order(input, api))

        case "get_order_status":
            return ShopifyRecords.orderStatus(try await order(input, api))

        case "list_customers":
            let page = try await api.list("customers.json", key: "customers", filters: [:],
                                          limit: limit, pageSize: pageSize, pageInfo: pageInfo)
            return ["customers": .array(page.items.map(ShopifyRecords.customer)), "next_page_info": page.nextPageInfoJSON]

        case "search_customers":
            let terms = [input["email"]?.stringValue.map { "email:\($0)" }, input["query"]?.stringValue].compactMap { $0 }
            let page = try await api.list("customers/search.json", key: "customers",
                                          filters: ["query": terms.joined(separator: " ")],
                                          limit: limit, pageSize: pageSize, pageInfo: pageInfo)
            return ["customers": .array(page.items.map(ShopifyRecords.customer)), "next_page_info": page.nextPageInfoJSON]

        case "create_customer":
            var customer = input.objectValue ?? [:]
            customer["send_email_invite"] = input["send_email_invite"] ?? false
            let created = try await api.post("customers.json", ["customer": .object(customer)])
            return ShopifyRecords.customer(created["customer"] ?? [:])

        default:
            throw PluginError.unknownAction(action)
        }
    }

    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        // The object shapes are fixed by Shopify's API version; asking for the shop first
        // makes discovery fail loudly on a broken connection instead of describing a store
        // we cannot reach.
        let shop = try await ShopifyAPI(http: context.http).get("shop.json")["shop"]
        return ShopifySchema.schema(store: shop?["name"]?.stringValue ?? "the store")
    }

    public func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent] {
        try ShopifyEvents.parse(webhook)
    }

    private func order(_ input: JSONValue, _ api: ShopifyAPI) async throws -> JSONValue {
        try await api.get("orders/\(try id(input, "order_id")).json")["order"] ?? [:]
    }

    /// An id input; the schema makes it a positive integer.
    private func id(_ input: JSONValue, _ name: String) throws -> Int {
        guard let value = input[name]?.intValue else { throw PluginError.invalidInput(name, "\(name) must be an id") }
        return value
    }

    /// The string inputs among `names` that were given, as query parameters.
    private func strings(_ input: JSONValue, _ names: [String]) -> [String: String] {
        var picked: [String: String] = [:]
        for name in names { if let value = input[name]?.stringValue { picked[name] = value } }
        return picked
    }
}
