import PatchbaySDK

/// The store and its products.
extension ShopifyProvider {
    static let getShop = ActionSpec(
        name: "get_shop", title: "Get the store",
        description: "Return the store the connection belongs to: name, domains, currency and time zone. Use it to confirm the connection works or to learn the store's currency.",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: ShopifyShapes.shop.schema,
        examples: [ActionExample(description: "Which store is this", input: [:])])

    static let listProducts = ActionSpec(
        name: "list_products", title: "List products",
        description: "List the store's products with their variants and prices, optionally filtered by status, vendor, type or exact title. Follows Shopify's pages until `limit` products are collected.",
        inputSchema: ShopifyListInputs.schema("products", [
            "status": ["type": "string", "enum": ["active", "draft", "archived"],
                       "description": "Only products in this state; active ones are for sale. Default: all states."],
            "vendor": ["type": "string", "minLength": 1, "description": "Only products from this vendor (exact match)."],
            "product_type": ["type": "string", "minLength": 1, "description": "Only products of this type (exact match)."],
            "title": ["type": "string", "minLength": 1, "description": "Only products with exactly this title."],
        ]),
        outputSchema: ShopifyListInputs.output("products", items: ShopifyShapes.product.schema),
        important: true,
        examples: [ActionExample(description: "Products for sale", input: ["status": "active", "limit": 20])])

    static let getProduct = ActionSpec(
        name: "get_product", title: "Get a product",
        description: "Return one product by id, with its description, variants, prices and stock.",
        inputSchema: [
            "type": "object",
            "required": ["product_id"],
            "additionalProperties": false,
            "properties": ["product_id": ["type": "integer", "minimum": 1, "description": "Product id, from list_products."]],
        ],
        outputSchema: ShopifyShapes.product.schema,
        examples: [ActionExample(description: "One product", input: ["product_id": 632910392])])
}
