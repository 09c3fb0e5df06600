import Foundation
import PatchbayWire

/// The sandbox store: a few products with variants, customers, and orders in every state
/// (paid and shipped, partly shipped, pending, cancelled, closed, a guest order), shaped as
/// Shopify's Admin REST API 2024-10 returns them.
enum FakeShopifySeed {
    static let shop: JSONValue = [
        "id": 548380009,
        "name": "Acme Outfitters",
        "email": "owner@acme.example",
        "domain": "shop.acme.example",
        "myshopify_domain": "acme.myshopify.com",
        "province": "New York",
        "country": "US",
        "country_code": "US",
        "currency": "USD",
        "timezone": "(GMT-05:00) Eastern Time (US & Canada)",
        "iana_timezone": "America/New_York",
        "plan_name": "basic",
        "shop_owner": "Ada Owner",
        "created_at": "2023-03-14T09:00:00-04:00",
        "updated_at": "2024-09-30T17:12:45-04:00",
    ]

    static let products: [JSONValue] = [
        product(632910392, "Trail Jacket", vendor: "Acme Outfitters", type: "Outerwear", status: "active",
                variants: [(808950810, "Small", "129.00", 12), (808950811, "Medium", "129.00", 0), (808950812, "Large", "139.00", 4)]),
        product(632910393, "Merino Beanie", vendor: "Acme Outfitters", type: "Accessories", status: "active",
                variants: [(808950813, "Default Title", "24.50", 40)]),
        product(632910394, "Camp Mug", vendor: "Trailhead", type: "Kitchen", status: "active",
                variants: [(808950814, "Enamel", "18.00", 25), (808950815, "Steel", "22.00", 7)]),
        product(632910395, "Summit Pack 40L", vendor: "Trailhead", type: "Bags", status: "draft",
                variants: [(808950816, "Default Title", "189.00", 0)]),
        product(632910396, "Rain Poncho", vendor: "Acme Outfitters", type: "Outerwear", status: "archived",
                variants: [(808950817, "Default Title", "35.00", 3)]),
    ]

    static let customers: [JSONValue] = [
        customer(207119551, "alice@example.com", "Alice", "Archer", phone: "+16135550101", tags: "vip"),
        customer(207119552, "bob@example.com", "Bob", "Baker", phone: nil, tags: ""),
        customer(207119553, "carol@example.com", "Carol", "Clark", phone: "+16135550103", tags: "wholesale"),
        customer(207119554, "dan@example.com", "Dan", "Dunn", phone: nil, tags: ""),
        customer(207119555, "erin@example.com", "Erin", "Ellis", phone: nil, tags: "newsletter"),
        customer(207119556, "frank@example.com", "Frank", "Fisher", phone: "+16135550106", tags: ""),
    ]

    static let orders: [JSONValue] = [
        order(450789469, 1001, customer: customers[1], financial: "paid", fulfillment: "fulfilled",
              items: [(466157049, 0, 0, 1), (466157050, 1, 0, 2)],
              fulfillments: [(255858046, "success", "UPS", ["1Z2345E60394123456"], "in_transit")]),
        order(450789470, 1002, customer: customers[1], financial: "pending", fulfillment: nil,
              items: [(466157051, 2, 1, 1)], fulfillments: []),
        order(450789471, 1003, customer: customers[0], financial: "paid", fulfillment: "partial",
              items: [(466157052, 0, 2, 1), (466157053, 2, 0, 3)],
              fulfillments: [(255858047, "cancelled", "USPS", ["9400100000000000000001"], nil),
                             (255858048, "success", "USPS", ["9400100000000000000002"], "delivered")]),
        order(450789472, 1004, customer: customers[2], financial: "refunded", fulfillment: nil,
              items: [(466157054, 1, 0, 1)], fulfillments: [], cancelled: "2024-09-12T11:00:00-04:00"),
        order(450789473, 1005, customer: customers[3], financial: "paid", fulfillment: "fulfilled",
              items: [(466157055, 4, 0, 1)],
              fulfillments: [(255858049, "success", "FedEx", ["771234567890"], "delivered")], closed: "2024-09-20T08:30:00-04:00"),
        order(450789474, 1006, customer: nil, financial: "authorized", fulfillment: nil,
              items: [(466157056, 1, 0, 1)], fulfillments: []),
    ]

    static func timestamp(day: Int) -> JSONValue {
        .string("2024-09-\(day < 10 ? "0" : "")\(day)T10:15:00-04:00")
    }

    private static func product(_ id: Int64, _ title: String, vendor: String, type: String, status: String,
                                variants: [(id: Int64, title: String, price: String, stock: Int64)]) -> JSONValue {
        let variantRecords: [JSONValue] = variants.enumerated().map { index, variant in
            [
                "id": .integer(variant.id), "product_id": .integer(id), "title": .string(variant.title),
                "price": .string(variant.price), "compare_at_price": .null, "sku": .string("SKU-\(variant.id)"),
                "position": .integer(Int64(index + 1)), "inventory_policy": "deny",
                "inventory_quantity": .integer(variant.stock), "option1": .string(variant.title), "option2": .null,
                "option3": .null, "taxable": true, "barcode": .null, "grams": 500,
                "created_at": timestamp(day: 1), "updated_at": timestamp(day: 2),
            ]
        }
        let handle = title.lowercased().replacingOccurrences(of: " ", with: "-")
        return [
            "id": .integer(id), "title": .string(title), "body_html": .string("<p>\(title) by \(vendor).</p>"),
            "vendor": .string(vendor), "product_type": .string(type), "handle": .string(handle),
            "status": .string(status), "tags": "", "template_suffix": .null, "published_scope": "web",
            "created_at": timestamp(day: 1), "updated_at": timestamp(day: 2),
            "published_at": status == "active" ? timestamp(day: 1) : .null,
            "variants": .array(variantRecords),
            "options": [["name": "Title", "position": 1, "values": .array(variants.map { .string($0.title) })]],
            "images": [],
        ]
    }

