import PatchbaySDK

/// Turns Shopify's raw records into the trimmed outputs the action schemas promise.
enum ShopifyRecords {
    static func shop(_ raw: JSONValue) -> JSONValue { .object(ShopifyShapes.shop.trim(raw)) }
    static func product(_ raw: JSONValue) -> JSONValue { .object(ShopifyShapes.product.trim(raw)) }
    static func customer(_ raw: JSONValue) -> JSONValue { .object(ShopifyShapes.customer.trim(raw)) }

    /// Shopify nests line items in their order and the customer in the order without flat
    /// keys; the flat `order_id` and `customer_id` let agents and discovery join them.
    static func order(_ raw: JSONValue) -> JSONValue {
        var order = raw.objectValue ?? [:]
        if let customerID = raw["customer"]?["id"], !customerID.isNull { order["customer_id"] = customerID }
        if let orderID = raw["id"], let items = raw["line_items"]?.arrayValue {
            order["line_items"] = .array(items.map { item in
                var item = item.objectValue ?? [:]
                item["order_id"] = orderID
                return .object(item)
            })
        }
        return .object(ShopifyShapes.order.trim(.object(order)))
    }

    /// The few facts that answer "where is my order?", with every tracking number of every
    /// shipment that was not cancelled.
    static func orderStatus(_ raw: JSONValue) -> JSONValue {
        let fulfillments = raw["fulfillments"]?.arrayValue ?? []
        let active = fulfillments.filter { !["cancelled", "error", "failure"].contains($0["status"]?.stringValue ?? "") }
        var numbers: [JSONValue] = []
        for fulfillment in active {
            for number in fulfillment["tracking_numbers"]?.arrayValue ?? [] where !numbers.contains(number) {
                numbers.append(number)
            }
        }
        let shipments: [JSONValue] = active.map { fulfillment in
            var shipment: [String: JSONValue] = [:]
            for key in ["status", "tracking_company", "shipment_status"] {
                if let value = fulfillment[key], !value.isNull { shipment[key] = value }
            }
            shipment["tracking_numbers"] = fulfillment["tracking_numbers"] ?? []
            shipment["tracking_urls"] = fulfillment["tracking_urls"] ?? []
            return .object(shipment)
        }
        let state: String
        if raw["cancelled_at"].map({ !$0.isNull }) == true {
            state = "cancelled"
        } else if raw["closed_at"].map({ !$0.isNull }) == true {
            state = "closed"
        } else {
            state = "open"
        }
        return [
            "order_id": raw["id"] ?? .null,
            "name": raw["name"] ?? .null,
            "state": .string(state),
            "financial_status": raw["financial_status"] ?? .null,
            "fulfillment_status": raw["fulfillment_status"] ?? .null,
            "cancelled_at": raw["cancelled_at"] ?? .null,
            "cancel_reason": raw["cancel_reason"] ?? .null,
            "closed_at": raw["closed_at"] ?? .null,
            "tracking_numbers": .array(numbers),
            "shipments": .array(shipments),
        ]
    }
}
