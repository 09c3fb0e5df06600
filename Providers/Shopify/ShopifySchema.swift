import PatchbaySDK

/// The objects a Shopify store exposes through this provider, for discovery and bindings.
/// Fields come from `ShopifyShapes`, the same lists that shape the action outputs.
enum ShopifySchema {
    static func schema(store: String) -> DiscoveredSchema {
        DiscoveredSchema(
            objects: [
                SchemaObject(name: "product", description: "A product sold by \(store).",
                             fields: ShopifyShapes.product.discoveredFields),
                SchemaObject(name: "variant", description: "A purchasable version of a product (size, colour…).",
                             fields: ShopifyShapes.variant.discoveredFields),
                SchemaObject(name: "order", description: "An order placed at \(store).",
                             fields: ShopifyShapes.order.discoveredFields),
                SchemaObject(name: "line_item", description: "One product line of an order.",
                             fields: ShopifyShapes.lineItem.discoveredFields),
                SchemaObject(name: "customer", description: "A customer of \(store).",
                             fields: ShopifyShapes.customer.discoveredFields),
                SchemaObject(name: "fulfillment", description: "A shipment of some or all of an order's items.",
                             fields: ShopifyShapes.fulfillment.discoveredFields),
            ],
            relationships: [
                SchemaRelationship(from: "variant", to: "product", cardinality: .manyToOne, fromFields: ["product_id"], toFields: ["id"]),
                SchemaRelationship(from: "line_item", to: "order", cardinality: .manyToOne, fromFields: ["order_id"], toFields: ["id"]),
                SchemaRelationship(from: "line_item", to: "variant", cardinality: .manyToOne, fromFields: ["variant_id"], toFields: ["id"]),
                SchemaRelationship(from: "line_item", to: "product", cardinality: .manyToOne, fromFields: ["product_id"], toFields: ["id"]),
                SchemaRelationship(from: "order", to: "customer", cardinality: .manyToOne, fromFields: ["customer_id"], toFields: ["id"]),
                SchemaRelationship(from: "fulfillment", to: "order", cardinality: .manyToOne, fromFields: ["order_id"], toFields: ["id"]),
            ],
            operations: [
                SchemaOperation(object: "product", kind: .list, action: "list_products", description: "List products."),
                SchemaOperation(object: "product", kind: .lookup, action: "get_product", description: "Fetch one product with its variants."),
                SchemaOperation(object: "order", kind: .list, action: "list_orders", description: "List orders, by status or customer."),
                SchemaOperation(object: "order", kind: .lookup, action: "get_order", description: "Fetch one order with its line items."),
                SchemaOperation(object: "order", kind: .lookup, action: "get_order_status",
                                description: "Payment, shipping and tracking status of one order."),
                SchemaOperation(object: "customer", kind: .list, action: "list_customers", description: "List customers."),
                SchemaOperation(object: "customer", kind: .lookup, action: "search_customers", description: "Find customers by email or query."),
                SchemaOperation(object: "customer", kind: .create, action: "create_customer", description: "Add a customer."),
            ])
    }
}
