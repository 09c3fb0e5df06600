import PatchbayWire

extension FakeShopify {
    static let orderStatuses: Set<String> = ["open", "closed", "cancelled", "any"]

    /// `orders.json` and `customers/{id}/orders.json`. Like Shopify, only open orders unless
    /// `status` says otherwise. Called with the lock held.
    func listOrders(_ call: Call, customerID: Int?) throws -> FakeShopifyReply {
        try listPage(call, key: "orders", records: orderList) { filters, order in
            if let customerID, order["customer"]?["id"]?.intValue != customerID { return false }
            let status = filters["status"] ?? "open"
            guard Self.orderStatuses.contains(status) else { throw FakeShopifyError.badRequest("status", "Invalid value.") }
            return Self.matches(order, status: status)
                && Self.matches(order, financialStatus: filters["financial_status"] ?? "any")
                && Self.matches(order, fulfillmentStatus: filters["fulfillment_status"] ?? "any")
        }
    }

    private static func matches(_ order: JSONValue, status: String) -> Bool {
        let cancelled = order["cancelled_at"]?.isNull == false
        let closed = order["closed_at"]?.isNull == false
        switch status {
        case "open": return !cancelled && !closed
        case "closed": return closed
        case "cancelled": return cancelled
        default: return true
        }
    }

    private static func matches(_ order: JSONValue, financialStatus wanted: String) -> Bool {
        let actual = order["financial_status"]?.stringValue ?? ""
        switch wanted {
        case "any": return true
        case "unpaid": return ["authorized", "pending"].contains(actual)
        default: return actual == wanted
        }
    }

    /// Shopify's filter words differ from the order's own values: shipped is `fulfilled`,
    /// unshipped is null.
    private static func matches(_ order: JSONValue, fulfillmentStatus wanted: String) -> Bool {
        let actual = order["fulfillment_status"]?.stringValue
        switch wanted {
        case "any": return true
        case "shipped": return actual == "fulfilled"
        case "partial": return actual == "partial"
        case "unshipped": return actual == nil
        case "unfulfilled": return actual == nil || actual == "partial"
        default: return false
        }
    }
}
