public import PatchbaySDK

extension ShopifyProvider {
    public static let manifest = Manifest(
        id: "shopify",
        name: "Shopify",
        version: "1.0.0",
        category: "commerce",
        description: "Look up a Shopify store's products, orders and customers, answer order status questions, and add customers, through the Admin REST API.",
        baseURL: "https://{shop}.myshopify.com/admin/api/{api_version}",
        allowedHosts: ["*.myshopify.com"],
        auth: .header("X-Shopify-Access-Token", credential: "access_token"),
        credentials: [
            CredentialField(
                name: "access_token", label: "Admin API access token",
                description: "The app's Admin API access token (shpat_… for a custom app, shpca_… from an OAuth install), with read_products, read_orders, read_customers and write_customers.",
                pattern: "^shp(at|ca|pa)_[A-Za-z0-9]+$"),
            CredentialField(
                name: "webhook_secret", label: "Webhook secret",
                description: "The app's client secret, which signs its webhooks; needed only to receive webhooks.",
                required: false),
        ],
        configSchema: [
            "type": "object",
            "required": ["shop", "api_version"],
            "additionalProperties": false,
            "properties": [
                "shop": [
                    "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
                    "description": "The store's subdomain: acme for acme.myshopify.com.",
                ],
                "api_version": [
                    "type": "string", "pattern": "^\\d{4}-\\d{2}$",
                    "description": "Admin API version to call, e.g. 2024-10. Shopify supports each version for a year.",
                ],
            ],
        ],
        actions: [getShop, listProducts, getProduct, listOrders, getOrder, getOrderStatus, listCustomers, searchCustomers,
                  createCustomer],
        packs: [
            PackSpec(
                id: "order-support", name: "Order support",
                description: "Answer customers asking about their orders: find them by email, list their orders, report status and tracking.",
                skills: [
                    PackSkill(name: "find_customer", action: "search_customers",
                              description: "Find the customer by the email they wrote from."),
                    PackSkill(name: "customer_orders", action: "list_orders",
                              description: "List a customer's orders, whatever their state, by customer_id.",
                              presets: ["status": "any"]),
                    PackSkill(name: "order_status", action: "get_order_status",
                              description: "Say whether an order is paid, shipped or cancelled, with tracking numbers."),
                    PackSkill(name: "order_details", action: "get_order",
                              description: "Show what an order contains and what it cost."),
                ]),
            PackSpec(
                id: "catalog-browser", name: "Catalog browser",
                description: "Answer questions about what the store sells, prices and stock.",
                skills: [
                    PackSkill(name: "browse_products", action: "list_products",
                              description: "List products currently for sale.",
                              presets: ["status": "active"]),
                    PackSkill(name: "product_details", action: "get_product",
                              description: "Show one product's description, variants, prices and stock."),
                ]),
        ],
        // Shop-specific endpoints; the callback is signed with an hmac over its other parameters.
        // The REST leaky bucket per shop and app: 40 calls, draining 2 a second on standard plans.
        rateLimits: RateLimitSpec(scope: .connection,
                                  bucket: .init(header: "x-shopify-shop-api-call-limit", leakPerSecond: 2, initialMax: 40)),
        oauth: OAuthSpec(
            authorizeURL: "https://{shop}.myshopify.com/admin/oauth/authorize",
            tokenURL: "https://{shop}.myshopify.com/admin/oauth/access_token",
            pkce: false, clientAuth: .body, credential: "access_token",
            defaultScopes: ["read_products", "read_orders", "read_customers", "write_customers"], scopeSeparator: ",",
            callbackHMAC: true, callbackHostParam: "shop"),
        supportsDiscovery: true,
        webhooks: WebhookSpec(
            scheme: "shopify_base64",
            verification: WebhookVerification(secretSource: .provider, signatureHeader: "x-shopify-hmac-sha256", signatureEncoding: .base64),
            testVector: WebhookTestVector(
                secret: "It's a Secret to Everybody",
                body: "Hello, World!",
                headers: ["x-shopify-hmac-sha256": "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc="])))
}