    static func customer(_ id: Int64, _ email: String?, _ first: String?, _ last: String?, phone: String?, tags: String,
                         note: String? = nil, state: String = "enabled", created: JSONValue = timestamp(day: 1)) -> JSONValue {
        [
            "id": .integer(id), "email": email.map(JSONValue.string) ?? .null,
            "first_name": first.map(JSONValue.string) ?? .null, "last_name": last.map(JSONValue.string) ?? .null,
            "phone": phone.map(JSONValue.string) ?? .null, "state": .string(state), "verified_email": true,
            "tags": .string(tags), "note": note.map(JSONValue.string) ?? .null, "currency": "USD",
            "tax_exempt": false, "multipass_identifier": .null,
            "created_at": created, "updated_at": created,
            "email_marketing_consent": ["state": "not_subscribed", "opt_in_level": "single_opt_in", "consent_updated_at": .null],
        ]
    }

    /// `items` name products and variants by index into `products`.
    private static func order(
        _ id: Int64, _ number: Int64, customer: JSONValue?, financial: String, fulfillment: String?,
        items: [(id: Int64, product: Int, variant: Int, quantity: Int64)],
        fulfillments: [(id: Int64, status: String, company: String, numbers: [String], shipment: String?)],
        cancelled: String? = nil, closed: String? = nil
    ) -> JSONValue {
        var subtotal = 0.0
        let lineItems: [JSONValue] = items.map { item in
            let product = products[item.product]
            let variant = product["variants"]?.arrayValue?[item.variant] ?? .null
            let price = variant["price"]?.stringValue ?? "0.00"
            subtotal += (Double(price) ?? 0) * Double(item.quantity)
            let shipped = fulfillment == "fulfilled" || (fulfillment == "partial" && item.variant == 0)
            return [
                "id": .integer(item.id), "product_id": product["id"] ?? .null, "variant_id": variant["id"] ?? .null,
                "title": product["title"] ?? .null, "variant_title": variant["title"] ?? .null, "sku": variant["sku"] ?? .null,
                "vendor": product["vendor"] ?? .null, "quantity": .integer(item.quantity), "price": .string(price),
                "fulfillable_quantity": .integer(shipped || cancelled != nil ? 0 : item.quantity),
                "fulfillment_status": shipped ? "fulfilled" : .null, "requires_shipping": true, "gift_card": false,
            ]
        }
        let tax = (subtotal * 0.08 * 100).rounded() / 100
        let fulfillmentRecords: [JSONValue] = fulfillments.map { shipment in
            [
                "id": .integer(shipment.id), "order_id": .integer(id), "status": .string(shipment.status),
                "created_at": timestamp(day: 6), "updated_at": timestamp(day: 7), "service": "manual",
                "tracking_company": .string(shipment.company), "tracking_number": shipment.numbers.first.map(JSONValue.string) ?? .null,
                "tracking_numbers": .array(shipment.numbers.map(JSONValue.string)),
                "tracking_urls": .array(shipment.numbers.map { .string("https://track.example/\(shipment.company.lowercased())/\($0)") }),
                "shipment_status": shipment.shipment.map(JSONValue.string) ?? .null,
            ]
        }
        var embeddedCustomer: JSONValue = .null
        if let customer {
            embeddedCustomer = ["id": customer["id"] ?? .null, "email": customer["email"] ?? .null,
                                "first_name": customer["first_name"] ?? .null, "last_name": customer["last_name"] ?? .null,
                                "state": customer["state"] ?? .null, "tags": customer["tags"] ?? "", "currency": "USD"]
        }
        var order: [String: JSONValue] = [
            "id": .integer(id), "name": .string("#\(number)"), "order_number": .integer(number), "number": .integer(number - 1000),
            "email": customer?["email"] ?? .null, "contact_email": customer?["email"] ?? .null,
            "created_at": timestamp(day: Int(number - 995)), "updated_at": timestamp(day: Int(number - 994)),
            "processed_at": timestamp(day: Int(number - 995)),
            "closed_at": (closed ?? cancelled).map(JSONValue.string) ?? .null,
            "cancelled_at": cancelled.map(JSONValue.string) ?? .null,
            "cancel_reason": cancelled == nil ? .null : "customer",
            "financial_status": .string(financial), "fulfillment_status": fulfillment.map(JSONValue.string) ?? .null,
            "currency": "USD", "presentment_currency": "USD",
            "subtotal_price": .string(String(format: "%.2f", subtotal)), "total_tax": .string(String(format: "%.2f", tax)),
            "total_price": .string(String(format: "%.2f", subtotal + tax)), "tags": "", "note": .null,
            "test": false, "confirmed": true,
            "line_items": .array(lineItems), "fulfillments": .array(fulfillmentRecords),
        ]
        // Shopify leaves the key out entirely for orders without a customer.
        if customer != nil { order["customer"] = embeddedCustomer }
        return .object(order)
    }
}
