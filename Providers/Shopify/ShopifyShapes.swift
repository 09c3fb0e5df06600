import PatchbaySDK

/// The Shopify Admin REST resources Patchbay exposes, field by field.
enum ShopifyShapes {
    static let shop = ShopifyShape(fields: [
        .integer("id", "Shop id."),
        .string("name", "Store name."),
        .string("email", "Contact email of the store."),
        .string("domain", "Primary domain customers see."),
        .string("myshopify_domain", "The store's permanent <shop>.myshopify.com domain."),
        .string("currency", "Default currency (ISO 4217), used for prices."),
        .string("iana_timezone", "Time zone of the store, e.g. America/New_York.", nullable: true),
        .string("plan_name", "Shopify plan the store is on.", nullable: true),
        .string("country_code", "Two-letter country code of the store's address.", nullable: true),
        .string("shop_owner", "Name of the store's owner.", nullable: true),
        .timestamp("created_at", "When the store was created."),
    ])

    static let variant = ShopifyShape(fields: [
        .integer("id", "Variant id."),
        .integer("product_id", "Id of the product this variant belongs to."),
        .string("title", "Variant title made of its option values, e.g. \"Large / Blue\"."),
        .money("price", "Price as a decimal string in the shop's currency."),
        .money("compare_at_price", "Original price shown struck through when on sale.", nullable: true),
        .string("sku", "Stock keeping unit.", nullable: true),
        .integer("position", "Order of the variant in the product's list, from 1."),
        .integer("inventory_quantity", "Units in stock across locations."),
        .string("option1", "Value of the product's first option, e.g. a size.", nullable: true),
        .timestamp("created_at", "When the variant was created."),
        .timestamp("updated_at", "When the variant last changed."),
    ])

    static let product = ShopifyShape(fields: [
        .integer("id", "Product id."),
        .string("title", "Product name."),
        .string("body_html", "Description as HTML.", nullable: true),
        .string("vendor", "Brand or maker."),
        .string("product_type", "Merchant-defined category, may be empty."),
        .string("handle", "URL slug of the product page."),
        .string("status", "active (for sale), draft or archived."),
        .string("tags", "Comma-separated tags."),
        .timestamp("created_at", "When the product was created."),
        .timestamp("updated_at", "When the product last changed."),
        .timestamp("published_at", "When it was published to the online store; absent when unpublished.", nullable: true),
        ShopifyShape.Field(name: "variants", kind: .list(variant), description: "Purchasable variants of the product.",
                           nullable: false),
    ])

    static let customer = ShopifyShape(fields: [
        .integer("id", "Customer id."),
        .string("email", "Email address; unique in the store.", nullable: true),
        .string("first_name", "First name.", nullable: true),
        .string("last_name", "Last name.", nullable: true),
        .string("phone", "Phone number in E.164 format; unique in the store.", nullable: true),
        .string("state", "Account state: disabled, invited, enabled or declined."),
        .boolean("verified_email", "Whether the customer confirmed the email address."),
        .string("tags", "Comma-separated tags."),
        .string("note", "Staff note about the customer.", nullable: true),
        .timestamp("created_at", "When the customer was created."),
        .timestamp("updated_at", "When the customer last changed."),
    ])

    /// The customer record embedded in an order: who placed it.
    static let orderCustomer = ShopifyShape(fields: [
        .integer("id", "Customer id."),
        .string("email", "Email address.", nullable: true),
        .string("first_name", "First name.", nullable: true),
        .string("last_name", "Last name.", nullable: true),
    ])

    static let lineItem = ShopifyShape(fields: [
        .integer("id", "Line item id."),
        .integer("order_id", "Id of the order the item belongs to (Patchbay adds it from the enclosing order)."),
        .integer("product_id", "Id of the product bought; absent for custom items or deleted products.", nullable: true),
        .integer("variant_id", "Id of the variant bought; absent for custom items or deleted variants.", nullable: true),
        .string("title", "Product title at the time of purchase."),
        .string("variant_title", "Variant title at the time of purchase.", nullable: true),
        .string("sku", "Stock keeping unit.", nullable: true),
        .integer("quantity", "Units ordered."),
        .money("price", "Unit price before discounts, in the order's currency."),
        .integer("fulfillable_quantity", "Units still to be fulfilled."),
        .string("fulfillment_status", "fulfilled or partial; absent when none has shipped.", nullable: true),
    ])

    static let fulfillment = ShopifyShape(fields: [
        .integer("id", "Fulfillment id."),
        .integer("order_id", "Id of the order fulfilled."),
        .string("status", "pending, open, success, cancelled, error or failure."),
        .timestamp("created_at", "When the fulfillment was created."),
        .string("tracking_company", "Carrier name.", nullable: true),
        .string("tracking_number", "First tracking number.", nullable: true),
        ShopifyShape.Field(name: "tracking_numbers", kind: .scalarList("string"), description: "Every tracking number.",
                           nullable: false),
        ShopifyShape.Field(name: "tracking_urls", kind: .scalarList("string"), description: "Carrier tracking pages.",
                           nullable: false),
        .string("shipment_status", "Carrier status: label_printed, in_transit, out_for_delivery, delivered, failure…",
                nullable: true),
    ])

    static let order = ShopifyShape(fields: [
        .integer("id", "Order id (use it with get_order and get_order_status)."),
        .string("name", "Order name customers see, e.g. #1001."),
        .integer("order_number", "Order number without the prefix, e.g. 1001."),
        .string("email", "Email the customer gave for the order.", nullable: true),
        .timestamp("created_at", "When the order was placed."),
        .timestamp("updated_at", "When the order last changed."),
        .timestamp("closed_at", "When the order was closed (archived).", nullable: true),
        .timestamp("cancelled_at", "When the order was cancelled.", nullable: true),
        .string("cancel_reason", "customer, fraud, inventory, declined or other.", nullable: true),
        .string("financial_status", "pending, authorized, partially_paid, paid, partially_refunded, refunded or voided.",
                nullable: true),
        .string("fulfillment_status", "fulfilled or partial; absent when nothing has shipped.", nullable: true),
        .string("currency", "Currency of the order (ISO 4217)."),
        .money("total_price", "Total including taxes, shipping and discounts."),
        .money("subtotal_price", "Total of the line items after discounts, before shipping and taxes."),
        .money("total_tax", "Taxes charged."),
        .string("tags", "Comma-separated tags."),
        .string("note", "Note the customer left.", nullable: true),
        .integer("customer_id", "Id of the customer who placed it (Patchbay adds it from the embedded customer).",
                 nullable: true),
        ShopifyShape.Field(name: "customer", kind: .object(orderCustomer), description: "Who placed the order.",
                           nullable: true),
        ShopifyShape.Field(name: "line_items", kind: .list(lineItem), description: "What was bought.", nullable: false),
        ShopifyShape.Field(name: "fulfillments", kind: .list(fulfillment), description: "Shipments sent so far.",
                           nullable: false),
    ])
}
