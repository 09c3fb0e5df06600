import PatchbaySDK

/// Orders and where they stand.
extension ShopifyProvider {
    static let orderID: JSONValue = ["type": "integer", "minimum": 1,
                                     "description": "Order id (not the #1001 name), from list_orders."]

    static let listOrders = ActionSpec(
        name: "list_orders", title: "List orders",
        description: "List orders, optionally filtered by status, payment state, shipping state or customer. Use customer_id (from search_customers) to find one customer's orders. Follows Shopify's pages until `limit` orders are collected.",
        inputSchema: ShopifyListInputs.schema("orders", [
            "status": ["type": "string", "enum": ["any", "open", "closed", "cancelled"],
                       "description": "open, closed (archived), cancelled, or any. Default: any (Shopify alone would default to open)."],
            "financial_status": [
                "type": "string",
                "enum": ["any", "authorized", "pending", "paid", "partially_paid", "refunded", "voided",
                         "partially_refunded", "unpaid"],
                "description": "Only orders in this payment state; unpaid means authorized or pending. Default: any.",
            ],
            "fulfillment_status": [
                "type": "string", "enum": ["any", "shipped", "partial", "unshipped", "unfulfilled"],
                "description": "shipped (fully), partial, unshipped (nothing yet), unfulfilled (unshipped or partial). Default: any.",
            ],
            "customer_id": ["type": "integer", "minimum": 1, "description": "Only this customer's orders."],
        ]),
        outputSchema: ShopifyListInputs.output("orders", items: ShopifyShapes.order.schema),
        important: true,
        examples: [ActionExample(description: "Open orders that are paid", input: ["status": "open", "financial_status": "paid"])])

    static let getOrder = ActionSpec(
        name: "get_order", title: "Get an order",
        description: "Return one order by id with its line items, customer, totals and fulfillments.",
        inputSchema: ["type": "object", "required": ["order_id"], "additionalProperties": false,
                      "properties": ["order_id": orderID]],
        outputSchema: ShopifyShapes.order.schema,
        examples: [ActionExample(description: "One order", input: ["order_id": 450789469])])

    static let getOrderStatus = ActionSpec(
        name: "get_order_status", title: "Get an order's status",
        description: "Answer \"where is my order?\": whether it is open, closed or cancelled, paid or not, shipped or not, and the tracking numbers of its shipments.",
        inputSchema: ["type": "object", "required": ["order_id"], "additionalProperties": false,
                      "properties": ["order_id": orderID]],
        outputSchema: [
            "type": "object",
            "required": ["order_id", "name", "state", "financial_status", "fulfillment_status", "cancelled_at", "closed_at",
                         "tracking_numbers", "shipments"],
            "properties": [
                "order_id": ["type": "integer", "description": "Order id."],
                "name": ["type": "string", "description": "Order name customers see, e.g. #1001."],
                "state": ["type": "string", "enum": ["open", "closed", "cancelled"],
                          "description": "cancelled if cancelled, closed if archived, otherwise open."],
                "financial_status": ["type": ["string", "null"],
                                     "description": "pending, authorized, partially_paid, paid, partially_refunded, refunded or voided."],
                "fulfillment_status": ["type": ["string", "null"],
                                       "description": "fulfilled, partial, or null when nothing has shipped yet."],
                "cancelled_at": ["type": ["string", "null"], "description": "When it was cancelled, or null."],
                "cancel_reason": ["type": ["string", "null"], "description": "Why it was cancelled, or null."],
                "closed_at": ["type": ["string", "null"], "description": "When it was closed, or null."],
                "tracking_numbers": ["type": "array", "items": ["type": "string"],
                                     "description": "Tracking numbers of every shipment not cancelled."],
                "shipments": [
                    "type": "array",
                    "description": "Shipments not cancelled, oldest first.",
                    "items": [
                        "type": "object",
                        "required": ["tracking_numbers", "tracking_urls"],
                        "properties": [
                            "status": ["type": "string", "description": "Fulfillment status, e.g. success."],
                            "tracking_company": ["type": "string", "description": "Carrier."],
                            "shipment_status": ["type": "string", "description": "Carrier status, e.g. in_transit or delivered."],
                            "tracking_numbers": ["type": "array", "items": ["type": "string"], "description": "Tracking numbers."],
                            "tracking_urls": ["type": "array", "items": ["type": "string"], "description": "Carrier tracking pages."],
                        ],
                    ],
                ],
            ],
        ],
        important: true,
        examples: [ActionExample(description: "Where is order 450789469", input: ["order_id": 450789469])])
}
